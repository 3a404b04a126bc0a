// Translation of a parsed PartiQL statement into the equivalent native DynamoDB request
// (Query, Scan, GetItem, PutItem, UpdateItem, DeleteItem input documents with expressions and
// ExpressionAttributeNames/Values), so that PartiQL runs through the same read/write paths,
// condition evaluator and validation as the native API.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/partiql/statement.h"

namespace skybox::dynamodb::partiql {

// The key attribute names of the table (or index) a statement targets.
struct KeyNames {
  std::string hash;
  std::optional<std::string> range;
};

struct NativeRequest {
  // "Query", "Scan", "GetItem", "PutItem", "UpdateItem", "DeleteItem", or "ConditionCheck" (the
  // TransactWriteItems entry of an EXISTS).
  std::string operation;
  aws::Document input;    // that operation's input (TableName, IndexName, expressions, ...)
  // A SELECT whose partition key is given by `key IN (values)`: the Query runs once per distinct
  // value, in order, each binding the ExpressionAttributeValues placeholder named here (which
  // `input` binds to the first value). Empty otherwise.
  std::vector<aws::Document> partition_values;
  std::string partition_placeholder;
};

// The native request of `statement`. `keys` are the key names of the table, or of the index for
// a SELECT from an index. A SELECT naming its partition key with = (or with IN over values)
// is a Query, any other SELECT a Scan. With `point_read`, a SELECT must name the full primary key with
// equalities and becomes a GetItem (BatchExecuteStatement and ExecuteTransaction reads).
// Errors: ValidationException "Where clause does not contain a mandatory equality on all key
// attributes" for UPDATE/DELETE/EXISTS (and point reads) without the full key.
Result<NativeRequest> Translate(const Statement& statement, const KeyNames& keys, bool point_read = false);

}  // namespace skybox::dynamodb::partiql
