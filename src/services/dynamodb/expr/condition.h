// ConditionExpression / FilterExpression: parsing and evaluation against an item.
// CHANGED (additive): ConditionPaths().
//
// Grammar (AWS's): comparisons (= <> < <= > >=), BETWEEN .. AND .., IN (..), the functions
// attribute_exists, attribute_not_exists, attribute_type, begins_with, contains, size, and
// NOT > AND > OR precedence with parentheses. Document paths use names, #placeholders, map
// dereference (.) and list indexes ([n]); values are :placeholders.
//
// Thread-safety: parsing mutates the ExpressionAttributes (usage); evaluation is pure.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "services/dynamodb/expr/expression.h"
#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb {

// Parses `text` as the expression `kind` (kCondition, kFilter; kKeyCondition is accepted for
// the generic grammar — use ParseKeyCondition for Query). Failures are ValidationException
// with AWS's messages, prefixed "Invalid <Kind>Expression: ", e.g.
//   "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"a ==\""
//   "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"
//   "Invalid ConditionExpression: An expression attribute name used in the document path is not
//    defined; attribute name: #n"
//   "Invalid ConditionExpression: An expression attribute value used in expression is not
//    defined; attribute value: :v"
//   "Invalid ConditionExpression: Invalid function name; function: foo"
//   "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or
//    function: begins_with, operand type: N"
//   "Invalid ConditionExpression: The expression can not be empty;"
//   "Invalid ConditionExpression: The expression has redundant parentheses;" (whole expression
//    wrapped twice)
//   "Invalid ConditionExpression: The IN operator is provided with too many operands; ..."
//   "Invalid ConditionExpression: The function is not allowed in a condition expression; ..."
// Problems are reported as AWS does: syntax first, then a pass over names/functions, then a
// pass over placeholders and operand types, each in written order.
Result<Condition> ParseCondition(std::string_view text, ExpressionKind kind,
                                 ExpressionAttributes& attributes);

// True when `item` (an item object; an empty object for a missing item) satisfies the
// condition. Comparisons between different types are false, as in DynamoDB. Fails only for
// errors AWS reports at evaluation time (none today besides internal inconsistencies).
Result<bool> EvaluateCondition(const Condition& condition, const Document& item);

// Evaluates an operand of a condition: a path's value (nullptr-like: returns nullopt when
// absent), a value, or size(). Exposed for the legacy and key-condition code.
std::optional<Document> EvaluateOperand(const Operand& operand, const Document& item);

// Every document path the condition reads (including size() arguments), in written order.
std::vector<DocumentPath> ConditionPaths(const Condition& condition);

}  // namespace skybox::dynamodb
