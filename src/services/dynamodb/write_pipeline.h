// The write path shared by PutItem, DeleteItem, UpdateItem, BatchWriteItem and
// TransactWriteItems: lock the items (item_locks.h), read them, evaluate conditions, compute the
// new items, and commit base items plus index entries as ONE WriteBatch.
//
// A set of mutations is all-or-nothing: when any of them fails (condition false, invalid result),
// nothing is written and every outcome says why it failed or not.
//
// Thread-safety: ExecuteMutations may be called from any thread; `done` runs either on the
// calling thread (failures before commit) or on the store's committer thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "aws/protocol/document.h"
#include "aws/service.h"
#include "base/result.h"
#include "services/dynamodb/backend.h"
#include "services/dynamodb/capacity.h"
#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/update.h"

namespace skybox::dynamodb {

struct Mutation {
  enum class Kind { kPut, kDelete, kUpdate, kConditionCheck };
  Kind kind = Kind::kPut;
  std::shared_ptr<const TableInfo> table;
  aws::Document key;   // the item's key attributes (checked with CheckKey)
  aws::Document item;  // kPut: the new item (canonical, checked with CheckItem)
  std::optional<Update> update;        // kUpdate
  std::optional<Condition> condition;  // evaluated against the current item (empty when absent)
  bool by_ttl = false;                 // a TTL expiry (its stream record says so)
  // ReturnValuesOnConditionCheckFailure=ALL_OLD: a failed condition's status carries the current
  // item as its "Item" detail (ConditionalCheckFailedException's and CancellationReason's Item).
  bool old_item_on_condition_failure = false;
  // False when the caller reads neither the outcome's old_item nor its capacity (no ReturnValues
  // that return old attributes, no ReturnConsumedCapacity): a put on a table without indexes or
  // a stream then does not decode the item it replaces, and no capacity is computed.
  bool reads_old_item_or_capacity = true;
};

struct MutationOutcome {
  std::optional<aws::Document> old_item;
  std::optional<aws::Document> new_item;
  Status status;  // OK, ConditionalCheckFailedException, or a ValidationException of the result
  Capacity capacity;
};

using MutationsDone = std::function<void(Result<std::vector<MutationOutcome>>)>;

// Runs `mutations` atomically. `done` gets an error Status only for storage failures; per-item
// failures are in the outcomes (and then nothing was written). `transactional` doubles the
// capacity units, as DynamoDB charges transactions. `also` is committed in the same batch when
// the mutations succeed (TransactWriteItems' ClientRequestToken record), even if they change no
// item.
void ExecuteMutations(Backend& db, std::vector<Mutation> mutations, bool transactional, MutationsDone done,
                      storage::WriteBatch also = {});

// True when every outcome is OK.
bool AllSucceeded(const std::vector<MutationOutcome>& outcomes);

}  // namespace skybox::dynamodb

namespace skybox::dynamodb {

// PutItem/DeleteItem/UpdateItem: runs `mutation` alone and answers with `make_output(outcome)`
// plus ConsumedCapacity (as `input` asks), or with the mutation's failure.
void ExecuteSingleWrite(Backend& db, const aws::Document& input, Mutation mutation,
                        std::function<aws::Document(const MutationOutcome&)> make_output, aws::CallDone done);

// What PutItem and DeleteItem requests (and their transaction entries) share: the table,
// ReturnValues (NONE or ALL_OLD), and the condition, with every expression attribute used.
Status ParseConditionalWrite(Backend& db, const aws::Document& in, Mutation& m);

// Whether `in` (a write request or transaction entry) asks for ReturnValuesOnConditionCheckFailure
// ALL_OLD (the codec has checked the enum).
bool WantsOldItemOnConditionFailure(const aws::Document& in);

// The output of PutItem / DeleteItem: the item as it was when ReturnValues is ALL_OLD.
std::function<aws::Document(const MutationOutcome&)> OldItemOutput(const aws::Document& input);

// The Mutation of a PutItem / DeleteItem / UpdateItem request, or of the Put / Delete / Update
// entry of a TransactWriteItems request (same members), fully validated.
Result<Mutation> ParsePut(Backend& db, const aws::Document& in);
Result<Mutation> ParseDelete(Backend& db, const aws::Document& in);
Result<Mutation> ParseUpdateItem(Backend& db, const aws::Document& in);

// The table named by the request's TableName (name or ARN), resolved by Backend::RequireTable.
Result<std::shared_ptr<const TableInfo>> RequestTable(Backend& db, const aws::Document& input);

}  // namespace skybox::dynamodb
