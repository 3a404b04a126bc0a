// State every connection of one HttpServer shares: options, limits, the handler, metrics, and
// the hook that tells the listener a connection closed. Internal to net/.
//
// Thread-safety: immutable after construction except the metrics (atomic) and
// connection_closed, which must be safe to call from any loop thread.
#pragma once

#include <array>
#include <functional>

#include "base/metrics.h"
#include "net/http_parse.h"
#include "net/http_server.h"

namespace skybox::net {

struct ServerMetrics {
  ServerMetrics();
  Gauge& connections_open;
  Gauge& requests_in_flight;
  Counter& paused_at_connection_limit;
  std::array<Counter*, kRejectionCount> rejected;  // indexed by Rejection

  Counter& Rejected(Rejection r) { return *rejected[static_cast<size_t>(r)]; }
};

struct ServerState {
  HttpServerOptions options;
  RequestLimits limits;
  HttpHandler* handler = nullptr;
  ServerMetrics metrics;
  std::function<void()> connection_closed;
};

}  // namespace skybox::net
