// DescribeTable's output shape and helpers shared by the control-plane handlers.
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {
namespace {

struct Counts {
  int64_t items = 0;
  int64_t bytes = 0;
};

// Counts entries by scanning: exact, and cheap for the table sizes an emulator serves; DynamoDB
// itself only refreshes these figures every six hours.
Counts CountEntries(Backend& db, uint64_t table_id, uint8_t index) {
  Counts counts;
  storage::IteratorOptions range{IndexPrefix(table_id, index), PrefixSuccessor(IndexPrefix(table_id, index))};
  auto it = db.store()->NewIterator(db.items_ns(), range);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++counts.items;
    auto item = DecodeItem(it->value());
    if (item.ok()) counts.bytes += static_cast<int64_t>(ItemSize(*item));
  }
  return counts;
}

}  // namespace

aws::Document DescribeTableNow(Backend& db, const TableInfo& table) {
  aws::Document description = table.description;
  Counts counts = CountEntries(db, table.id, kBaseTable);
  description["ItemCount"] = counts.items;
  description["TableSizeBytes"] = counts.bytes;
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (!description.contains(kind)) continue;
    for (auto& index : description[kind]) {
      const IndexInfo* info = table.FindIndex(index.value("IndexName", std::string()));
      if (!info) continue;
      Counts index_counts = CountEntries(db, table.id, info->number);
      index["ItemCount"] = index_counts.items;
      index["IndexSizeBytes"] = index_counts.bytes;
    }
  }
  return description;
}

std::string TableNameFromArnOrName(std::string_view name_or_arn) {
  if (name_or_arn.substr(0, 4) == "arn:") {
    size_t slash = name_or_arn.find(":table/");
    if (slash != std::string_view::npos) {
      std::string_view rest = name_or_arn.substr(slash + 7);
      return std::string(rest.substr(0, rest.find('/')));
    }
  }
  return std::string(name_or_arn);
}

Status TableNotFound() {
  return ResourceNotFound("Requested resource not found");
}

Status CheckTableName(std::string_view name, std::string_view member) {
  auto error = [&](std::string_view constraint) {
    return ValidationError("1 validation error detected: Value '" + std::string(name) + "' at '" + std::string(member) +
                           "' failed to satisfy constraint: " + std::string(constraint));
  };
  if (name.size() < 3) return error("Member must have length greater than or equal to 3");
  if (name.size() > 255) return error("Member must have length less than or equal to 255");
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') {
      return error("Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
  }
  return Status::Ok();
}

}  // namespace skybox::dynamodb
