#include "services/dynamodb/item_collection_metrics.h"

#include <cmath>
#include <set>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/key_encoding.h"

namespace skybox::dynamodb {
namespace {

// The bytes of every entry of one partition of the table (index kBaseTable) or of an index.
uint64_t PartitionBytes(Backend& db, uint64_t table_id, uint8_t index, const std::string& encoded_pk) {
  std::string prefix = PartitionPrefix(table_id, index, encoded_pk);
  auto it = db.store()->NewIterator(db.items_ns(), {prefix, storage::PrefixEnd(prefix)});
  uint64_t bytes = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    auto item = DecodeItem(it->value());
    if (item.ok()) bytes += ItemSize(*item);
  }
  return bytes;
}

}  // namespace

bool WantsItemCollectionMetrics(const aws::Document& input) {
  return input.value("ReturnItemCollectionMetrics", std::string()) == "SIZE";
}

std::optional<aws::Document> ItemCollectionMetrics(Backend& db, const TableInfo& table, const aws::Document& key) {
  std::vector<const IndexInfo*> local;
  for (const IndexInfo& index : table.indexes) {
    if (!index.global) local.push_back(&index);
  }
  auto encoded = EncodeKey(table.key, key);
  if (local.empty() || !encoded) return std::nullopt;
  uint64_t bytes = PartitionBytes(db, table.id, kBaseTable, encoded->pk);
  // A local index is partitioned like its table, so its entries share the encoded partition key.
  for (const IndexInfo* index : local) bytes += PartitionBytes(db, table.id, index->number, encoded->pk);
  double low = std::floor(static_cast<double>(bytes) / (1024.0 * 1024.0 * 1024.0));
  const std::string& pk = table.key.hash.name;
  return aws::Document{{"ItemCollectionKey", {{pk, key[pk]}}}, {"SizeEstimateRangeGB", {low, low + 1}}};
}

aws::Document ItemCollectionMetricsOf(Backend& db, const aws::Document& input, const std::vector<Mutation>& mutations) {
  aws::Document out = aws::Document::object();
  if (!WantsItemCollectionMetrics(input)) return out;
  std::set<std::string> seen;
  for (const Mutation& m : mutations) {
    if (m.kind == Mutation::Kind::kConditionCheck) continue;
    auto metrics = ItemCollectionMetrics(db, *m.table, m.key);
    if (!metrics || !seen.insert(m.table->name + "\n" + (*metrics)["ItemCollectionKey"].dump()).second) continue;
    out[m.table->name].push_back(std::move(*metrics));
  }
  return out;
}

}  // namespace skybox::dynamodb
