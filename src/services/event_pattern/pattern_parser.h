// Turns the JSON text of an event pattern or filter policy into the ObjectRule tree, enforcing
// the structure rules and the per-dialect limits with AWS's wording.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "base/result.h"
#include "services/event_pattern/event_pattern.h"
#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {

Result<ObjectRule> ParsePatternTree(std::string_view json, Dialect dialect);

}  // namespace skybox::services::event_pattern
