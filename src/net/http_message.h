// The HTTP request/response values exchanged between the network layer (net/) and the
// layers above it. Deliberately free of Boost.Beast types so that aws/ and services/ do not
// pay Beast's compile cost.
//
// Thread-safety: plain values; a request is owned by whoever holds it.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "net/query_string.h"

namespace skybox::net {

// One piece of a streamed body. `bytes` may be empty when `last` is set. A failed piece
// (status not OK) is final: the body cannot be read further.
struct BodyPiece {
  Status status;
  std::string bytes;
  bool last = false;
};
using OnBodyPiece = std::function<void(BodyPiece)>;

// A request body delivered piece by piece, for requests whose handler asked for it (see
// HttpHandler::WantsBodyStream). Memory stays bounded: bytes are read from the socket only
// when asked for, at most one read is outstanding, and a piece is at most 64 KiB.
//
// Thread-safety: Read may be called from any thread; `on_piece` runs on the connection's
// event loop. Call Read again only after the previous `on_piece` ran.
class RequestBodyStream {
 public:
  virtual ~RequestBodyStream() = default;
  // Delivers the next piece. A client that stalls, sends too slowly, sends more than the
  // streaming limit or malformed chunk framing yields a failed piece whose Status carries the
  // HTTP status net/ would have refused the request with (408, 413, 400) and a lower-case
  // reason; a client that disconnects yields kUnavailable. After a failure or after the
  // connection closed, further reads fail at once.
  virtual void Read(OnBodyPiece on_piece) = 0;
};

// A response body produced piece by piece (an S3 object read from storage). The response's
// content_length_override must hold the total size the source will produce.
//
// Thread-safety: Next is called on the connection's event loop, one call at a time;
// `on_piece` may run on any thread (net/ posts back to its loop).
class ResponseBodySource {
 public:
  virtual ~ResponseBodySource() = default;
  // Produces the next piece. A failed piece, or pieces that do not add up to the declared
  // length, make net/ close the connection: the client sees a truncated body, never a wrong
  // one.
  virtual void Next(OnBodyPiece on_piece) = 0;
};

// One header field. Names are stored lower-cased; values exactly as received (leading and
// trailing whitespace trimmed, as HTTP requires).
struct HttpHeader {
  std::string name;
  std::string value;
};

struct HttpRequest {
  std::string method;              // "GET", "PUT", ... as sent
  std::string target;              // raw request-target, e.g. "/bucket/key?versionId=1"
  int version = 11;                // 10 or 11
  std::vector<HttpHeader> headers;  // in arrival order; repeated names allowed
  std::string body;                // the whole body, de-chunked (bounded by the server limit)
  // Set instead of `body` when the handler asked for the body as a stream.
  std::shared_ptr<RequestBodyStream> body_stream;
  std::string remote_address;      // peer IP, for logs
  bool keep_alive = true;

  // Path part of `target` (before '?'), still percent-encoded.
  std::string_view Path() const;
  // Query part of `target` (after '?'), without the '?'; empty when there is none.
  std::string_view RawQuery() const;
  // First header with this lower-case name.
  std::optional<std::string_view> Header(std::string_view lower_name) const;
  // RawQuery() parsed with ParseQueryString(RawQuery(), plus). Authentication, routing and
  // input decoding all read the parameters, so they are parsed once per `plus` and kept (for as
  // long as RawQuery() stays the same). Fills a cache: like a non-const call, it must not run
  // on two threads at once for the same request.
  const std::vector<QueryParam>& QueryParams(PlusSign plus) const;

  // QueryParams' cache, one slot per PlusSign; not part of the request's value.
  struct ParsedQuery {
    bool filled = false;
    std::string raw;  // the RawQuery() `params` came from
    std::vector<QueryParam> params;
  };
  mutable ParsedQuery parsed_query[2];
};

// The reason phrase of an HTTP status ("Not Found"); "<unknown-status>" for one HTTP does not
// define.
std::string_view ReasonPhrase(int status);

struct HttpResponse {
  int status = 200;
  std::vector<HttpHeader> headers;  // names as they should appear on the wire
  std::string body;
  // For HEAD responses and 304s: the Content-Length to report although `body` is empty; and
  // the total length of `body_source`.
  std::optional<uint64_t> content_length_override;
  // When set, the body comes from this source instead of `body` (which must be empty).
  std::shared_ptr<ResponseBodySource> body_source;

  void SetHeader(std::string name, std::string value);
};

// Completes a request. Must be called exactly once, from any thread; the network layer
// writes the response on the connection's own event loop.
using HttpReply = std::function<void(HttpResponse)>;

// What the network layer calls for every complete request, and for every request it refuses
// on its own.
class HttpHandler {
 public:
  virtual ~HttpHandler() = default;
  // Called on an event-loop thread. Must not block: hand blocking work elsewhere and call
  // `reply` when done.
  virtual void Handle(HttpRequest request, HttpReply reply) = 0;

  // Called on the event-loop thread when a request's head is complete and a body follows.
  // Returning true makes net/ call Handle() at once with `body_stream` set instead of
  // buffering the body (up to RequestLimits::max_streamed_body_bytes instead of
  // max_body_bytes). Must not block. The default buffers every body.
  virtual bool WantsBodyStream(const HttpRequest& head);

  // Called on the connection's event-loop thread, synchronously, when net/ refuses a request
  // before (or instead of) handing it to Handle(): 400 malformed or missing/duplicate Host,
  // 408 head or body not received in time, 413 body over the limit, 414 target too long,
  // 431 head too large, 501 unsupported Transfer-Encoding. Lets the layer above log the
  // refusal and answer in its protocol's error format. Must not block and should not throw
  // (a throw is caught and the default answer sent).
  //
  // `status` is one of the above; `reason` is a short lower-case English explanation, e.g.
  // "request body too large" (valid only during the call). `head` is the parsed request head
  // (method, target, version, headers, remote_address; body always empty) when the head was
  // complete before the refusal: 413, 408 for the body, 501, and 400 for a missing or
  // duplicate Host. It is nullptr when no head could be parsed: other 400s, 414, 431, and 408
  // for the head. It is valid only during the call.
  //
  // net/ writes the returned response with the status forced back to `status`, headers and
  // body as returned (framing headers are net/'s, as for any response) and `Connection:
  // close`, then closes the connection. The default is a small text/plain response whose
  // body is `reason` and a newline.
  virtual HttpResponse OnRejected(int status, std::string_view reason, const HttpRequest* head);
};

}  // namespace skybox::net
