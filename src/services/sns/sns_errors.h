// The AWS errors SNS answers with, worded as AWS words them. Codes are the query-protocol codes
// of the model's error shapes ("InvalidParameter", "NotFound", ...).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::services::sns {

// "Invalid parameter: <what>", SNS's wording for almost every bad input.
inline Status InvalidParameter(std::string_view what) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidParameter",
                     "Invalid parameter: " + std::string(what));
}
inline Status ParameterValueInvalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ParameterValueInvalid", std::move(message));
}
inline Status TopicNotFound() {
  return Status::Aws(StatusCode::kNotFound, 404, "NotFound", "Topic does not exist");
}
inline Status SubscriptionNotFound() {
  return Status::Aws(StatusCode::kNotFound, 404, "NotFound", "Subscription does not exist");
}
inline Status EndpointNotFound() {
  return Status::Aws(StatusCode::kNotFound, 404, "NotFound", "Endpoint does not exist");
}
inline Status ResourceNotFound() {
  return Status::Aws(StatusCode::kNotFound, 404, "ResourceNotFound", "Resource does not exist");
}
inline Status TagLimitExceeded() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "TagLimitExceeded",
                     "Could not complete request: tag quota of per resource exceeded");
}
inline Status BatchError(std::string code, std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, std::move(code), std::move(message));
}
inline Status SnsInternalError(const Status& cause) {
  return Status::Aws(StatusCode::kInternal, 500, "InternalError", cause.message());
}

}  // namespace skybox::services::sns
