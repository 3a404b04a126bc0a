// ReturnItemCollectionMetrics=SIZE: the size estimate of the item collections a write touched.
// An item collection is every item of a table sharing one partition key value, with their local
// secondary index entries; DynamoDB reports it only for tables with local secondary indexes
// (whose collections are limited to 10 GB).
//
// The estimate is read from storage before the write commits: it is a range of whole gigabytes,
// which one item does not move.
//
// Thread-safety: reads only; safe wherever the Store may be read.
#pragma once

#include <optional>
#include <vector>

#include "aws/protocol/document.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/table.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {

// Whether `input` asks for item collection metrics (ReturnItemCollectionMetrics = SIZE).
bool WantsItemCollectionMetrics(const aws::Document& input);

// {"ItemCollectionKey": {pk: value}, "SizeEstimateRangeGB": [low, high]} for the collection of
// `key` (an item or a key of `table`), or nullopt when `table` has no local secondary index.
std::optional<aws::Document> ItemCollectionMetrics(Backend& db, const TableInfo& table, const aws::Document& key);

// BatchWriteItem's and TransactWriteItems' ItemCollectionMetrics when `input` asks for them:
// table name -> one entry per item collection the writes among `mutations` touch; empty object
// otherwise.
aws::Document ItemCollectionMetricsOf(Backend& db, const aws::Document& input, const std::vector<Mutation>& mutations);

}  // namespace skybox::dynamodb
