// TransactWriteItems: up to 100 Put/Update/Delete/ConditionCheck actions applied atomically (one
// WriteBatch, all items locked together), or none of them with TransactionCanceledException.
#include <map>
#include <set>

#include "base/crypto.h"
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/item_collection_metrics.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
namespace {

Result<Mutation> ParseConditionCheck(Backend& db, const aws::Document& in) {
  Mutation m;
  m.kind = Mutation::Kind::kConditionCheck;
  SKYBOX_ASSIGN_OR_RETURN(m.table, RequestTable(db, in));
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_ASSIGN_OR_RETURN(m.condition, WriteCondition(in, attributes));
  m.old_item_on_condition_failure = WantsOldItemOnConditionFailure(in);
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  SKYBOX_ASSIGN_OR_RETURN(m.key, CanonicalItem(in["Key"]));
  SKYBOX_RETURN_IF_ERROR(CheckKey(*m.table, m.key));
  return m;
}

constexpr size_t kMaxTransactionPayload = 4 * 1024 * 1024;

// The bytes a TransactItems entry carries (its item or key and its expression values): DynamoDB
// limits their sum, the transaction payload, not the size of the items the actions touch.
size_t PayloadSize(const aws::Document& action) {
  size_t bytes = 0;
  for (const char* member : {"Item", "Key", "ExpressionAttributeValues"}) {
    auto it = action.find(member);
    if (it != action.end() && it->is_object()) bytes += ItemSize(*it);
  }
  return bytes;
}

// A Put's item checked against its table's key schema and item limits. DynamoDB reports this
// failure as the action's ValidationError cancellation reason (the later actions are not
// checked and show "None"), not as a ValidationException of the whole request.
Status CheckPutItem(Backend& db, const aws::Document& put) {
  auto table = RequestTable(db, put);
  auto item = CanonicalItem(put.value("Item", aws::Document::object()));
  if (!table.ok() || !item.ok()) return Status::Ok();  // the action's parser reports these
  return CheckItem(**table, *item);
}

// TransactionCanceledException: the reasons in the message, as DynamoDB words it, and as the
// CancellationReasons member (one {Code[, Message][, Item]} per item, in request order).
Status Cancelled(const std::vector<MutationOutcome>& outcomes) {
  std::string codes;
  aws::Document reasons = aws::Document::array();
  for (const auto& o : outcomes) {
    std::string code = o.status.ok() ? "None"
                       : o.status.aws_code() == "ConditionalCheckFailedException" ? "ConditionalCheckFailed"
                                                                                  : "ValidationError";
    codes += (codes.empty() ? "" : ", ") + code;
    aws::Document reason = {{"Code", code}};
    if (!o.status.ok()) reason["Message"] = o.status.message();
    if (auto item = ConditionFailureItem(o.status)) reason["Item"] = std::move(*item);
    reasons.push_back(std::move(reason));
  }
  return Status::Aws(StatusCode::kAborted, 400, "TransactionCanceledException",
                     "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]")
      .WithDetail("CancellationReasons", reasons.dump());
}

// TransactionCanceledException whose only failed reason is action `failed`'s `status`.
Status CancelledAt(size_t actions, size_t failed, Status status) {
  std::vector<MutationOutcome> outcomes(actions);
  outcomes[failed].status = std::move(status);
  return Cancelled(outcomes);
}

Result<std::vector<Mutation>> ParseTransaction(Backend& db, const aws::Document& in) {
  std::vector<Mutation> mutations;
  std::set<std::string> seen;
  size_t payload = 0;
  const aws::Document& actions = in["TransactItems"];
  for (const auto& entry : actions) {
    for (const auto& [kind, action] : entry.items()) payload += PayloadSize(action);
  }
  if (payload > kMaxTransactionPayload) return ValidationError("Transaction payload size cannot exceed 4 MB");
  for (const auto& entry : actions) {
    Result<Mutation> m = Status(StatusCode::kInvalidArgument, "");
    if (entry.contains("Put")) {
      if (Status invalid = CheckPutItem(db, entry["Put"]); !invalid.ok()) {
        return CancelledAt(actions.size(), mutations.size(), std::move(invalid));
      }
      m = ParsePut(db, entry["Put"]);
    } else if (entry.contains("Update")) {
      m = ParseUpdateItem(db, entry["Update"]);
    } else if (entry.contains("Delete")) {
      m = ParseDelete(db, entry["Delete"]);
    } else if (entry.contains("ConditionCheck")) {
      m = ParseConditionCheck(db, entry["ConditionCheck"]);
    } else {
      return ValidationError("TransactItems can only contain one of Check, Put, Update or Delete");
    }
    if (!m.ok()) return m.status();
    if (!seen.insert(BaseItemKey(*m->table, m->key)).second) {
      return ValidationError("Transaction request cannot include multiple operations on one item");
    }
    mutations.push_back(std::move(*m));
  }
  return mutations;
}

std::string RequestHash(aws::Document in) {
  in.erase("ClientRequestToken");
  return HexEncode(Sha256(in.dump()));
}

}  // namespace

void TransactWriteItems(Backend& db, aws::Call call, aws::CallDone done) {
  auto mutations = ParseTransaction(db, call.input);
  if (!mutations.ok()) return done(mutations.status());
  std::string token = call.input.value("ClientRequestToken", std::string());
  storage::WriteBatch token_record;
  if (!token.empty()) {
    Status claim = db.ClaimClientRequestToken(token, RequestHash(call.input));
    if (claim.code() == StatusCode::kAlreadyExists) return done(aws::Document::object());
    if (!claim.ok()) return done(claim);
    token_record = db.ClientRequestTokenRecord(token);
  }
  std::vector<std::string> tables;
  for (const auto& m : *mutations) tables.push_back(m.table->name);
  std::string mode = call.input.value("ReturnConsumedCapacity", std::string());
  aws::Document collections = ItemCollectionMetricsOf(db, call.input, *mutations);
  ExecuteMutations(db, std::move(*mutations), true,
                   [&db, token, tables = std::move(tables), mode, collections = std::move(collections),
                    done = std::move(done)](
                       Result<std::vector<MutationOutcome>> outcomes) mutable {
                     bool ok = outcomes.ok() && AllSucceeded(*outcomes);
                     if (!ok && !token.empty()) db.ReleaseClientRequestToken(token);
                     if (!outcomes.ok()) return done(outcomes.status());
                     if (!ok) return done(Cancelled(*outcomes));
                     std::map<std::string, Capacity> per_table;
                     for (size_t i = 0; i < outcomes->size(); ++i) {
                       per_table[tables[i]].kind = Capacity::Kind::kWrite;
                       per_table[tables[i]] += (*outcomes)[i].capacity;
                     }
                     aws::Document out = aws::Document::object();
                     aws::Document consumed = aws::Document::array();
                     for (const auto& [name, capacity] : per_table) {
                       if (auto c = ConsumedCapacity(mode, name, capacity)) consumed.push_back(std::move(*c));
                     }
                     if (!consumed.empty()) out["ConsumedCapacity"] = std::move(consumed);
                     if (!collections.empty()) out["ItemCollectionMetrics"] = std::move(collections);
                     done(std::move(out));
                   },
                   std::move(token_record));
}

}  // namespace skybox::dynamodb
