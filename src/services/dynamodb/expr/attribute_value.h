// Attribute values and items in DynamoDB's wire form, as aws::Document (nlohmann::json):
//   {"S":"x"} {"N":"1.5"} {"B":<binary>} {"SS":[..]} {"NS":[..]} {"BS":[<binary>..]}
//   {"M":{name: value}} {"L":[value..]} {"NULL":true} {"BOOL":true}
// An item is an object: attribute name -> attribute value.
//
// This header holds DynamoDB's data rules: validation with AWS's messages, canonical form
// (numbers normalised), equality and ordering as the expression languages use them, and item
// size as AWS computes it for the 400 KB limit and capacity units.
//
// Functions that take a value assume it passed Validate/Canonical unless they say otherwise.
// Thread-safety: free functions over values; safe to call concurrently.
#pragma once

#include <compare>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::dynamodb {

using aws::Document;

enum class AttributeType { kS, kN, kB, kSS, kNS, kBS, kM, kL, kNull, kBool };

// The wire name of a type: "S", "N", "B", "SS", "NS", "BS", "M", "L", "NULL", "BOOL".
std::string_view AttributeTypeName(AttributeType type);
std::optional<AttributeType> AttributeTypeFromName(std::string_view name);

// The type of a well-formed attribute value (an object with exactly one known member);
// nullopt for anything else.
std::optional<AttributeType> TypeOf(const Document& value);

// DynamoDB limits.
inline constexpr int kMaxNestingDepth = 32;           // M/L levels within an item
inline constexpr size_t kMaxItemSize = 400 * 1024;    // bytes, as computed by ItemSize
// The ValidationException message for a value nested deeper than kMaxNestingDepth.
inline constexpr std::string_view kNestingLimitMessage =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";

// Validates one attribute value and returns its canonical copy: numbers (N, NS members)
// normalised as Number::ToString does. `depth` is the nesting level of `value` (1 for a
// top-level attribute). Failures are ValidationException with AWS's messages, e.g.
//   "One or more parameter values were invalid: An string set  may not be empty"
//   "One or more parameter values were invalid: Input collection [a, a] contains duplicates."
//   "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
//   "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the
//    supported datatypes"
//   "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels
//    beyond supported limit"
//   plus Number::Parse's messages.
Result<Document> CanonicalAttributeValue(const Document& value, int depth = 1);

// Validates every attribute of an item (an object) and returns its canonical copy.
// Also fails when the item is not an object.
Result<Document> CanonicalItem(const Document& item);

// Equality as DynamoDB's "=" sees it: same type and same value; numbers compare numerically,
// sets as unordered collections, maps by members, lists element by element.
bool AttributeValuesEqual(const Document& a, const Document& b);

// Ordering for <, <=, >, >=, BETWEEN and sort keys: defined only when both are S (UTF-8 bytes,
// unsigned), both N (numeric) or both B (unsigned bytes); nullopt otherwise.
std::optional<std::strong_ordering> CompareAttributeValues(const Document& a, const Document& b);

// Size in bytes of one value as AWS counts it (strings: UTF-8 bytes; binaries: bytes;
// numbers: from their significant digits; BOOL/NULL: 1; M/L: 3 + 1 per element + contents;
// sets: the sum of their members).
size_t AttributeValueSize(const Document& value);
// Size of an item: for each attribute, the UTF-8 length of its name plus its value's size.
size_t ItemSize(const Document& item);

}  // namespace skybox::dynamodb
