// ProjectionExpression (and legacy AttributesToGet): parsing and applying to an item.
//
// Thread-safety: parsing mutates the ExpressionAttributes (usage); Project is pure.
#pragma once

#include <string_view>

#include "services/dynamodb/expr/expression.h"
#include "services/dynamodb/expr/expression_attributes.h"

namespace skybox::dynamodb {

// Parses a comma-separated list of document paths. Failures are ValidationException with
// AWS's messages, prefixed "Invalid ProjectionExpression: ", including
//   "Two document paths overlap with each other; must remove or rewrite one of these paths;
//    path one: [a], path two: [a, b]"
//   "Two document paths conflict with each other; must remove or rewrite one of these paths;
//    path one: [a, b], path two: [a, [0]]"
// plus the syntax / reserved word / undefined name errors of condition.h.
Result<Projection> ParseProjection(std::string_view text, ExpressionAttributes& attributes);

// The legacy AttributesToGet list (array of names) as a Projection of top-level attributes.
Projection ProjectionFromAttributesToGet(const Document& attributes_to_get);

// The parts of `item` that the projection selects, nested as in the item: map paths keep
// their maps, list elements selected by index are gathered in index order. Missing paths are
// skipped.
Document Project(const Projection& projection, const Document& item);

}  // namespace skybox::dynamodb
