// The AWS errors SQS answers with, worded as AWS words them. The code is the model's error
// shape name (or AWS's bare code when the model has none); the JSON codec derives the legacy
// query code (x-amzn-query-error) from it.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::services::sqs {

inline Status SqsError(std::string code, std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, std::move(code), std::move(message));
}
inline Status QueueDoesNotExist() {
  return Status::Aws(StatusCode::kNotFound, 400, "QueueDoesNotExist",
                     "The specified queue does not exist.");
}
inline Status InvalidParameterValue(std::string message) {
  return SqsError("InvalidParameterValue", std::move(message));
}
inline Status MissingParameter(std::string_view name) {
  return SqsError("MissingParameter",
                  "The request must contain the parameter " + std::string(name) + ".");
}
inline Status InvalidAttributeValue(std::string_view name) {
  return SqsError("InvalidAttributeValue",
                  "Invalid value for the parameter " + std::string(name) + ".");
}
inline Status InvalidAttributeName(std::string_view name) {
  return SqsError("InvalidAttributeName", "Unknown Attribute " + std::string(name) + ".");
}
inline Status ReceiptHandleIsInvalid(std::string_view handle) {
  return SqsError("ReceiptHandleIsInvalid",
                  "The input receipt handle \"" + std::string(handle) + "\" is not a valid receipt handle.");
}
// "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: ..."
inline Status InvalidParameter(std::string_view value, std::string_view parameter, std::string_view reason) {
  return InvalidParameterValue("Value " + std::string(value) + " for parameter " + std::string(parameter) +
                               " is invalid. Reason: " + std::string(reason));
}
inline Status InternalError(const Status& cause) {
  return Status::Aws(StatusCode::kInternal, 500, "InternalError", cause.message());
}

}  // namespace skybox::services::sqs
