// Target input: what a rule sends to one target for one matching event — the whole event
// (default), a constant `Input`, the part an `InputPath` selects, or an `InputTransformer`'s
// template filled from its `InputPathsMap`.
//
// Template placeholders follow AWS's rules: `<name>` inside a JSON string is replaced by the
// selected value's text (strings unquoted, JSON-escaped); outside a string by the value as
// JSON (strings quoted). A path that selects nothing yields an empty string inside a string
// and `null` outside. Predefined names: aws.events.rule-arn, aws.events.rule-name,
// aws.events.event.ingestion-time, aws.events.event (the event, escaped inside a string) and
// aws.events.event.json (the event as JSON).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace skybox::services::events {

// Checks a PutTargets Target's input members; fails with the message of AWS's
// ValidationException for the whole call.
Status ValidateTargetInput(const nlohmann::json& target);

// The value a JSONPath such as `$.detail.items[0]['a b']` selects in `document`; nullopt
// when the path is not valid or selects nothing. The path `$` selects the whole document.
std::optional<nlohmann::ordered_json> SelectPath(std::string_view path, const nlohmann::ordered_json& document);
bool IsValidPath(std::string_view path);

struct RuleContext {
  std::string rule_name;
  std::string rule_arn;
  std::string ingestion_time;  // RFC 3339, when the event reached the bus
};

// The text sent to `target` (a Target document as PutTargets stored it) for the event whose
// JSON text is `event_text`.
std::string RenderTargetInput(const nlohmann::json& target, std::string_view event_text, const RuleContext& rule);

}  // namespace skybox::services::events
