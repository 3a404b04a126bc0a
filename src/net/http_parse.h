// Parsing HTTP/1.1 requests with the server's limits, without sockets.
//
// The server (http_connection.cc) and the fuzz target (tests/fuzz/http_request_fuzz.cc) both
// go through RequestParser (request_parser.h); ParseHttpRequest below is the Beast-free entry
// point to that same parser for tests and fuzzing.
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "net/http_message.h"

namespace skybox::net {

// What a request may weigh. A request over a limit is answered with the matching status.
struct RequestLimits {
  size_t max_header_bytes = 16 * 1024;      // request line + fields; bigger -> 431
  size_t max_url_bytes = 8 * 1024;          // request-target; bigger -> 414
  uint64_t max_body_bytes = 32ull << 20;    // de-chunked body; bigger -> 413
  // The same, for a body the handler streams (HttpHandler::WantsBodyStream): S3 objects.
  uint64_t max_streamed_body_bytes = 6ull << 30;
};

// Why the server refused a request (or a connection) with an HTTP error.
enum class Rejection {
  kNone,
  kBadRequest,                   // 400: malformed syntax, conflicting framing headers, obs-fold
  kUrlTooLong,                   // 414
  kHeaderTooLarge,               // 431
  kBodyTooLarge,                 // 413
  kUnsupportedTransferEncoding,  // 501: any Transfer-Encoding other than "chunked"
  kHeaderTimeout,                // 408: request head not complete within header_timeout
  kBodyTimeout,                  // 408: no body progress within body_timeout
  kBodyTooSlow,                  // 408: body average rate under min_body_bytes_per_second
  kMissingHost,                  // 400: HTTP/1.1 head without exactly one Host field
};
inline constexpr size_t kRejectionCount = 10;

struct RejectionInfo {
  int http_status;
  std::string_view metric_reason;  // label value of skybox_http_rejected_total{reason=...}
  std::string_view message;        // what went wrong, for HttpHandler::OnRejected's `reason`
};
const RejectionInfo& DescribeRejection(Rejection rejection);

struct ParseOutcome {
  enum class State { kComplete, kIncomplete, kRejected };
  State state = State::kIncomplete;
  Rejection rejection = Rejection::kNone;  // set when state == kRejected
  HttpRequest request;                     // filled when state == kComplete
  size_t consumed = 0;                     // bytes of `bytes` that belong to this request
  bool expects_continue = false;           // the head carried "Expect: 100-continue"
};

// Parses the first request in `bytes`, feeding it to the parser in pieces of at most
// `fragment_bytes` (0 = all at once) the way socket reads would. Never throws; any input is
// either a complete request, a need for more bytes, or a rejection.
ParseOutcome ParseHttpRequest(std::string_view bytes, const RequestLimits& limits,
                              size_t fragment_bytes = 0);

}  // namespace skybox::net
