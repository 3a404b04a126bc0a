// The DynamoDB operation handlers, one file per operation (or per small family), all of the shape
// `void Op(Backend&, aws::Call, aws::CallDone)`. Inputs were validated against the model by the
// codec; handlers add DynamoDB's own rules and answer with AWS's errors and output shapes.
//
// Thread-safety: handlers are stateless; all state is in Backend.
#pragma once

#include "aws/service.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/partiql/translate.h"

namespace skybox::dynamodb {

// Control plane.
void CreateTable(Backend& db, aws::Call call, aws::CallDone done);
void DescribeTable(Backend& db, aws::Call call, aws::CallDone done);
void ListTables(Backend& db, aws::Call call, aws::CallDone done);
void DeleteTable(Backend& db, aws::Call call, aws::CallDone done);
void UpdateTable(Backend& db, aws::Call call, aws::CallDone done);
void TagResource(Backend& db, aws::Call call, aws::CallDone done);
void UntagResource(Backend& db, aws::Call call, aws::CallDone done);
void ListTagsOfResource(Backend& db, aws::Call call, aws::CallDone done);
void UpdateTimeToLive(Backend& db, aws::Call call, aws::CallDone done);
void DescribeTimeToLive(Backend& db, aws::Call call, aws::CallDone done);
void UpdateContinuousBackups(Backend& db, aws::Call call, aws::CallDone done);
void DescribeContinuousBackups(Backend& db, aws::Call call, aws::CallDone done);
void DescribeLimits(Backend& db, aws::Call call, aws::CallDone done);
void DescribeEndpoints(Backend& db, aws::Call call, aws::CallDone done);

// Items.
void PutItem(Backend& db, aws::Call call, aws::CallDone done);
void GetItem(Backend& db, aws::Call call, aws::CallDone done);
void DeleteItem(Backend& db, aws::Call call, aws::CallDone done);
void UpdateItem(Backend& db, aws::Call call, aws::CallDone done);
void Query(Backend& db, aws::Call call, aws::CallDone done);
void Scan(Backend& db, aws::Call call, aws::CallDone done);
void BatchGetItem(Backend& db, aws::Call call, aws::CallDone done);
void BatchWriteItem(Backend& db, aws::Call call, aws::CallDone done);
void TransactWriteItems(Backend& db, aws::Call call, aws::CallDone done);
void TransactGetItems(Backend& db, aws::Call call, aws::CallDone done);

// --- shared by the handlers ---

// The TableDescription of `table` as DescribeTable returns it, with ItemCount/TableSizeBytes
// (and the indexes' counts) computed from storage.
aws::Document DescribeTableNow(Backend& db, const TableInfo& table);
// A table name/ARN from a request member ("TableName" or "ResourceArn") resolved to a name.
std::string TableNameFromArnOrName(std::string_view name_or_arn);
// The data-plane error for an unknown table.
Status TableNotFound();
// ValidationException for a table name that AWS would reject (pattern and length), naming the
// request member `member` ("tableName").
Status CheckTableName(std::string_view name, std::string_view member = "tableName");

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

// --- table schema rules shared by CreateTable and UpdateTable (create_table.cc) ---

// Checks a KeySchema list's shape (HASH first, RANGE second, distinct names).
Status CheckKeySchemaShape(const aws::Document& key_schema);
// The description of a GSI from its CreateTable/UpdateTable specification; `pay_per_request`
// decides whether ProvisionedThroughput is required or forbidden.
Result<aws::Document> GlobalIndexDescription(const aws::Document& spec, bool pay_per_request,
                                             const std::string& table_arn);
// ProvisionedThroughputDescription for `throughput` (zeros when null: on-demand).
aws::Document ThroughputDescription(const aws::Document* throughput);
// Seconds since the epoch, as a fractional number (for *DateTime members).
double NowSeconds();

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

// DynamoDB Streams (model "dynamodbstreams"): one shard per table stream (streams_api.cc).
void ListStreams(Backend& db, aws::Call call, aws::CallDone done);
void DescribeStream(Backend& db, aws::Call call, aws::CallDone done);
void GetShardIterator(Backend& db, aws::Call call, aws::CallDone done);
void GetRecords(Backend& db, aws::Call call, aws::CallDone done);

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

// PartiQL: ExecuteStatement (execute_statement.cc), BatchExecuteStatement
// (batch_execute_statement.cc) and ExecuteTransaction (execute_transaction.cc). Statements are
// translated into native requests (partiql/translate.h) and run by the native handlers.
void ExecuteStatement(Backend& db, aws::Call call, aws::CallDone done);
void BatchExecuteStatement(Backend& db, aws::Call call, aws::CallDone done);
void ExecuteTransaction(Backend& db, aws::Call call, aws::CallDone done);

// A statement ready to run: its kind and its native request.
struct PreparedStatement {
  partiql::Statement::Kind kind = partiql::Statement::Kind::kSelect;
  partiql::NativeRequest native;
};
// Parses `text` with `parameters` and translates it for its table's (or index's) key schema;
// ResourceNotFoundException for an unknown table or index. `point_read` as in Translate.
Result<PreparedStatement> PreparePartiql(Backend& db, std::string_view text, const aws::Document& parameters,
                                         bool point_read);
// Runs `prepared` through its native handler with the context of `call`; an INSERT that finds
// its key answers DuplicateItemException, an EXISTS (ExecuteTransaction only) a
// ValidationException. `done` gets the native output.
void RunPrepared(Backend& db, const aws::Call& call, PreparedStatement prepared, aws::CallDone done);

// ExecuteStatement's paging token: `position` (an object) as CBOR in base64, and back
// (ValidationException "Invalid NextToken" for anything else).
std::string EncodeNextToken(const aws::Document& position);
Result<aws::Document> DecodeNextToken(std::string_view token);

// A SELECT with `key IN (...)` (`native.partition_values`): one Query per partition value, in
// order (partition_queries.cc). `native.input` holds the statement's Limit and read options;
// `resume` is the decoded NextToken ({"in": partition[, "after": LastEvaluatedKey]}) of the
// previous page, if any. `done` gets ExecuteStatement's output (Items, NextToken,
// ConsumedCapacity summed over the Queries).
void RunPartitionQueries(Backend& db, const aws::Call& call, partiql::NativeRequest native,
                         const std::optional<aws::Document>& resume, aws::CallDone done);

}  // namespace skybox::dynamodb
