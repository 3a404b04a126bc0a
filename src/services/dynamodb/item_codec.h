// Items in storage: primary-key validation with AWS's messages, the storage keys of a base item
// and of its index entries, index projections, and the stored (CBOR) form of items.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/table.h"
#include "storage/write_batch.h"

namespace skybox::dynamodb {

// Checks a Key member (GetItem, DeleteItem, UpdateItem, BatchGetItem, ...): exactly the table's
// key attributes with their types, else "The provided key element does not match the schema";
// empty S/B values get AWS's "cannot contain an empty string value" message.
Status CheckKey(const TableInfo& table, const aws::Document& key);
// Checks a full item's key attributes (PutItem): "Missing the key x in the item", "Type mismatch
// for key x expected: S actual: N", empty values, key sizes; and index key attributes that are
// present ("Type mismatch for Index Key ..."). Also checks the 400 KB item size.
Status CheckItem(const TableInfo& table, const aws::Document& item);

// The key attributes of `item` (which must contain them) as a Key map.
aws::Document KeyOf(const KeySchema& key, const aws::Document& item);
// Table key plus, for an index, the index's key attributes (LastEvaluatedKey of a Query/Scan).
aws::Document KeyOf(const TableInfo& table, const IndexInfo* index, const aws::Document& item);

// The encoded partition and sort key of `item` under `key`; nullopt when an attribute is
// missing or of the wrong type (a sparse index skips such items).
struct EncodedKey {
  std::string pk;
  std::string sk;  // empty when the schema has no sort key
};
std::optional<EncodedKey> EncodeKey(const KeySchema& key, const aws::Document& item);

// The storage key of a base item (its key attributes must have passed CheckKey/CheckItem).
std::string BaseItemKey(const TableInfo& table, const aws::Document& item);
// The storage key of `item`'s entry in `index`, or nullopt when the item is not in the index.
std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index, const aws::Document& item);
// The attributes an index entry keeps: all, or the table and index keys (+ NonKeyAttributes).
aws::Document ProjectForIndex(const TableInfo& table, const IndexInfo& index, const aws::Document& item);

std::string EncodeItem(const aws::Document& item);
Result<aws::Document> DecodeItem(std::string_view bytes);

// Adds to `batch` the changes that turn `old_item` into `new_item` (either may be null: insert
// or delete): the base item and every index entry. Index entries whose key did not change and
// whose projection is unchanged are not rewritten. `encoded_new_item` is EncodeItem(*new_item)
// (ignored when new_item is null), which the caller has anyway for its item locks.
void AddItemChange(storage::WriteBatch* batch, storage::Namespace items, const TableInfo& table,
                   const aws::Document* old_item, const aws::Document* new_item, std::string_view encoded_new_item);

}  // namespace skybox::dynamodb
