// The read path shared by GetItem, BatchGetItem, TransactGetItems, Query and Scan. Reads go to
// the store only, so they see exactly the writes that are durable (item_locks.h).
//
// Query and Scan read one page: a key range of the table or an index (key_encoding.h), walked
// forward or backward from an exclusive start key, stopping at Limit evaluated items or once
// 1 MB of items was read, whichever comes first; LastEvaluatedKey is then the key of the last
// item read. Filters apply after the limit, as in DynamoDB.
//
// Thread-safety: pure functions over the store.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/projection.h"

namespace skybox::dynamodb {

// The item with `key` (checked with CheckKey), or nullopt; as of `snapshot` when given.
Result<std::optional<aws::Document>> ReadItem(Backend& db, const TableInfo& table, const aws::Document& key,
                                              const storage::Snapshot* snapshot = nullptr);

struct PageRequest {
  std::shared_ptr<const TableInfo> table;
  const IndexInfo* index = nullptr;  // nullptr: the base table
  std::string lower;                 // inclusive
  std::string upper;                 // exclusive
  bool forward = true;
  int64_t limit = 0;  // 0: none
  bool consistent = false;
  bool count_only = false;
  bool fetch_from_table = false;  // LSI queries asking for non-projected attributes
  bool return_index_entry = false;  // fetched only for the filter: return what the index projects
  std::optional<Condition> filter;
  std::optional<Projection> projection;
};

struct Page {
  std::vector<aws::Document> items;
  int64_t scanned = 0;
  std::optional<aws::Document> last_evaluated_key;
  Capacity capacity;
};

Result<Page> ReadPage(Backend& db, const PageRequest& request);

// The shared request members of Query and Scan: IndexName (with ConsistentRead rules), Select,
// projection, filter, Limit, ExclusiveStartKey (validated and narrowed into the range). Fills
// `request` except lower/upper, which the caller sets before calling ApplyExclusiveStartKey.
Status ParseReadRequest(Backend& db, const aws::Document& in, const char* legacy_filter,
                        ExpressionAttributes& attributes, PageRequest* request);
Status ApplyExclusiveStartKey(const aws::Document& in, PageRequest* request);
// The storage key of the request's ExclusiveStartKey in `request`'s table or index; nullopt
// without one, ValidationException when it does not match the key schema.
Result<std::optional<std::string>> ExclusiveStartStorageKey(const aws::Document& in, const PageRequest& request);

// The Query/Scan output of `page` (Items, Count, ScannedCount, LastEvaluatedKey, capacity).
aws::Document PageOutput(const aws::Document& in, const PageRequest& request, Page page);

}  // namespace skybox::dynamodb
