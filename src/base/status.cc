#include "base/status.h"

namespace skybox {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "INVALID_ARGUMENT";
    case StatusCode::kNotFound: return "NOT_FOUND";
    case StatusCode::kAlreadyExists: return "ALREADY_EXISTS";
    case StatusCode::kFailedPrecondition: return "FAILED_PRECONDITION";
    case StatusCode::kPermissionDenied: return "PERMISSION_DENIED";
    case StatusCode::kUnauthenticated: return "UNAUTHENTICATED";
    case StatusCode::kResourceExhausted: return "RESOURCE_EXHAUSTED";
    case StatusCode::kUnavailable: return "UNAVAILABLE";
    case StatusCode::kDeadlineExceeded: return "DEADLINE_EXCEEDED";
    case StatusCode::kAborted: return "ABORTED";
    case StatusCode::kUnimplemented: return "UNIMPLEMENTED";
    case StatusCode::kDataLoss: return "DATA_LOSS";
    case StatusCode::kInternal: return "INTERNAL";
  }
  return "UNKNOWN";
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) {
    rep_ = std::make_shared<const Rep>(Rep{code, 0, std::string(), std::move(message), {}});
  }
}

Status Status::Aws(StatusCode code, int http_status, std::string aws_code, std::string message) {
  Status s;
  s.rep_ = std::make_shared<const Rep>(
      Rep{code, http_status, std::move(aws_code), std::move(message), {}});
  return s;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

const std::string& Status::aws_code() const {
  static const std::string kEmpty;
  return rep_ ? rep_->aws_code : kEmpty;
}

const Status::Details& Status::details() const {
  static const Details kNone;
  return rep_ ? rep_->details : kNone;
}

Status Status::WithDetail(std::string name, std::string value) const {
  if (ok()) return *this;
  Rep copy = *rep_;
  copy.details.emplace_back(std::move(name), std::move(value));
  Status s;
  s.rep_ = std::make_shared<const Rep>(std::move(copy));
  return s;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code()));
  if (!aws_code().empty()) out += " (" + aws_code() + ")";
  out += ": ";
  out += message();
  return out;
}

}  // namespace skybox
