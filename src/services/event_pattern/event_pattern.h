// EventPattern: the content-filtering language shared by EventBridge rules (event patterns,
// TestEventPattern) and SNS subscriptions (filter policies, attribute and payload scope).
//
// A pattern is a JSON object whose leaves are arrays of match conditions: literal values and
// the operators AWS documents (prefix, suffix, anything-but, numeric, exists, wildcard, cidr,
// equals-ignore-case, $or). An event matches when every field of the pattern matches. The
// dialect decides which operators and limits apply and the wording of validation errors, which
// is AWS's for each service.
//
// Thread-safety: a parsed Pattern is immutable; Matches may run on many threads at once.
#pragma once

#include <memory>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace skybox::services::event_pattern {

enum class Dialect {
  kEventBridge,           // EventBridge event patterns
  kSnsMessageAttributes,  // SNS FilterPolicyScope=MessageAttributes (flat keys)
  kSnsMessageBody,        // SNS FilterPolicyScope=MessageBody (nested keys)
};

class Pattern {
 public:
  // Parses and validates `json`. A bad pattern fails with kInvalidArgument whose message is the
  // text AWS puts after its service-specific prefix (EventBridge: "Event pattern is not valid.
  // Reason: ..."; SNS: "Invalid parameter: FilterPolicy: ...").
  static Result<Pattern> Parse(std::string_view json, Dialect dialect);

  // True when `event` matches. For SNS attribute scope, `event` is the message attributes as a
  // JSON object: String values as strings, Number values as numbers, String.Array values as
  // the parsed array; Binary attributes left out.
  bool Matches(const nlohmann::json& event) const;

 private:
  struct Node;
  explicit Pattern(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

}  // namespace skybox::services::event_pattern
