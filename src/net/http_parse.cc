#include "net/http_parse.h"

#include <algorithm>

#include "net/request_parser.h"

namespace skybox::net {

const RejectionInfo& DescribeRejection(Rejection rejection) {
  static const RejectionInfo kInfos[kRejectionCount] = {
      {200, "none", ""},
      {400, "bad_request", "bad request"},
      {414, "url_too_long", "request-target too long"},
      {431, "header_too_large", "request header fields too large"},
      {413, "body_too_large", "request body too large"},
      {501, "unsupported_transfer_encoding", "transfer-encoding not implemented"},
      {408, "header_timeout", "request head not received in time"},
      {408, "body_timeout", "request body not received in time"},
      {408, "body_too_slow", "request body arriving too slowly"},
      {400, "missing_host", "missing or duplicate host header"},
  };
  return kInfos[static_cast<int>(rejection)];
}

ParseOutcome ParseHttpRequest(std::string_view bytes, const RequestLimits& limits,
                              size_t fragment_bytes) {
  if (fragment_bytes == 0) fragment_bytes = bytes.size();
  RequestParser parser(limits);
  ParseOutcome outcome;
  // `received` mimics a socket buffer: bytes arrive a fragment at a time and unconsumed ones
  // stay in front of the next fragment.
  size_t received = 0;
  size_t consumed = 0;
  while (received < bytes.size()) {
    received = std::min(bytes.size(), received + fragment_bytes);
    for (;;) {
      auto [event, used] = parser.Feed(bytes.substr(consumed, received - consumed));
      consumed += used;
      outcome.consumed = consumed;
      outcome.expects_continue = parser.expects_continue();
      if (event == RequestParser::Event::kRejected) {
        outcome.state = ParseOutcome::State::kRejected;
        outcome.rejection = parser.rejection();
        return outcome;
      }
      if (event == RequestParser::Event::kComplete) {
        outcome.state = ParseOutcome::State::kComplete;
        outcome.request = parser.TakeRequest();
        return outcome;
      }
      if (event == RequestParser::Event::kNeedMore) break;
    }
  }
  return outcome;
}

}  // namespace skybox::net
