#include "services/dynamodb/request_expressions.h"

#include <set>

#include "services/dynamodb/backend.h"
#include "services/dynamodb/expr/legacy.h"

namespace skybox::dynamodb {
namespace {

std::string_view Operator(const aws::Document& in) {
  auto it = in.find("ConditionalOperator");
  return it != in.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : "AND";
}

}  // namespace

Status CheckNoMixedParameters(const aws::Document& in) {
  static const char* kLegacy[] = {"AttributesToGet", "Expected", "QueryFilter", "ScanFilter", "KeyConditions", "AttributeUpdates"};
  static const char* kModern[] = {"ProjectionExpression", "ConditionExpression", "FilterExpression",
                                  "KeyConditionExpression", "UpdateExpression"};
  std::string legacy, modern;
  for (const char* m : kLegacy) {
    // Query takes legacy KeyConditions beside a ProjectionExpression or FilterExpression: only
    // a KeyConditionExpression excludes them.
    if (m == std::string_view("KeyConditions") && !in.contains("KeyConditionExpression")) continue;
    if (in.contains(m)) legacy += (legacy.empty() ? "" : ", ") + std::string(m);
  }
  for (const char* m : kModern) {
    if (in.contains(m)) modern += (modern.empty() ? "" : ", ") + std::string(m);
  }
  if (!legacy.empty() && !modern.empty()) {
    return ValidationError("Can not use both expression and non-expression parameters in the same request: "
                           "Non-expression parameters: {" + legacy + "} Expression parameters: {" + modern + "}");
  }
  return CheckConditionalOperator(in);
}

Status CheckConditionalOperator(const aws::Document& in) {
  if (!in.contains("ConditionalOperator")) return Status::Ok();
  for (const char* conditions : {"Expected", "QueryFilter", "ScanFilter"}) {
    auto it = in.find(conditions);
    if (it == in.end() || it->is_null()) continue;
    // An operator joins conditions: AWS rejects it over fewer than two (an empty map included).
    if (it->size() < 2) {
      return ValidationError("ConditionalOperator can only be used when Filter or Expected has two or more elements");
    }
    return Status::Ok();
  }
  return ValidationError("ConditionalOperator cannot be used without Filter or Expected");
}

Result<std::optional<Condition>> WriteCondition(const aws::Document& in, ExpressionAttributes& attributes) {
  if (in.contains("ConditionExpression")) {
    SKYBOX_ASSIGN_OR_RETURN(Condition c, ParseCondition(in["ConditionExpression"].get<std::string>(),
                                                        ExpressionKind::kCondition, attributes));
    return std::optional<Condition>(std::move(c));
  }
  if (in.contains("Expected")) {
    SKYBOX_ASSIGN_OR_RETURN(Condition c, ConditionFromExpected(in["Expected"], Operator(in)));
    return std::optional<Condition>(std::move(c));
  }
  return std::optional<Condition>();
}

Result<std::optional<Condition>> ReadFilter(const aws::Document& in, const char* legacy_member,
                                            ExpressionAttributes& attributes) {
  if (in.contains("FilterExpression")) {
    SKYBOX_ASSIGN_OR_RETURN(Condition c, ParseCondition(in["FilterExpression"].get<std::string>(),
                                                        ExpressionKind::kFilter, attributes));
    return std::optional<Condition>(std::move(c));
  }
  if (in.contains(legacy_member)) {
    SKYBOX_ASSIGN_OR_RETURN(Condition c, ConditionFromFilter(in[legacy_member], Operator(in)));
    return std::optional<Condition>(std::move(c));
  }
  return std::optional<Condition>();
}

Result<std::optional<Projection>> ReadProjection(const aws::Document& in, ExpressionAttributes& attributes) {
  if (in.contains("ProjectionExpression")) {
    SKYBOX_ASSIGN_OR_RETURN(Projection p, ParseProjection(in["ProjectionExpression"].get<std::string>(), attributes));
    return std::optional<Projection>(std::move(p));
  }
  if (in.contains("AttributesToGet")) {
    Projection p = ProjectionFromAttributesToGet(in["AttributesToGet"]);
    std::set<std::string_view> seen;
    for (const DocumentPath& path : p.paths) {
      if (!seen.insert(path.attribute()).second) {
        return ValidationError("One or more parameter values were invalid: Duplicate value in attribute name: " +
                               path.attribute());
      }
    }
    return std::optional<Projection>(std::move(p));
  }
  return std::optional<Projection>();
}

Status ConditionalCheckFailed(const aws::Document* item) {
  Status status =
      Status::Aws(StatusCode::kFailedPrecondition, 400, "ConditionalCheckFailedException", "The conditional request failed");
  return item ? status.WithDetail("Item", item->dump()) : status;
}

std::optional<aws::Document> ConditionFailureItem(const Status& status) {
  for (const auto& [name, value] : status.details()) {
    if (name == "Item") return aws::Document::parse(value);
  }
  return std::nullopt;
}

}  // namespace skybox::dynamodb
