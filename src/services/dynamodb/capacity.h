// Capacity units as DynamoDB charges them, and the ConsumedCapacity output member.
//
// Reads: one unit per 4 KB (rounded up) of the item(s) read, halved for eventually consistent
// reads; a read of a missing item still costs the minimum. Writes: one unit per 1 KB (rounded up,
// at least 1) of the larger of the old and new item, for the table and for every index whose
// entry the write changes. Transactions cost twice as much.
//
// Thread-safety: value types and pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"
#include "services/dynamodb/table.h"

namespace skybox::dynamodb {

double ReadUnits(size_t bytes, bool consistent);
double WriteUnits(size_t bytes);

struct Capacity {
  enum class Kind { kRead, kWrite };
  Kind kind = Kind::kRead;
  double table = 0;
  std::map<std::string, double> global_indexes;
  std::map<std::string, double> local_indexes;

  void AddIndex(const IndexInfo& index, double units);
  double total() const;
  Capacity& operator+=(const Capacity& other);
};

// True when ReturnConsumedCapacity `mode` asks for a ConsumedCapacity member (TOTAL, INDEXES).
bool ReportsCapacity(std::string_view mode);
// The ConsumedCapacity member for ReturnConsumedCapacity `mode` ("TOTAL", "INDEXES"); nullopt
// for "NONE" or an absent mode.
std::optional<aws::Document> ConsumedCapacity(std::string_view mode, const std::string& table_name, const Capacity& capacity);
// Adds ConsumedCapacity to `output` when `input` asks for it (single-table operations).
void AddConsumedCapacity(const aws::Document& input, const std::string& table_name, const Capacity& capacity,
                         aws::Document* output);

}  // namespace skybox::dynamodb
