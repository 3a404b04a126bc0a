// Fuzzes what S3's website endpoint reads from the network: the Host header that routes a
// request to a bucket's website (aws/router.h) and the path that website_rules.h turns into
// the key to read and into redirect Locations.
//
// Input: "<host>\n<path>". Invariants checked: never crashes; a website route names a
// non-empty bucket that the host starts with; the key read for a path is the key itself or
// the key plus the index suffix; every redirect Location starts with http:// or https:// and,
// for a host and path free of CR and LF (as the HTTP parser guarantees), contains neither.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "aws/router.h"
#include "base/percent_encoding.h"
#include "services/s3/website_rules.h"

namespace {

void Check(bool condition) {
  if (!condition) std::abort();
}

const skybox::aws::Document& Configs(size_t i) {
  static const skybox::aws::Document configs[] = {
      skybox::aws::Document::parse(R"({"IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "e"},
        "RoutingRules": [{"Condition": {"KeyPrefixEquals": "a"}, "Redirect": {"ReplaceKeyPrefixWith": "b/"}},
                         {"Condition": {"HttpErrorCodeReturnedEquals": "404"}, "Redirect": {"ReplaceKeyWith": "x"}},
                         {"Redirect": {"HostName": "example.com", "Protocol": "https"}}]})"),
      skybox::aws::Document::parse(R"({"RedirectAllRequestsTo": {"HostName": "example.com"}})"),
  };
  return configs[i % 2];
}

void CheckLocation(const std::string& location, bool clean) {
  Check(location.starts_with("http://") || location.starts_with("https://"));
  if (clean) Check(location.find_first_of("\r\n") == std::string::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  size_t newline = input.find('\n');
  std::string_view host = input.substr(0, newline);
  std::string_view path = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);

  skybox::net::HttpRequest request;
  request.method = "GET";
  request.target = "/" + std::string(path);
  request.headers.push_back({"host", std::string(host)});
  skybox::aws::Route route = skybox::aws::RouteRequest(request, "", {});
  if (route.s3_website) {
    Check(!route.s3_bucket.empty());
    Check(host.starts_with(route.s3_bucket));
  }

  const bool clean = input.find('\r') == std::string_view::npos && path.find('\n') == std::string_view::npos;
  std::string key = skybox::PercentDecode(path);
  skybox::s3::WebsiteRequest website{host, path};
  for (size_t i = 0; i < 2; ++i) {
    const skybox::aws::Document& config = Configs(i);
    if (auto r = skybox::s3::RedirectAllRequests(config, website)) CheckLocation(r->location, clean);
    for (int status : {0, 403, 404}) {
      if (auto r = skybox::s3::MatchRoutingRule(config, key, status, website)) {
        Check(r->status >= 300 && r->status <= 399);
        CheckLocation(r->location, clean);
      }
    }
    std::string indexed = skybox::s3::IndexedKey(config, key);
    Check(indexed == key || indexed == key + skybox::s3::IndexSuffix(config));
  }
  return 0;
}
