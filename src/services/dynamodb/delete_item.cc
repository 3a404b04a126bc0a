#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
Result<Mutation> ParseDelete(Backend& db, const aws::Document& in) {
  Mutation m;
  m.kind = Mutation::Kind::kDelete;
  SKYBOX_ASSIGN_OR_RETURN(m.table, RequestTable(db, in));
  SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(in));
  std::string return_values = in.value("ReturnValues", std::string("NONE"));
  if (return_values != "NONE" && return_values != "ALL_OLD") return ValidationError("Return values set to invalid value");
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_ASSIGN_OR_RETURN(m.condition, WriteCondition(in, attributes));
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  SKYBOX_ASSIGN_OR_RETURN(m.key, CanonicalItem(in["Key"]));
  SKYBOX_RETURN_IF_ERROR(CheckKey(*m.table, m.key));
  return m;
}

void DeleteItem(Backend& db, aws::Call call, aws::CallDone done) {
  auto m = ParseDelete(db, call.input);
  if (!m.ok()) return done(m.status());
  ExecuteSingleWrite(db, call.input, std::move(*m), OldItemOutput(call.input), std::move(done));
}

}  // namespace skybox::dynamodb
