// Legacy (pre-expression) conditional parameters converted to condition ASTs:
// Expected (+ConditionalOperator) for writes, QueryFilter / ScanFilter for reads.
// (AttributesToGet lives in projection.h, AttributeUpdates in update.h, KeyConditions in
// key_condition.h.)
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string_view>

#include "services/dynamodb/expr/expression.h"

namespace skybox::dynamodb {

// Expected: {name: {"Value": v, "Exists": bool} | {"ComparisonOperator": op,
// "AttributeValueList": [...]}}. `conditional_operator` is "AND" (default) or "OR".
// An empty map yields an always-true condition (kAnd without children). Failures are
// ValidationException with AWS's messages, e.g.
//   "One or more parameter values were invalid: Invalid number of argument(s) for the EQ
//    ComparisonOperator"
//   "One or more parameter values were invalid: Value must be provided when Exists is true for
//    Attribute: a" / "...Value cannot be used when Exists is false for Attribute: a"
Result<Condition> ConditionFromExpected(const Document& expected,
                                        std::string_view conditional_operator = "AND");

// QueryFilter / ScanFilter: {name: {"ComparisonOperator": op, "AttributeValueList": [...]}}.
Result<Condition> ConditionFromFilter(const Document& filter,
                                      std::string_view conditional_operator = "AND");

}  // namespace skybox::dynamodb
