// ExecuteTransaction: up to 100 statements run atomically as one TransactWriteItems (INSERT,
// UPDATE, DELETE, and EXISTS as a ConditionCheck) or one TransactGetItems (SELECTs naming full
// primary keys); a transaction cannot mix reads and writes.
#include "services/dynamodb/operations.h"

namespace skybox::dynamodb {
namespace {

// The TransactItems entry kind of a native operation.
std::string_view TransactAction(std::string_view operation) {
  if (operation == "PutItem") return "Put";
  if (operation == "UpdateItem") return "Update";
  if (operation == "DeleteItem") return "Delete";
  if (operation == "ConditionCheck") return "ConditionCheck";
  return "Get";
}

// TransactWriteItems reports a failed INSERT as ConditionalCheckFailed; PartiQL calls it
// DuplicateItem. Rewrites the reasons, in the message's list and in CancellationReasons.
Status RenameInsertReasons(const Status& status, const std::vector<bool>& inserts) {
  if (status.aws_code() != "TransactionCanceledException" || status.details().empty()) return status;
  aws::Document reasons = aws::Document::parse(status.details().front().second, nullptr, false);
  if (!reasons.is_array()) return status;
  std::string codes;
  for (size_t i = 0; i < reasons.size(); ++i) {
    aws::Document& reason = reasons[i];
    if (i < inserts.size() && inserts[i] && reason.value("Code", "") == "ConditionalCheckFailed") {
      reason["Code"] = "DuplicateItem";
      reason["Message"] = "Duplicate primary key exists in table";
    }
    codes += (i ? ", " : "") + reason.value("Code", std::string());
  }
  const std::string& message = status.message();
  return Status::Aws(status.code(), 400, status.aws_code(), message.substr(0, message.rfind('[') + 1) + codes + "]")
      .WithDetail("CancellationReasons", reasons.dump());
}

}  // namespace

void ExecuteTransaction(Backend& db, aws::Call call, aws::CallDone done) {
  aws::Document items = aws::Document::array();
  std::vector<bool> inserts;
  size_t reads = 0;
  for (const aws::Document& entry : call.input["TransactStatements"]) {
    auto prepared = PreparePartiql(db, entry["Statement"].get<std::string>(),
                                   entry.value("Parameters", aws::Document()), /*point_read=*/true);
    if (!prepared.ok()) return done(prepared.status());
    if (entry.contains("ReturnValuesOnConditionCheckFailure")) {
      prepared->native.input["ReturnValuesOnConditionCheckFailure"] = entry["ReturnValuesOnConditionCheckFailure"];
    }
    reads += prepared->kind == partiql::Statement::Kind::kSelect;
    inserts.push_back(prepared->kind == partiql::Statement::Kind::kInsert);
    items.push_back({{TransactAction(prepared->native.operation), std::move(prepared->native.input)}});
  }
  if (reads != 0 && reads != items.size()) {
    return done(ValidationError("Transaction must contain either all reads or all writes"));
  }
  aws::Call native = call;
  native.input = {{"TransactItems", std::move(items)}};
  for (const char* member : {"ClientRequestToken", "ReturnConsumedCapacity"}) {
    if (call.input.contains(member)) native.input[member] = call.input[member];
  }
  if (reads != 0) {
    native.operation = "TransactGetItems";
    return TransactGetItems(db, std::move(native), std::move(done));
  }
  native.operation = "TransactWriteItems";
  TransactWriteItems(db, std::move(native), [inserts = std::move(inserts), done = std::move(done)](Result<aws::Document> out) {
    if (!out.ok()) return done(RenameInsertReasons(out.status(), inserts));
    done(std::move(out));
  });
}

}  // namespace skybox::dynamodb
