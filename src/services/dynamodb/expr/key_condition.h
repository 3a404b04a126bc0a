// CHANGED (additive): CheckFilterAvoidsKeys(); CheckKeySchema rejects empty S/B key values.
// KeyConditionExpression (Query) and legacy KeyConditions: parsing into partition-key equality
// plus an optional sort-key condition that the tables code turns into a storage range scan.
//
// Thread-safety: parsing mutates the ExpressionAttributes (usage); the rest is pure.
#pragma once

#include <optional>
#include <string_view>

#include "services/dynamodb/expr/expression.h"
#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb {

// Parses `pk = :v [AND sk <op> :w | AND sk BETWEEN :a AND :b | AND begins_with(sk, :p)]`
// (either order, optional parentheses). Failures are ValidationException prefixed
// "Invalid KeyConditionExpression: ", e.g. syntax errors, reserved words, undefined names/values,
//   "Invalid KeyConditionExpression: Invalid operator used in KeyConditionExpression: OR"
//   "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater
//    than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound
//    operand: AttributeValue: {N:1}"
// Which attribute is the partition key is decided by CheckKeySchema (the expression itself
// does not say): ParseKeyCondition puts the first equality in partition_key tentatively.
Result<KeyCondition> ParseKeyCondition(std::string_view text, ExpressionAttributes& attributes);

// Legacy KeyConditions map: {name: {"ComparisonOperator": "EQ", "AttributeValueList": [...]}}.
Result<KeyCondition> KeyConditionFromLegacy(const Document& key_conditions);

// Matches the condition to a key schema (partition key name, optional sort key name), swapping
// the partition/sort roles when needed, and checks value types where `partition_type`/
// `sort_type` are given. Failures (ValidationException):
//   "Query condition missed key schema element: <name>"
//   "Query key condition not supported"
//   "One or more parameter values were invalid: Condition parameter type does not match schema
//    type"
//   "One or more parameter values are not valid. The AttributeValue for a key attribute cannot
//    contain an empty string value. Key: pk" (or "... an empty binary value. Key: pk")
Result<KeyCondition> CheckKeySchema(KeyCondition condition, std::string_view partition_key,
                                    std::optional<std::string_view> sort_key,
                                    std::optional<AttributeType> partition_type = std::nullopt,
                                    std::optional<AttributeType> sort_type = std::nullopt);

// A Query's FilterExpression may not read key attributes. Fails with
//   "Filter Expression can only contain non-primary key attributes: Primary key attribute: pk"
Status CheckFilterAvoidsKeys(const Condition& filter, std::string_view partition_key,
                             std::optional<std::string_view> sort_key);

// True when `sort_value` (an attribute value) satisfies the sort-key condition.
bool SortKeyMatches(const SortKeyCondition& condition, const Document& sort_value);

}  // namespace skybox::dynamodb
