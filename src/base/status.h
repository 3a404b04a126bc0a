// Status: the outcome of an operation that can fail, with a small set of canonical codes.
//
// A Status is a value type; copying is cheap for the OK case. Besides the canonical code it
// can carry the AWS error code and HTTP status a failure maps to on the wire (for example
// "NoSuchBucket" / 404). Only the protocol encoders in aws/ turn a Status into wire bytes.
//
// Thread-safety: immutable after construction; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skybox {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller sent something malformed; do not retry unchanged
  kNotFound,           // the named thing does not exist
  kAlreadyExists,      // the thing to create exists
  kFailedPrecondition, // the system is not in a state that allows this; fix state first
  kPermissionDenied,   // the identity may not do this
  kUnauthenticated,    // the identity could not be established (bad signature, unknown key)
  kResourceExhausted,  // a limit or quota was hit; retry later
  kUnavailable,        // transient: retry with backoff
  kDeadlineExceeded,   // timed out
  kAborted,            // a conflict (e.g. a transaction lost a race); retry the whole operation
  kUnimplemented,      // not supported (yet)
  kDataLoss,           // stored data is corrupt or missing
  kInternal,           // a broken invariant or an unexpected library error
};

std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message);

  static Status Ok() { return Status(); }

  // A failure that maps to a specific AWS error on the wire.
  // `http_status` is the HTTP status AWS answers with, `aws_code` its error code.
  static Status Aws(StatusCode code, int http_status, std::string aws_code,
                    std::string message);

  bool ok() const { return rep_ == nullptr; }
  StatusCode code() const { return rep_ ? rep_->code : StatusCode::kOk; }
  const std::string& message() const;
  // Empty when the failure carries no explicit AWS code.
  const std::string& aws_code() const;
  // 0 when the failure carries no explicit HTTP status.
  int http_status() const { return rep_ ? rep_->http_status : 0; }

  // Extra members of the wire error, in order (S3's <BucketName>, <Key>, <Condition>, ...).
  // XML protocols write the value as the element's text; JSON protocols write it as a string,
  // or, when it is the JSON text of an array or object, as that structure (DynamoDB's
  // CancellationReasons).
  using Details = std::vector<std::pair<std::string, std::string>>;
  const Details& details() const;
  // A copy of this failure with one more detail member. No effect on OK.
  Status WithDetail(std::string name, std::string value) const;

  // "CODE: message" (with the AWS code when present); for logs and test failures.
  std::string ToString() const;

 private:
  struct Rep {
    StatusCode code;
    int http_status;
    std::string aws_code;
    std::string message;
    Details details;
  };
  std::shared_ptr<const Rep> rep_;
};

inline Status InvalidArgument(std::string msg) {
  return Status(StatusCode::kInvalidArgument, std::move(msg));
}
inline Status NotFound(std::string msg) { return Status(StatusCode::kNotFound, std::move(msg)); }
inline Status Internal(std::string msg) { return Status(StatusCode::kInternal, std::move(msg)); }
inline Status Unavailable(std::string msg) {
  return Status(StatusCode::kUnavailable, std::move(msg));
}
inline Status Unimplemented(std::string msg) {
  return Status(StatusCode::kUnimplemented, std::move(msg));
}

}  // namespace skybox

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define SKYBOX_RETURN_IF_ERROR(expr)             \
  do {                                           \
    ::skybox::Status _skybox_st = (expr);        \
    if (!_skybox_st.ok()) return _skybox_st;     \
  } while (0)
