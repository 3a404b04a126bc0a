// RequestParser: Beast's incremental HTTP/1.1 parser, filling a net::HttpRequest directly (no
// Beast field container, no second copy) and enforcing RequestLimits.
//
// Internal to net/: includes Beast. One parser parses one request; make a new one per request.
// Thread-safety: none; owned by one connection.
#pragma once

#include <utility>  // before Boost headers (std::exchange with g++ 12)

#include <boost/beast/http/basic_parser.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "net/http_message.h"
#include "net/http_parse.h"

namespace skybox::net {

class RequestParser final : private boost::beast::http::basic_parser<true> {
 public:
  // Asked once the head is complete and a body follows: true streams the body (see
  // TakeStreamedBody) under max_streamed_body_bytes instead of collecting it under
  // max_body_bytes.
  using StreamDecider = std::function<bool(const HttpRequest& head)>;
  explicit RequestParser(const RequestLimits& limits, StreamDecider stream_decider = nullptr);

  enum class Event {
    kNeedMore,    // everything offered was consumed (or kept for later); read more
    kHeaderDone,  // the head just completed and a body follows; call Feed again for it
    kComplete,    // the request is complete; take it with TakeRequest()
    kRejected,    // see rejection()
  };
  struct FeedResult {
    Event event;
    size_t consumed;  // bytes of `data` used; the caller drops them from its buffer
  };
  // Offers `data` (the unconsumed bytes received so far). Bytes that are not consumed must be
  // offered again, followed by new ones.
  FeedResult Feed(std::string_view data);

  Rejection rejection() const { return rejection_; }
  bool header_done() const { return is_header_done(); }
  // True once any byte of this request arrived.
  bool started() const { return got_some(); }
  // True once the whole head was parsed and passed the syntax checks, even when the request
  // was then refused (413, 501, missing Host, a body problem): request() holds the head.
  bool head_parsed() const { return head_parsed_; }
  // Bytes consumed after the head: the body as sent, chunk framing included.
  uint64_t body_wire_bytes() const { return body_wire_bytes_; }
  bool expects_continue() const { return expects_continue_; }
  const HttpRequest& request() const { return request_; }
  HttpRequest TakeRequest() { return std::move(request_); }
  // True when the stream decider chose to stream this request's body.
  bool streaming() const { return streaming_; }
  // Streaming: the body bytes (de-chunked) parsed since the last call.
  std::string TakeStreamedBody() { return std::exchange(streamed_, std::string()); }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;
  using field = boost::beast::http::field;
  using verb = boost::beast::http::verb;

  Event Reject(Rejection r);
  bool IsFolded(string_view name, string_view value) const;
  Rejection ClassifyOversizedHead(std::string_view pending) const;

  void on_request_impl(verb method, string_view method_str, string_view target, int version,
                       error_code& ec) override;
  void on_response_impl(int, string_view, int, error_code& ec) override;
  void on_field_impl(field name, string_view name_str, string_view value,
                     error_code& ec) override;
  void on_header_impl(error_code& ec) override;
  void on_body_init_impl(const boost::optional<uint64_t>& content_length,
                         error_code& ec) override;
  size_t on_body_impl(string_view body, error_code& ec) override;
  void on_chunk_header_impl(uint64_t size, string_view extensions, error_code& ec) override;
  size_t on_chunk_body_impl(uint64_t remain, string_view body, error_code& ec) override;
  void on_finish_impl(error_code& ec) override;

  void AppendBody(string_view bytes);

  RequestLimits limits_;
  StreamDecider stream_decider_;
  HttpRequest request_;
  bool streaming_ = false;
  std::string streamed_;     // streaming: parsed body bytes not yet taken
  uint64_t body_bytes_ = 0;  // de-chunked body bytes so far
  size_t head_bytes_ = 0;  // head bytes consumed so far (Beast consumes the head field by field)
  uint64_t body_wire_bytes_ = 0;
  // What the current put() was offered; a field's name and value point into it (or, for a
  // folded value, into Beast's own buffer).
  std::string_view input_;
  int host_fields_ = 0;
  bool unsupported_transfer_encoding_ = false;
  bool head_parsed_ = false;
  bool target_checked_ = false;  // an unfinished request line was found not to be a long URL
  Rejection rejection_ = Rejection::kNone;  // set by a callback that refuses the request
  bool expects_continue_ = false;
  bool body_stalled_ = false;  // the last put() in the body consumed nothing
};

}  // namespace skybox::net
