#include "services/s3/bucket_cors_policy.h"

#include "services/s3/config/cors.h"

namespace skybox::s3 {
namespace {

std::vector<net::HttpHeader> ToHeaders(HeaderList list) {
  std::vector<net::HttpHeader> out;
  out.reserve(list.size());
  for (auto& [name, value] : list) out.push_back({std::move(name), std::move(value)});
  return out;
}

class BucketCorsPolicy final : public aws::CorsPolicy {
 public:
  explicit BucketCorsPolicy(std::shared_ptr<S3Backend> backend) : backend_(std::move(backend)) {}

  Result<std::vector<net::HttpHeader>> Preflight(std::string_view bucket,
                                                 const net::HttpRequest& request) const override {
    auto config = ReadCorsConfig(backend_->store(), backend_->ns(), bucket);
    if (!config.ok()) return config.status();
    CorsRequest cors;
    cors.origin = request.Header("origin").value_or("");
    cors.method = request.Header("access-control-request-method").value_or("");
    std::string_view requested = request.Header("access-control-request-headers").value_or("");
    while (!requested.empty()) {
      size_t comma = requested.find(',');
      std::string_view one = requested.substr(0, comma);
      if (!one.empty()) cors.request_headers.emplace_back(one);
      requested = comma == std::string_view::npos ? std::string_view() : requested.substr(comma + 1);
    }
    static const aws::Document kNone;
    auto headers = EvaluateCorsPreflight(*config ? **config : kNone, cors);
    if (!headers.ok()) return headers.status();
    return ToHeaders(std::move(headers).value());
  }

  std::vector<net::HttpHeader> ResponseHeaders(std::string_view bucket, std::string_view origin,
                                               std::string_view method) const override {
    auto config = ReadCorsConfig(backend_->store(), backend_->ns(), bucket);
    if (!config.ok() || !*config) return {};
    return ToHeaders(CorsResponseHeaders(**config, origin, method));
  }

 private:
  std::shared_ptr<S3Backend> backend_;
};

}  // namespace

std::shared_ptr<const aws::CorsPolicy> NewBucketCorsPolicy(std::shared_ptr<S3Backend> backend) {
  return std::make_shared<BucketCorsPolicy>(std::move(backend));
}

}  // namespace skybox::s3
