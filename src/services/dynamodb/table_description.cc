// DescribeTable's output shape and helpers shared by the control-plane handlers.
#include <chrono>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {
namespace {

// Counts entries by scanning: exact; large tables are counted at most every nine scan-lengths
// (Backend::CachedCounts).
Backend::EntryCounts CountEntries(Backend& db, uint64_t table_id, uint8_t index) {
  Backend::EntryCounts counts;
  storage::IteratorOptions range{IndexPrefix(table_id, index), storage::PrefixEnd(IndexPrefix(table_id, index))};
  auto it = db.store()->NewIterator(db.items_ns(), range);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    ++counts.items;
    auto item = DecodeItem(it->value());
    if (item.ok()) counts.bytes += static_cast<int64_t>(ItemSize(*item));
  }
  return counts;
}

Backend::TableCounts CountTable(Backend& db, const TableInfo& table) {
  if (auto cached = db.CachedCounts(table.id)) return *cached;
  auto started = std::chrono::steady_clock::now();
  Backend::TableCounts counts;
  counts[kBaseTable] = CountEntries(db, table.id, kBaseTable);
  for (const IndexInfo& index : table.indexes) counts[index.number] = CountEntries(db, table.id, index.number);
  db.CacheCounts(table.id, counts, std::chrono::steady_clock::now() - started);
  return counts;
}

}  // namespace

aws::Document DescribeTableNow(Backend& db, const TableInfo& table) {
  aws::Document description = table.description;
  Backend::TableCounts counts = CountTable(db, table);
  description["ItemCount"] = counts[kBaseTable].items;
  description["TableSizeBytes"] = counts[kBaseTable].bytes;
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    if (!description.contains(kind)) continue;
    for (auto& index : description[kind]) {
      const IndexInfo* info = table.FindIndex(index.value("IndexName", std::string()));
      if (!info) continue;
      index["ItemCount"] = counts[info->number].items;
      index["IndexSizeBytes"] = counts[info->number].bytes;
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
