// UpdateExpression (and legacy AttributeUpdates): parsing and applying to an item.
// CHANGED (additive): ADD/DELETE operand errors carry AWS's ", typeSet: ..." suffix.
//
// Thread-safety: parsing mutates the ExpressionAttributes (usage); ApplyUpdate is pure.
#pragma once

#include <string_view>

#include "services/dynamodb/expr/expression.h"
#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb {

// Parses SET / REMOVE / ADD / DELETE clauses (each at most once, in any order). Failures are
// ValidationException prefixed "Invalid UpdateExpression: ", e.g.
//   "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET a\""
//   "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"
//   "Invalid UpdateExpression: Two document paths overlap with each other; must remove or
//    rewrite one of these paths; path one: [a], path two: [a, b]"
//   "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD,
//    operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND"
//   "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"
//   "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; ...""
// plus reserved word / undefined name / undefined value errors.
Result<Update> ParseUpdate(std::string_view text, ExpressionAttributes& attributes);

// Legacy AttributeUpdates map: {name: {"Action": "PUT"|"ADD"|"DELETE", "Value": {...}}}.
Result<Update> UpdateFromAttributeUpdates(const Document& attribute_updates);

// Applies `update` to `item` (the current item, or an empty object when it does not exist;
// key attributes included) and returns the new item. All right-hand sides read the item as it
// was before the update, as in DynamoDB. Failures (ValidationException):
//   "The provided expression refers to an attribute that does not exist in the item"
//   "The document path provided in the update expression is invalid for update"
//   "An operand in the update expression has an incorrect data type"
//   Number overflow etc. from Number arithmetic.
// The result is not re-validated: callers run CanonicalItem (nesting depth) and ItemSize on it,
// and reject updates of key attributes themselves (UpdatedPaths).
Result<Document> ApplyUpdate(const Update& update, const Document& item);

// The paths the update writes or removes (for ReturnValues UPDATED_OLD/UPDATED_NEW with
// Project(), and for rejecting updates of key attributes via DocumentPath::attribute()).
Projection UpdatedPaths(const Update& update);

}  // namespace skybox::dynamodb
