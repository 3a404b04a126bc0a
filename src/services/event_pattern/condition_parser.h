// Parses one element of a pattern leaf array ("value", 5, null, {"prefix": ...},
// {"anything-but": ...}, ...) into a Condition, with AWS's error wording.
//
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {

Result<Condition> ParseCondition(const nlohmann::json& element);

// Operator names that may not be used as field names inside $or.
bool IsOperatorName(std::string_view name);

}  // namespace skybox::services::event_pattern
