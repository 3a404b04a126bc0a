#include "services/s3/config/cors.h"

#include "base/ascii.h"
#include "services/s3/config/config_store.h"

namespace skybox::s3 {
namespace {

constexpr std::string_view kVary = "Origin, Access-Control-Request-Headers, Access-Control-Request-Method";

Status Forbidden(std::string message) {
  return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessForbidden", std::move(message));
}
Status BadRequest(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "BadRequest", std::move(message));
}

bool EqualChars(char a, char b, bool ignore_case) {
  if (!ignore_case) return a == b;
  return AsciiToLower(a) == AsciiToLower(b);
}

bool Equal(std::string_view a, std::string_view b, bool ignore_case) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!EqualChars(a[i], b[i], ignore_case)) return false;
  }
  return true;
}

std::vector<std::string> Strings(const aws::Document& rule, const char* member) {
  std::vector<std::string> out;
  auto it = rule.find(member);
  if (it == rule.end() || !it->is_array()) return out;
  for (const aws::Document& v : *it) {
    if (v.is_string()) out.push_back(v.get<std::string>());
  }
  return out;
}

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

const aws::Document* MatchingRule(const aws::Document& config, std::string_view origin, std::string_view method,
                                  const std::vector<std::string_view>& request_headers, std::string* matched_origin) {
  if (!config.is_object() || !config.contains("CORSRules")) return nullptr;
  for (const aws::Document& rule : config["CORSRules"]) {
    std::string origin_pattern;
    for (const std::string& allowed : Strings(rule, "AllowedOrigins")) {
      if (WildcardMatch(allowed, origin, false)) {
        origin_pattern = allowed;
        break;
      }
    }
    if (origin_pattern.empty()) continue;
    bool method_ok = false;
    for (const std::string& m : Strings(rule, "AllowedMethods")) method_ok = method_ok || m == method;
    if (!method_ok) continue;
    const std::vector<std::string> allowed_headers = Strings(rule, "AllowedHeaders");
    bool headers_ok = true;
    for (std::string_view h : request_headers) {
      bool one = false;
      for (const std::string& a : allowed_headers) one = one || WildcardMatch(a, h, true);
      headers_ok = headers_ok && one;
    }
    if (!headers_ok) continue;
    *matched_origin = origin_pattern;
    return &rule;
  }
  return nullptr;
}

// The headers every matched request gets, preflight or not.
HeaderList CommonHeaders(const aws::Document& rule, const std::string& origin_pattern, std::string_view origin) {
  HeaderList headers;
  const bool any_origin = origin_pattern == "*";
  headers.emplace_back("Access-Control-Allow-Origin", any_origin ? "*" : std::string(origin));
  headers.emplace_back("Access-Control-Allow-Methods", Join(Strings(rule, "AllowedMethods")));
  const std::vector<std::string> expose = Strings(rule, "ExposeHeaders");
  if (!expose.empty()) headers.emplace_back("Access-Control-Expose-Headers", Join(expose));
  if (rule.contains("MaxAgeSeconds")) {
    headers.emplace_back("Access-Control-Max-Age", std::to_string(rule["MaxAgeSeconds"].get<int64_t>()));
  }
  if (!any_origin) headers.emplace_back("Access-Control-Allow-Credentials", "true");
  headers.emplace_back("Vary", std::string(kVary));
  return headers;
}

bool IsCorsMethod(std::string_view m) {
  return m == "GET" || m == "PUT" || m == "HEAD" || m == "POST" || m == "DELETE";
}

}  // namespace

bool WildcardMatch(std::string_view pattern, std::string_view value, bool ignore_case) {
  const size_t star = pattern.find('*');
  if (star == std::string_view::npos) return Equal(pattern, value, ignore_case);
  const std::string_view head = pattern.substr(0, star);
  const std::string_view tail = pattern.substr(star + 1);
  return value.size() >= head.size() + tail.size() && Equal(value.substr(0, head.size()), head, ignore_case) &&
         Equal(value.substr(value.size() - tail.size()), tail, ignore_case);
}

Result<HeaderList> EvaluateCorsPreflight(const aws::Document& cors_config, const CorsRequest& request) {
  if (request.origin.empty()) return BadRequest("Insufficient information. Origin request header needed.");
  if (!IsCorsMethod(request.method)) {
    return BadRequest("Invalid Access-Control-Request-Method: " + std::string(request.method));
  }
  if (!cors_config.is_object() || cors_config.value("CORSRules", aws::Document::array()).empty()) {
    return Forbidden("CORSResponse: CORS is not enabled for this bucket.");
  }
  std::vector<std::string_view> requested;
  for (const std::string& h : request.request_headers) {
    if (std::string_view t = TrimBlanks(h); !t.empty()) requested.push_back(t);
  }
  std::string origin_pattern;
  const aws::Document* rule = MatchingRule(cors_config, request.origin, request.method, requested, &origin_pattern);
  if (rule == nullptr) {
    return Forbidden(
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request "
        "method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the "
        "resource's CORS spec.");
  }
  HeaderList headers = CommonHeaders(*rule, origin_pattern, request.origin);
  if (!requested.empty()) {
    std::string allow;
    for (std::string_view h : requested) {
      if (!allow.empty()) allow += ", ";
      allow += AsciiLowercase(h);
    }
    headers.emplace_back("Access-Control-Allow-Headers", std::move(allow));
  }
  return headers;
}

HeaderList CorsResponseHeaders(const aws::Document& cors_config, std::string_view origin, std::string_view method) {
  if (origin.empty()) return {};
  std::string origin_pattern;
  const aws::Document* rule = MatchingRule(cors_config, origin, method, {}, &origin_pattern);
  if (rule == nullptr) return {};
  return CommonHeaders(*rule, origin_pattern, origin);
}

Result<std::optional<aws::Document>> ReadCorsConfig(storage::Store& store, storage::Namespace ns,
                                                    std::string_view bucket) {
  return ReadBucketConfig(store, ns, bucket, "cors");
}

}  // namespace skybox::s3
