// BatchExecuteStatement: up to 25 independent statements (reads name a full primary key and run
// as GetItem), all reads or all writes. Each statement succeeds or fails on its own; failures are
// reported in Responses[i].Error with the BatchStatementErrorCodeEnum code (and the old item for
// ReturnValuesOnConditionCheckFailure=ALL_OLD); only a batch mixing reads and writes fails as a
// whole.
#include <mutex>
#include <vector>

#include "services/dynamodb/operations.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

// "ConditionalCheckFailedException" -> "ConditionalCheckFailed", "ValidationException" ->
// "ValidationError", as the BatchStatementError codes spell them.
aws::Document BatchError(const Status& status) {
  std::string code = status.aws_code();
  if (code == "ValidationException") {
    code = "ValidationError";
  } else if (code.ends_with("Exception")) {
    code.resize(code.size() - std::string_view("Exception").size());
  } else if (code.empty()) {
    code = "InternalServerError";
  }
  aws::Document error = {{"Code", code}, {"Message", std::string(status.message())}};
  if (auto item = ConditionFailureItem(status)) error["Item"] = std::move(*item);
  return error;
}

// Collects the per-statement responses; answers once the last statement finished.
struct BatchState {
  std::mutex mu;
  aws::Document responses;  // GUARDED_BY(mu)
  size_t pending = 0;       // GUARDED_BY(mu)
  aws::CallDone done;

  void Finish(size_t i, aws::Document response) {
    bool last = false;
    {
      std::lock_guard lock(mu);
      responses[i] = std::move(response);
      last = --pending == 0;
    }
    if (last) done(aws::Document{{"Responses", std::move(responses)}});
  }
};

}  // namespace

void BatchExecuteStatement(Backend& db, aws::Call call, aws::CallDone done) {
  const aws::Document& statements = call.input["Statements"];
  // Every statement is prepared first: a batch mixing reads and writes fails as a whole.
  std::vector<Result<PreparedStatement>> prepared;
  bool reads = false, writes = false;
  for (const aws::Document& entry : statements) {
    prepared.push_back(PreparePartiql(db, entry["Statement"].get<std::string>(),
                                      entry.value("Parameters", aws::Document()), /*point_read=*/true));
    if (!prepared.back().ok()) continue;
    (prepared.back()->kind == partiql::Statement::Kind::kSelect ? reads : writes) = true;
  }
  if (reads && writes) return done(ValidationError("Batch must contain either all reads or all writes"));
  auto state = std::make_shared<BatchState>();
  state->responses = aws::Document::array();
  for (size_t i = 0; i < statements.size(); ++i) state->responses.push_back(aws::Document::object());
  state->pending = statements.size();
  state->done = std::move(done);
  if (statements.empty()) return state->done(aws::Document{{"Responses", aws::Document::array()}});
  for (size_t i = 0; i < statements.size(); ++i) {
    const aws::Document& entry = statements[i];
    if (!prepared[i].ok()) {
      state->Finish(i, {{"Error", BatchError(prepared[i].status())}});
      continue;
    }
    std::string table = prepared[i]->native.input["TableName"].get<std::string>();
    bool select = prepared[i]->kind == partiql::Statement::Kind::kSelect;
    const char* passed = select ? "ConsistentRead" : "ReturnValuesOnConditionCheckFailure";
    if (entry.contains(passed)) prepared[i]->native.input[passed] = entry[passed];
    RunPrepared(db, call, std::move(*prepared[i]), [state, i, table](Result<aws::Document> out) {
      if (!out.ok()) return state->Finish(i, {{"Error", BatchError(out.status())}});
      aws::Document response = {{"TableName", table}};
      if (out->contains("Item")) response["Item"] = std::move((*out)["Item"]);
      state->Finish(i, std::move(response));
    });
  }
}

}  // namespace skybox::dynamodb
