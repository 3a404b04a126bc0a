#include "services/dynamodb/item_codec.h"

#include "services/dynamodb/backend.h"
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/stored_item_reader.h"

namespace skybox::dynamodb {
namespace {

constexpr size_t kMaxPartitionKeyBytes = 2048;
constexpr size_t kMaxSortKeyBytes = 1024;

std::string_view TypeNameOf(const aws::Document& value) {
  auto type = TypeOf(value);
  return type ? AttributeTypeName(*type) : std::string_view("?");
}

bool HasType(const aws::Document& value, KeyType type) {
  return value.is_object() && value.size() == 1 && value.contains(KeyTypeName(type));
}

size_t KeyValueBytes(const aws::Document& value) {
  if (value.contains("S")) return value["S"].get_ref<const std::string&>().size();
  if (value.contains("B")) return value["B"].get_binary().size();
  return AttributeValueSize(value);
}

bool IsEmptyKeyValue(const aws::Document& value) {
  return (value.contains("S") && value["S"].is_string() && value["S"].get_ref<const std::string&>().empty()) ||
         (value.contains("B") && value["B"].is_binary() && value["B"].get_binary().empty());
}

Status CheckKeySizes(const KeySchema& key, const aws::Document& item) {
  if (KeyValueBytes(item[key.hash.name]) > kMaxPartitionKeyBytes) {
    return ValidationError("One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes");
  }
  if (key.range && KeyValueBytes(item[key.range->name]) > kMaxSortKeyBytes) {
    return ValidationError("One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
  }
  return Status::Ok();
}

Status CheckEmptyKeyValues(const KeySchema& key, const aws::Document& item) {
  for (const KeyAttribute* attr : {&key.hash, key.range ? &*key.range : nullptr}) {
    if (attr && IsEmptyKeyValue(item[attr->name])) {
      return ValidationError("One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty " +
                             std::string(attr->type == KeyType::kB ? "binary" : "string") + " value. Key: " + attr->name);
    }
  }
  return Status::Ok();
}

}  // namespace

Status CheckKey(const TableInfo& table, const aws::Document& key) {
  const KeySchema& schema = table.key;
  size_t expected = schema.range ? 2 : 1;
  auto mismatch = [] { return ValidationError("The provided key element does not match the schema"); };
  if (!key.is_object() || key.size() != expected) return mismatch();
  for (const KeyAttribute* attr : {&schema.hash, schema.range ? &*schema.range : nullptr}) {
    if (!attr) continue;
    auto it = key.find(attr->name);
    if (it == key.end() || !HasType(*it, attr->type)) return mismatch();
  }
  SKYBOX_RETURN_IF_ERROR(CheckEmptyKeyValues(schema, key));
  if (schema.hash.type == KeyType::kN || (schema.range && schema.range->type == KeyType::kN)) {
    if (!EncodeKey(schema, key)) return mismatch();
  }
  return CheckKeySizes(schema, key);
}

Status CheckItem(const TableInfo& table, const aws::Document& item) {
  const KeySchema& schema = table.key;
  for (const KeyAttribute* attr : {&schema.hash, schema.range ? &*schema.range : nullptr}) {
    if (!attr) continue;
    auto it = item.find(attr->name);
    if (it == item.end()) {
      return ValidationError("One or more parameter values were invalid: Missing the key " + attr->name + " in the item");
    }
    if (!HasType(*it, attr->type)) {
      return ValidationError("One or more parameter values were invalid: Type mismatch for key " + attr->name +
                             " expected: " + std::string(KeyTypeName(attr->type)) + " actual: " + std::string(TypeNameOf(*it)));
    }
  }
  SKYBOX_RETURN_IF_ERROR(CheckEmptyKeyValues(schema, item));
  SKYBOX_RETURN_IF_ERROR(CheckKeySizes(schema, item));
  for (const auto& index : table.indexes) {
    for (const KeyAttribute* attr : {&index.key.hash, index.key.range ? &*index.key.range : nullptr}) {
      if (!attr) continue;
      auto it = item.find(attr->name);
      if (it == item.end()) continue;
      if (!HasType(*it, attr->type)) {
        return ValidationError("One or more parameter values were invalid: Type mismatch for Index Key " + attr->name +
                               " Expected: " + std::string(KeyTypeName(attr->type)) + " Actual: " +
                               std::string(TypeNameOf(*it)) + " IndexName: " + index.name);
      }
      if (IsEmptyKeyValue(*it)) {
        return ValidationError(
            "One or more parameter values are not valid. A value specified for a secondary index key is not supported. "
            "The AttributeValue for a key attribute cannot contain an empty string value. IndexName: " +
            index.name + ", IndexKey: " + attr->name);
      }
    }
  }
  if (ItemSize(item) > kMaxItemSize) return ValidationError("Item size has exceeded the maximum allowed size");
  return Status::Ok();
}

aws::Document KeyOf(const KeySchema& key, const aws::Document& item) {
  aws::Document out = aws::Document::object();
  out[key.hash.name] = item[key.hash.name];
  if (key.range) out[key.range->name] = item[key.range->name];
  return out;
}

aws::Document KeyOf(const TableInfo& table, const IndexInfo* index, const aws::Document& item) {
  aws::Document out = KeyOf(table.key, item);
  if (index) out.update(KeyOf(index->key, item));
  return out;
}

std::optional<EncodedKey> EncodeKey(const KeySchema& key, const aws::Document& item) {
  EncodedKey out;
  auto it = item.find(key.hash.name);
  if (it == item.end() || !AppendKeyValue(&out.pk, key.hash.type, *it).ok()) return std::nullopt;
  if (key.range) {
    it = item.find(key.range->name);
    if (it == item.end() || !AppendKeyValue(&out.sk, key.range->type, *it).ok()) return std::nullopt;
  }
  return out;
}

std::string BaseItemKey(const TableInfo& table, const aws::Document& item) {
  std::optional<EncodedKey> key = EncodeKey(table.key, item);
  std::string out = PartitionPrefix(table.id, kBaseTable, key ? key->pk : std::string());
  if (key) out += key->sk;
  return out;
}

std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index, const aws::Document& item) {
  std::optional<EncodedKey> index_key = EncodeKey(index.key, item);
  if (!index_key || IsEmptyKeyValue(item[index.key.hash.name]) ||
      (index.key.range && IsEmptyKeyValue(item[index.key.range->name]))) {
    return std::nullopt;
  }
  std::optional<EncodedKey> base_key = EncodeKey(table.key, item);
  if (!base_key) return std::nullopt;
  std::string out = PartitionPrefix(table.id, index.number, index_key->pk);
  out += index_key->sk;
  out += base_key->pk;
  out += base_key->sk;
  return out;
}

aws::Document ProjectForIndex(const TableInfo& table, const IndexInfo& index, const aws::Document& item) {
  if (index.projection == ProjectionType::kAll) return item;
  aws::Document out = KeyOf(table, &index, item);
  for (const auto& name : index.non_key_attributes) {
    auto it = item.find(name);
    if (it != item.end()) out[name] = *it;
  }
  return out;
}

std::string EncodeItem(const aws::Document& item) {
  std::vector<uint8_t> bytes = aws::Document::to_cbor(item);
  return std::string(bytes.begin(), bytes.end());
}

Result<aws::Document> DecodeItem(std::string_view bytes) {
  if (std::optional<aws::Document> item = ReadStoredItem(bytes)) return std::move(*item);
  aws::Document item = aws::Document::from_cbor(bytes.begin(), bytes.end(), true, false);
  if (item.is_discarded()) return Status(StatusCode::kDataLoss, "undecodable stored item");
  return item;
}

void AddItemChange(storage::WriteBatch* batch, storage::Namespace items, const TableInfo& table,
                   const aws::Document* old_item, const aws::Document* new_item, std::string_view encoded_new_item) {
  if (new_item) {
    batch->Put(items, BaseItemKey(table, *new_item), std::string(encoded_new_item));
  } else if (old_item) {
    batch->Delete(items, BaseItemKey(table, *old_item));
  }
  for (const auto& index : table.indexes) {
    std::optional<std::string> old_key = old_item ? IndexEntryKey(table, index, *old_item) : std::nullopt;
    std::optional<std::string> new_key = new_item ? IndexEntryKey(table, index, *new_item) : std::nullopt;
    if (new_key) {
      aws::Document projected = ProjectForIndex(table, index, *new_item);
      if (old_key == new_key && ProjectForIndex(table, index, *old_item) == projected) continue;
      if (old_key && old_key != new_key) batch->Delete(items, *old_key);
      batch->Put(items, *new_key, EncodeItem(projected));
    } else if (old_key) {
      batch->Delete(items, *old_key);
    }
  }
}

}  // namespace skybox::dynamodb
