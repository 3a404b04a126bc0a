#include "aws/protocol/wire_error.h"

namespace skybox::aws {
namespace {

struct DefaultError {
  int http_status;
  const char* json;
  const char* query;
  const char* rest_xml;
};

DefaultError DefaultFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return {400, "ValidationException", "ValidationError", "InvalidArgument"};
    case StatusCode::kNotFound:
      return {404, "ResourceNotFoundException", "NotFound", "NotFound"};
    case StatusCode::kAlreadyExists:
      return {409, "ResourceAlreadyExistsException", "AlreadyExists", "AlreadyExists"};
    case StatusCode::kFailedPrecondition:
      return {400, "InvalidRequestException", "InvalidRequest", "InvalidRequest"};
    case StatusCode::kPermissionDenied:
      return {403, "AccessDeniedException", "AccessDenied", "AccessDenied"};
    case StatusCode::kUnauthenticated:
      return {403, "UnrecognizedClientException", "InvalidClientTokenId", "InvalidAccessKeyId"};
    case StatusCode::kResourceExhausted:
      return {400, "ThrottlingException", "Throttling", "SlowDown"};
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
      return {503, "ServiceUnavailable", "ServiceUnavailable", "ServiceUnavailable"};
    case StatusCode::kAborted:
      return {409, "ConflictException", "Conflict", "OperationAborted"};
    case StatusCode::kUnimplemented:
      return {501, "NotImplemented", "NotImplemented", "NotImplemented"};
    default:
      return {500, "InternalFailure", "InternalFailure", "InternalError"};
  }
}

}  // namespace

WireError ToWireError(const ServiceModel& model, const Status& status, ErrorDialect dialect) {
  DefaultError def = DefaultFor(status.code());
  WireError err;
  err.message = status.message();
  err.code = status.aws_code();
  const Shape* shape = err.code.empty() ? nullptr : model.FindErrorShape(err.code);
  if (err.code.empty()) {
    err.code = dialect == ErrorDialect::kJson    ? def.json
               : dialect == ErrorDialect::kQuery ? def.query
                                                 : def.rest_xml;
  }
  if (status.http_status() != 0) {
    err.http_status = status.http_status();
  } else if (shape != nullptr && shape->error_http_status != 0) {
    err.http_status = shape->error_http_status;
  } else if (shape != nullptr) {
    err.http_status = shape->fault ? 500 : 400;
  } else {
    err.http_status = def.http_status;
  }
  // JSON-RPC services answer client errors with 400 unless the model says otherwise.
  if (dialect == ErrorDialect::kJson && model.protocol() == "json" && status.http_status() == 0 &&
      (shape == nullptr || shape->error_http_status == 0) && err.http_status < 500 &&
      status.code() != StatusCode::kPermissionDenied && status.code() != StatusCode::kUnauthenticated) {
    err.http_status = 400;
  }
  err.sender_fault = shape != nullptr ? (!shape->fault && (shape->error_sender_fault || err.http_status < 500))
                                      : err.http_status < 500;
  return err;
}

Status ValidationFailure(ErrorDialect dialect, std::string message) {
  const char* code = dialect == ErrorDialect::kJson    ? "ValidationException"
                     : dialect == ErrorDialect::kQuery ? "ValidationError"
                                                       : "InvalidArgument";
  return Status::Aws(StatusCode::kInvalidArgument, 400, code, std::move(message));
}

}  // namespace skybox::aws
