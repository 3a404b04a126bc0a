#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/item_codec.h"
#include "services/dynamodb/operations.h"
#include "services/dynamodb/request_expressions.h"
#include "services/dynamodb/write_pipeline.h"

namespace skybox::dynamodb {
namespace {

Result<Update> ParseUpdateMember(const aws::Document& in, ExpressionAttributes& attributes) {
  if (in.contains("UpdateExpression")) return ParseUpdate(in["UpdateExpression"].get<std::string>(), attributes);
  if (in.contains("AttributeUpdates")) return UpdateFromAttributeUpdates(in["AttributeUpdates"]);
  return Update{};
}

Status CheckKeyNotUpdated(const TableInfo& table, const Update& update) {
  for (const auto& path : UpdatedPaths(update).paths) {
    const std::string& name = path.attribute();
    if (name == table.key.hash.name || (table.key.range && name == table.key.range->name)) {
      return ValidationError("One or more parameter values were invalid: Cannot update attribute " + name +
                             ". This attribute is part of the key");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Mutation> ParseUpdateItem(Backend& db, const aws::Document& in) {
  Mutation m;
  m.kind = Mutation::Kind::kUpdate;
  SKYBOX_ASSIGN_OR_RETURN(m.table, RequestTable(db, in));
  SKYBOX_RETURN_IF_ERROR(CheckNoMixedParameters(in));
  SKYBOX_ASSIGN_OR_RETURN(ExpressionAttributes attributes, ExpressionAttributes::FromRequest(in));
  SKYBOX_ASSIGN_OR_RETURN(Update update, ParseUpdateMember(in, attributes));
  SKYBOX_ASSIGN_OR_RETURN(m.condition, WriteCondition(in, attributes));
  m.old_item_on_condition_failure = WantsOldItemOnConditionFailure(in);
  SKYBOX_RETURN_IF_ERROR(attributes.CheckAllUsed());
  SKYBOX_ASSIGN_OR_RETURN(m.key, CanonicalItem(in["Key"]));
  SKYBOX_RETURN_IF_ERROR(CheckKey(*m.table, m.key));
  SKYBOX_RETURN_IF_ERROR(CheckKeyNotUpdated(*m.table, update));
  m.update = std::move(update);
  return m;
}

void UpdateItem(Backend& db, aws::Call call, aws::CallDone done) {
  auto m = ParseUpdateItem(db, call.input);
  if (!m.ok()) return done(m.status());
  std::string return_values = call.input.value("ReturnValues", std::string("NONE"));
  Projection updated = UpdatedPaths(*m->update);
  ExecuteSingleWrite(db, call.input, std::move(*m), [return_values, updated](const MutationOutcome& o) {
    aws::Document out = aws::Document::object();
    aws::Document attributes;
    if (return_values == "ALL_OLD" && o.old_item) attributes = *o.old_item;
    if (return_values == "ALL_NEW" && o.new_item) attributes = *o.new_item;
    if (return_values == "UPDATED_OLD" && o.old_item) attributes = Project(updated, *o.old_item);
    if (return_values == "UPDATED_NEW" && o.new_item) attributes = Project(updated, *o.new_item);
    if (attributes.is_object() && !attributes.empty()) out["Attributes"] = std::move(attributes);
    return out;
  }, std::move(done));
}

}  // namespace skybox::dynamodb
