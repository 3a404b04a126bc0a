// Skybox's own HTTP endpoints, served beside the AWS APIs on the same port:
//   GET /_skybox/health and its LocalStack alias /_localstack/health: JSON with the version,
//       uptime and each service's state ("running" when Skybox implements operations of it,
//       "not_implemented" when it only knows its API model).
//   GET /metrics: Prometheus text format (base/metrics.h).
// They need no signature: they reveal no account data.
//
// Thread-safety: immutable after construction; Handle may run on any event loop.
#pragma once

#include <chrono>
#include <string>

#include "aws/service.h"
#include "net/http_message.h"

namespace skybox::aws {

class AdminEndpoints {
 public:
  AdminEndpoints(const ServiceRegistry* services, std::string version);
  net::HttpResponse Handle(const net::HttpRequest& request) const;

 private:
  net::HttpResponse Health() const;

  const ServiceRegistry* services_;
  std::string version_;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace skybox::aws
