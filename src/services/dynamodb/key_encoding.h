// Key encoding: how DynamoDB items and index entries are laid out in the ordered store, and the
// order-preserving byte encodings of key attribute values (S, N, B). This is the ONE place that
// defines them; everything that builds or parses a storage key goes through here.
//
// Layout of the "dynamodb.items" namespace (all integers big-endian):
//
//   base item    : table_id u64 | 0x00      | hash u16 | E(pk) [| E(sk)]
//   index entry  : table_id u64 | index u8  | hash u16 | E(ipk) [| E(isk)] | E(pk) [| E(sk)]
//
// `index` is the index's number (1..255) in the table's metadata; `hash` is PartitionHash of
// the encoded partition key value, so a table (or index) scans in hash order, as DynamoDB's
// does, and Scan segments are contiguous hash ranges. All items of one partition are
// contiguous and ordered by their sort key, so Query is a bounded range scan and a page resumes
// with one Seek, whatever the partition's size.
//
// E(v) is order-preserving (bytewise order of E(a) vs E(b) equals DynamoDB's order of a vs b
// for values of the same type) and prefix-free (no encoding is a proper prefix of another of
// the same type), so concatenated components compare component by component:
//   S, B : the bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01.
//   N    : 0x02 for zero; positives 0x03 | (exponent+130) u8 | digit bytes ('0'..'9' -> 1..10)
//          | 0x00; negatives 0x01 | (125-exponent) u8 | digits as 0xFE-d | 0xFF. Digits are the
//          normalised significant digits (no leading or trailing zeros).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/expr/number.h"
#include "storage/iterator.h"

namespace skybox::dynamodb {

// The scalar types a key attribute may have (AttributeDefinitions' AttributeType).
enum class KeyType : char { kS = 'S', kN = 'N', kB = 'B' };
std::optional<KeyType> KeyTypeFromName(std::string_view name);
std::string_view KeyTypeName(KeyType type);

// Appends E(value) for a string or binary value.
void AppendBytesKey(std::string* out, std::string_view bytes);
// Appends the common prefix of E(v) for every S/B value v that starts with `bytes` (begins_with).
void AppendBytesKeyPrefix(std::string* out, std::string_view bytes);
// Appends E(value) for a number.
void AppendNumberKey(std::string* out, const Number& number);

// Appends E(value) for an attribute value of `type` ({"S":..}, {"N":..}, {"B":..}). Fails with
// kInvalidArgument when the value is not of that type or (N) is not a valid number; callers
// validate types first and turn failures into AWS's messages.
Status AppendKeyValue(std::string* out, KeyType type, const aws::Document& value);

// 16 bits of a stable hash of an encoded partition key value.
uint16_t PartitionHash(std::string_view encoded_pk);

inline constexpr uint8_t kBaseTable = 0;

// table_id | index: every key of one table (index 0) or one index.
std::string IndexPrefix(uint64_t table_id, uint8_t index);
// IndexPrefix | hash | E(pk): every entry of one partition.
std::string PartitionPrefix(uint64_t table_id, uint8_t index, std::string_view encoded_pk);

// The key of stream record `sequence` of a table in the "dynamodb.streams" namespace:
// table_id u64 | sequence u64, so a table's records are contiguous and in commit order.
std::string StreamRecordKey(uint64_t table_id, uint64_t sequence);

// The [lower, upper) range of one Scan segment of `total` (1..1000000) over a table or index.
struct KeyRange {
  std::string lower;
  std::string upper;
};
KeyRange SegmentRange(uint64_t table_id, uint8_t index, uint32_t segment, uint32_t total);

}  // namespace skybox::dynamodb
