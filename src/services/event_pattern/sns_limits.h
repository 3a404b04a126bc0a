// The size limits SNS puts on filter policies ("Filter policy constraints in Amazon SNS"):
// at most five leaf keys, at most 150 value combinations, and bounded wildcard complexity.
//
// Thread-safety: pure function.
#pragma once

#include "base/status.h"
#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {

// OK when `policy` is within SNS's limits; otherwise kInvalidArgument with AWS's text
// ("Filter policy can not have more than 5 keys", "Filter policy is too complex").
Status CheckSnsLimits(const ObjectRule& policy);

}  // namespace skybox::services::event_pattern
