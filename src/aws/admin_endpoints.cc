#include "aws/admin_endpoints.h"

#include "aws/service_catalog.h"
#include "base/metrics.h"

namespace skybox::aws {
namespace {

net::HttpResponse Text(int status, std::string content_type, std::string body) {
  net::HttpResponse r;
  r.status = status;
  r.SetHeader("Content-Type", std::move(content_type));
  r.body = std::move(body);
  return r;
}

}  // namespace

AdminEndpoints::AdminEndpoints(const ServiceRegistry* services, std::string version)
    : services_(services), version_(std::move(version)),
      started_(std::chrono::steady_clock::now()) {}

net::HttpResponse AdminEndpoints::Handle(const net::HttpRequest& request) const {
  std::string_view path = request.Path();
  bool read = request.method == "GET" || request.method == "HEAD";
  if (path == "/_skybox/health" || path == "/_localstack/health") {
    return read ? Health() : Text(405, "text/plain", "method not allowed\n");
  }
  if (path == "/metrics") {
    return read ? Text(200, "text/plain; version=0.0.4",
                       MetricsRegistry::Global().RenderPrometheus())
                : Text(405, "text/plain", "method not allowed\n");
  }
  return Text(404, "text/plain", "no such Skybox endpoint\n");
}

net::HttpResponse AdminEndpoints::Health() const {
  Document services = Document::object();
  for (const ServiceInfo& s : ServiceCatalog()) {
    const Service* service = services_->Find(s.model);
    services[std::string(s.model)] =
        service && service->implemented_count() > 0 ? "running" : "not_implemented";
  }
  auto uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_);
  Document body = {{"version", version_},
                   {"edition", "skybox"},
                   {"uptime_seconds", uptime.count()},
                   {"services", services}};
  return Text(200, "application/json", body.dump() + "\n");
}

}  // namespace skybox::aws
