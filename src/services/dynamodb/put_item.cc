#include "services/dynamodb/capacity.h"
#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
Result<Mutation> ParsePut(Backend& db, const aws::Document& in) {
  Mutation m;
  m.kind = Mutation::Kind::kPut;
  SKYBOX_RETURN_IF_ERROR(ParseConditionalWrite(db, in, m));
  SKYBOX_ASSIGN_OR_RETURN(m.item, CanonicalItem(in["Item"]));
  SKYBOX_RETURN_IF_ERROR(CheckItem(*m.table, m.item));
  m.key = KeyOf(m.table->key, m.item);
  return m;
}

void PutItem(Backend& db, aws::Call call, aws::CallDone done) {
  auto m = ParsePut(db, call.input);
  // PutItem (not BatchWriteItem or a transaction's Put) reports a too deeply nested item inside
  // the validation envelope.
  if (!m.ok() && m.status().message() == kNestingLimitMessage) {
    return done(ValidationError("1 validation error detected: " + std::string(kNestingLimitMessage)));
  }
  if (!m.ok()) return done(m.status());
  m->reads_old_item_or_capacity = call.input.value("ReturnValues", std::string()) == "ALL_OLD" ||
                                  ReportsCapacity(call.input.value("ReturnConsumedCapacity", std::string()));
  ExecuteSingleWrite(db, call.input, std::move(*m), OldItemOutput(call.input), std::move(done));
}

}  // namespace skybox::dynamodb
