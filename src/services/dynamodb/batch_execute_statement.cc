// BatchExecuteStatement: up to 25 independent statements (reads name a full primary key and run
// as GetItem). Each statement succeeds or fails on its own; failures are reported in
// Responses[i].Error with the BatchStatementErrorCodeEnum code, never as a request error.
#include <mutex>

#include "services/dynamodb/operations.h"

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
  return {{"Code", code}, {"Message", std::string(status.message())}};
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
  auto state = std::make_shared<BatchState>();
  state->responses = aws::Document::array();
  for (size_t i = 0; i < statements.size(); ++i) state->responses.push_back(aws::Document::object());
  state->pending = statements.size();
  state->done = std::move(done);
  if (statements.empty()) return state->done(aws::Document{{"Responses", aws::Document::array()}});
  for (size_t i = 0; i < statements.size(); ++i) {
    const aws::Document& entry = statements[i];
    auto prepared = PreparePartiql(db, entry["Statement"].get<std::string>(),
                                   entry.value("Parameters", aws::Document()), /*point_read=*/true);
    if (!prepared.ok()) {
      state->Finish(i, {{"Error", BatchError(prepared.status())}});
      continue;
    }
    std::string table = prepared->native.input["TableName"].get<std::string>();
    if (entry.contains("ConsistentRead") && prepared->kind == partiql::Statement::Kind::kSelect) {
      prepared->native.input["ConsistentRead"] = entry["ConsistentRead"];
    }
    RunPrepared(db, call, std::move(*prepared), [state, i, table](Result<aws::Document> out) {
      if (!out.ok()) return state->Finish(i, {{"Error", BatchError(out.status())}});
      aws::Document response = {{"TableName", table}};
      if (out->contains("Item")) response["Item"] = std::move((*out)["Item"]);
      state->Finish(i, std::move(response));
    });
  }
}

}  // namespace skybox::dynamodb
