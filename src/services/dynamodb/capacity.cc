#include "services/dynamodb/capacity.h"

#include <algorithm>
#include <cmath>

namespace skybox::dynamodb {

double ReadUnits(size_t bytes, bool consistent) {
  double units = std::max(1.0, std::ceil(static_cast<double>(bytes) / 4096.0));
  return consistent ? units : units / 2;
}

double WriteUnits(size_t bytes) { return std::max(1.0, std::ceil(static_cast<double>(bytes) / 1024.0)); }

void Capacity::AddIndex(const IndexInfo& index, double units) {
  (index.global ? global_indexes : local_indexes)[index.name] += units;
}

double Capacity::total() const {
  double sum = table;
  for (const auto& [name, units] : global_indexes) sum += units;
  for (const auto& [name, units] : local_indexes) sum += units;
  return sum;
}

Capacity& Capacity::operator+=(const Capacity& other) {
  table += other.table;
  for (const auto& [name, units] : other.global_indexes) global_indexes[name] += units;
  for (const auto& [name, units] : other.local_indexes) local_indexes[name] += units;
  return *this;
}

bool ReportsCapacity(std::string_view mode) { return mode == "TOTAL" || mode == "INDEXES"; }

std::optional<aws::Document> ConsumedCapacity(std::string_view mode, const std::string& table_name, const Capacity& capacity) {
  if (!ReportsCapacity(mode)) return std::nullopt;
  const char* per_kind = capacity.kind == Capacity::Kind::kRead ? "ReadCapacityUnits" : "WriteCapacityUnits";
  auto units = [&](double value) { return aws::Document{{"CapacityUnits", value}, {per_kind, value}}; };
  aws::Document out = units(capacity.total());
  out["TableName"] = table_name;
  if (mode == "INDEXES") {
    out["Table"] = units(capacity.table);
    for (const auto& [name, value] : capacity.global_indexes) out["GlobalSecondaryIndexes"][name] = units(value);
    for (const auto& [name, value] : capacity.local_indexes) out["LocalSecondaryIndexes"][name] = units(value);
  }
  return out;
}

void AddConsumedCapacity(const aws::Document& input, const std::string& table_name, const Capacity& capacity,
                         aws::Document* output) {
  auto consumed = ConsumedCapacity(input.value("ReturnConsumedCapacity", std::string()), table_name, capacity);
  if (consumed) (*output)["ConsumedCapacity"] = std::move(*consumed);
}

}  // namespace skybox::dynamodb
