#include "aws/router.h"

#include "aws/service_catalog.h"

namespace skybox::aws {
namespace {

// The value of `name` in an application/x-www-form-urlencoded string, undecoded.
std::string_view FormValue(std::string_view form, std::string_view name) {
  while (!form.empty()) {
    size_t amp = form.find('&');
    std::string_view pair = form.substr(0, amp);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (amp == std::string_view::npos) break;
    form.remove_prefix(amp + 1);
  }
  return {};
}

std::string_view TargetPrefix(const net::HttpRequest& request) {
  auto target = request.Header("x-amz-target");
  if (!target) return {};
  return target->substr(0, target->find('.'));
}

const ServiceInfo* ByTargetPrefix(std::string_view prefix) {
  if (prefix.empty()) return nullptr;
  for (const ServiceInfo& s : ServiceCatalog()) {
    if (s.target_prefix == prefix) return &s;
  }
  return nullptr;
}

std::string_view QueryVersion(const net::HttpRequest& request) {
  std::string_view v = FormValue(request.RawQuery(), "Version");
  if (v.empty()) {
    auto type = request.Header("content-type");
    if (type && type->find("application/x-www-form-urlencoded") != std::string_view::npos) {
      v = FormValue(request.body, "Version");
    }
  }
  return v;
}

bool HasQueryAction(const net::HttpRequest& request) {
  if (!FormValue(request.RawQuery(), "Action").empty()) return true;
  auto type = request.Header("content-type");
  return type && type->find("application/x-www-form-urlencoded") != std::string_view::npos &&
         !FormValue(request.body, "Action").empty();
}

std::string_view HostWithoutPort(std::string_view host) {
  if (!host.empty() && host.front() == '[') return host;  // IPv6 literal: never a bucket
  return host.substr(0, host.find(':'));
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix &&
         s[s.size() - suffix.size() - 1] == '.';
}

// The bucket a virtual-hosted-style Host header names, or empty.
std::string BucketFromHost(std::string_view host, const RouterOptions& options) {
  host = HostWithoutPort(host);
  std::vector<std::string_view> domains = {"s3.localhost", "localhost"};
  for (const std::string& d : options.s3_domains) domains.insert(domains.begin(), d);
  for (std::string_view d : domains) {
    if (host == d) return {};
    if (EndsWith(host, d)) return std::string(host.substr(0, host.size() - d.size() - 1));
  }
  // <bucket>.s3.<region>.amazonaws.com and <bucket>.s3.amazonaws.com
  size_t s3 = host.find(".s3.");
  if (s3 != std::string_view::npos && s3 > 0 && host.ends_with(".amazonaws.com")) {
    return std::string(host.substr(0, s3));
  }
  return {};
}

// The bucket a static website endpoint's Host names ("<bucket>.s3-website.localhost",
// "<bucket>.s3-website-us-east-1.amazonaws.com", "<bucket>.s3-website.eu-west-1.localhost"), or empty.
// A configured S3 domain is a website domain too, and so is what follows its "s3." (for
// "s3.example.test": "<bucket>.s3-website.s3.example.test" and "<bucket>.s3-website.example.test").
std::string WebsiteBucketFromHost(std::string_view host, const RouterOptions& options) {
  host = HostWithoutPort(host);
  constexpr std::string_view kLabel = ".s3-website";
  size_t at = host.find(kLabel);
  if (at == std::string_view::npos || at == 0) return {};
  std::string_view rest = host.substr(at + kLabel.size());
  std::vector<std::string> domains = {".localhost", ".amazonaws.com"};
  for (const std::string& d : options.s3_domains) {
    domains.push_back("." + d);
    if (d.starts_with("s3.")) domains.push_back("." + d.substr(3));
  }
  for (std::string_view domain : domains) {
    if (!rest.ends_with(domain)) continue;
    std::string_view region = rest.substr(0, rest.size() - domain.size());
    if (!region.empty()) {
      if (region.front() != '-' && region.front() != '.') return {};
      region.remove_prefix(1);
      if (region.empty() || region.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string_view::npos) {
        return {};
      }
    }
    return std::string(host.substr(0, at));
  }
  return {};
}

Route ServiceRoute(std::string_view model) {
  Route r;
  r.kind = Route::Kind::kService;
  r.model = model;
  return r;
}

}  // namespace

bool IsAdminPath(std::string_view path) {
  return path.starts_with("/_skybox/") || path.starts_with("/_localstack/") || path == "/metrics";
}

Route RouteRequest(const net::HttpRequest& request, std::string_view scope_service,
                   const RouterOptions& options) {
  if (IsAdminPath(request.Path())) {
    Route r;
    r.kind = Route::Kind::kAdmin;
    return r;
  }
  if (!scope_service.empty()) {
    if (scope_service == "dynamodb") {
      const ServiceInfo* s = ByTargetPrefix(TargetPrefix(request));
      return ServiceRoute(s && s->signing_name == "dynamodb" ? s->model : "dynamodb");
    }
    if (scope_service == "apigateway") {
      return ServiceRoute(request.Path().starts_with("/v2/") ? "apigatewayv2" : "apigateway");
    }
    if (scope_service != "s3") {
      for (const ServiceInfo& s : ServiceCatalog()) {
        if (s.signing_name == scope_service) return ServiceRoute(s.model);
      }
      Route r;
      r.kind = Route::Kind::kUnknownService;
      r.unknown_name = std::string(scope_service);
      return r;
    }
  } else {
    if (const ServiceInfo* s = ByTargetPrefix(TargetPrefix(request))) return ServiceRoute(s->model);
    if (HasQueryAction(request)) {
      std::string_view version = QueryVersion(request);
      for (const ServiceInfo& s : ServiceCatalog()) {
        if (!version.empty() && s.api_version == version && s.target_prefix.empty()) {
          return ServiceRoute(s.model);
        }
      }
      // SQS's query protocol shares its version with no other service; its JSON twin has a
      // target prefix, so it is looked up separately.
      if (version == FindServiceByModel("sqs")->api_version) return ServiceRoute("sqs");
    }
  }
  Route r = ServiceRoute("s3");
  if (auto host = request.Header("host")) {
    r.s3_bucket = WebsiteBucketFromHost(*host, options);
    r.s3_website = !r.s3_bucket.empty();
    if (!r.s3_website) r.s3_bucket = BucketFromHost(*host, options);
  }
  return r;
}

}  // namespace skybox::aws
