#include "net/server_state.h"

#include <string>

namespace skybox::net {
namespace {

constexpr char kRejectedName[] = "skybox_http_rejected_total";
constexpr char kRejectedHelp[] = "Requests or connections refused by the HTTP layer, by reason.";

Counter& RejectedCounter(std::string_view reason) {
  return MetricsRegistry::Global().GetCounter(kRejectedName, kRejectedHelp,
                                              {{"reason", std::string(reason)}});
}

}  // namespace

ServerMetrics::ServerMetrics()
    : connections_open(MetricsRegistry::Global().GetGauge(
          "skybox_http_connections_open", "Open HTTP client connections.")),
      requests_in_flight(MetricsRegistry::Global().GetGauge(
          "skybox_http_requests_in_flight", "Requests handed to a handler and not yet answered.")),
      paused_at_connection_limit(RejectedCounter("connection_limit")) {
  rejected.fill(nullptr);  // Rejection::kNone has no counter
  for (size_t i = 1; i < rejected.size(); ++i) {
    rejected[i] = &RejectedCounter(DescribeRejection(static_cast<Rejection>(i)).metric_reason);
  }
}

}  // namespace skybox::net
