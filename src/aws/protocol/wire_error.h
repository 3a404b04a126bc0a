// Maps a failed Status to the AWS error a protocol puts on the wire: the code, the HTTP
// status and whether the caller (Sender) or the service (Receiver) is at fault.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "aws/model/service_model.h"
#include "base/status.h"

namespace skybox::aws {

// Error-code vocabularies differ between protocol families (ValidationException vs
// ValidationError vs InvalidArgument for the same StatusCode).
enum class ErrorDialect { kJson, kQuery, kRestXml };

struct WireError {
  int http_status = 500;
  std::string code;
  std::string message;
  bool sender_fault = false;  // "Sender" vs "Receiver" in query errors
};

// Precedence: the Status's aws_code/http_status; then the model's error shape for that
// code (its httpStatusCode / fault traits); then a default for the StatusCode.
WireError ToWireError(const ServiceModel& model, const Status& status, ErrorDialect dialect);

// The error for a request whose input failed validation, e.g. "1 validation error
// detected: ...": ValidationException (json, rest-json), ValidationError (query),
// InvalidArgument (rest-xml); all HTTP 400.
Status ValidationFailure(ErrorDialect dialect, std::string message);

}  // namespace skybox::aws
