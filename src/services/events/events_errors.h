// The AWS errors EventBridge answers with, worded as AWS words them. The code is the model's
// error shape name.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::services::events {

inline Status ValidationError(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}
inline Status ResourceNotFound(std::string message) {
  return Status::Aws(StatusCode::kNotFound, 400, "ResourceNotFoundException", std::move(message));
}
inline Status BusNotFound(std::string_view bus) {
  return ResourceNotFound("Event bus " + std::string(bus) + " does not exist.");
}
inline Status RuleNotFound(std::string_view rule, std::string_view bus) {
  return ResourceNotFound("Rule " + std::string(rule) + " does not exist on EventBus " + std::string(bus) + ".");
}
inline Status ResourceAlreadyExists(std::string message) {
  return Status::Aws(StatusCode::kAlreadyExists, 400, "ResourceAlreadyExistsException", std::move(message));
}
// `reason` is the event pattern parser's message (event_pattern.h).
inline Status InvalidEventPattern(std::string_view reason) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidEventPatternException",
                     "Event pattern is not valid. Reason: " + std::string(reason));
}
inline Status LimitExceeded(std::string message) {
  return Status::Aws(StatusCode::kResourceExhausted, 400, "LimitExceededException", std::move(message));
}
inline Status InternalException(std::string message) {
  return Status::Aws(StatusCode::kInternal, 500, "InternalException", std::move(message));
}

}  // namespace skybox::services::events
