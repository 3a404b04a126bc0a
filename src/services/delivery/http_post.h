// HttpPost: a minimal blocking HTTP/1.1 client for delivering events to user endpoints (SNS
// http/https subscriptions, later API destinations). One request per connection, bounded by a
// timeout; only the status line of the answer matters.
//
// https: the connection is encrypted but the endpoint's certificate is not verified (local
// endpoints usually have self-signed certificates); docs/compat/sns.md says so.
//
// Thread-safety: may be called from many threads at once. Blocks: never call it on an event loop.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skybox::services::delivery {

struct HttpPostResult {
  int status = 0;     // the HTTP status; 0 when no answer came
  std::string error;  // why no answer came (bad URL, DNS, connect, TLS, timeout)
};

// POSTs `body` with `headers` (plus Host, Content-Length and Connection: close) to `url`.
HttpPostResult HttpPost(std::string_view url, const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view body, std::chrono::milliseconds timeout);

}  // namespace skybox::services::delivery
