// The expression members of a request, in either form: the expression languages
// (ConditionExpression, FilterExpression, ProjectionExpression) or their legacy equivalents
// (Expected, QueryFilter/ScanFilter, AttributesToGet), parsed into the shared ASTs of expr/.
//
// Thread-safety: pure functions (the ExpressionAttributes argument records usage).
#pragma once

#include <optional>

#include "aws/protocol/document.h"
#include "base/result.h"
#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/projection.h"

namespace skybox::dynamodb {

// Fails with AWS's "Can not use both expression and non-expression parameters in the same
// request: Non-expression parameters: {..} Expression parameters: {..}" when `in` mixes them
// (legacy KeyConditions mix with anything but a KeyConditionExpression), then applies
// CheckConditionalOperator.
Status CheckNoMixedParameters(const aws::Document& in);
// ValidationException when a ConditionalOperator has no Expected/QueryFilter/ScanFilter to join
// ("ConditionalOperator cannot be used without Filter or Expected") or one with fewer than two
// conditions ("ConditionalOperator can only be used when Filter or Expected has two or more elements").
Status CheckConditionalOperator(const aws::Document& in);

// ConditionExpression, or Expected (+ConditionalOperator); nullopt when neither is present.
Result<std::optional<Condition>> WriteCondition(const aws::Document& in, ExpressionAttributes& attributes);
// FilterExpression, or `legacy_member` (QueryFilter / ScanFilter, +ConditionalOperator).
Result<std::optional<Condition>> ReadFilter(const aws::Document& in, const char* legacy_member,
                                            ExpressionAttributes& attributes);
// ProjectionExpression, or AttributesToGet.
Result<std::optional<Projection>> ReadProjection(const aws::Document& in, ExpressionAttributes& attributes);

// The ConditionalCheckFailedException of a failed condition; with `item` (the item as it is, for
// ReturnValuesOnConditionCheckFailure=ALL_OLD) as its Item member when given.
Status ConditionalCheckFailed(const aws::Document* item = nullptr);
// The Item member a ConditionalCheckFailed status carries, or nullopt (TransactionCanceled's and
// BatchExecuteStatement's per-item reasons repeat it).
std::optional<aws::Document> ConditionFailureItem(const Status& status);

}  // namespace skybox::dynamodb
