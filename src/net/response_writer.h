// Serialising responses: the status line and header block the server writes in front of a
// handler's body.
//
// Internal to net/ (Beast-free). Thread-safety: pure functions; HttpDate() uses a per-thread
// cache.
#pragma once

#include <string>
#include <string_view>

#include "net/http_message.h"

namespace skybox::net {

struct ResponseFraming {
  std::string_view server_header;  // value of `Server`
  bool close = false;              // add `Connection: close`
  bool keep_alive_http10 = false;  // an HTTP/1.0 client asked for keep-alive: confirm it
};

// True when a response with this status to this request carries body bytes on the wire.
bool ResponseCarriesBody(int status, bool head_request);

// Appends "HTTP/1.1 <status> <reason>", Server, Date, the handler's headers (framing headers
// the server owns are skipped: Content-Length, Transfer-Encoding, Connection), Content-Length
// (from content_length_override, else the body size) and the blank line to `out`.
void AppendResponseHead(const HttpResponse& response, const ResponseFraming& framing,
                        std::string* out);

// The current time as an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), recomputed at most
// once per second per thread.
std::string_view HttpDate();

}  // namespace skybox::net
