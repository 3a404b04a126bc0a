#include "aws/auth/sigv4_parser.h"

#include <optional>
#include <string_view>
#include <utility>

#include "aws/auth/auth_error.h"
#include "aws/auth/canonical_request.h"
#include "base/ascii.h"

namespace skybox::aws {
namespace {

constexpr int64_t kMaxPresignedExpiresSeconds = 604800;

// "AKID/20150830/us-east-1/iam/aws4_request" -> access key + scope; nullopt when malformed.
struct ParsedCredential {
  std::string access_key_id;
  CredentialScope scope;
};
std::optional<ParsedCredential> ParseCredential(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t slash = text.find('/', start);
    parts.push_back(text.substr(start, slash - start));
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  if (parts.size() != 5 || parts[4] != "aws4_request") return std::nullopt;
  for (std::string_view p : parts) {
    if (p.empty()) return std::nullopt;
  }
  if (parts[1].size() != 8) return std::nullopt;
  return ParsedCredential{std::string(parts[0]),
                          {std::string(parts[1]), std::string(parts[2]), std::string(parts[3])}};
}

std::vector<std::string> SplitSignedHeaders(std::string_view text) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) end = text.size();
    std::string name = AsciiLowercase(TrimBlanks(text.substr(start, end - start)));
    if (!name.empty()) names.push_back(std::move(name));
    start = end + 1;
  }
  return names;
}

// Fills in the request time from `amz_date` (or the Date header when `amz_date` is absent)
// and checks that it agrees with the credential scope.
std::optional<std::string> SetRequestTime(const net::HttpRequest& request,
                                          std::optional<std::string_view> amz_date,
                                          SigV4Request* out) {
  std::optional<SysSeconds> time;
  if (amz_date) {
    time = ParseAmzDate(*amz_date);
  } else if (auto date = request.Header("date")) {
    time = ParseRequestDate(*date);
    if (!time) time = ParseAmzDate(*date);
  }
  if (!time) {
    return std::string(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  out->request_time = *time;
  out->amz_date = FormatAmzDate(*time);
  if (out->amz_date.compare(0, 8, out->scope.date) != 0) {
    return "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
           "from HTTP: '" + out->scope.date + "' != '" + out->amz_date.substr(0, 8) +
           "', from '" + out->amz_date + "'.";
  }
  return std::nullopt;
}

// AWS refuses signatures that do not cover the Host header: without it a signed request
// could be replayed against another endpoint.
constexpr std::string_view kHostMustBeSigned =
    "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.";

bool SignsHost(const std::vector<std::string>& signed_headers) {
  for (const std::string& h : signed_headers) {
    if (h == "host" || h == ":authority") return true;
  }
  return false;
}

// Calls `f(key, value)` for each "key=value" of the comma-separated parameters after the
// algorithm, blanks trimmed, in order; stops at and returns the first part without '='.
template <typename F>
std::optional<std::string_view> ForEachAuthorizationParam(std::string_view params, F f) {
  size_t start = 0;
  while (start <= params.size()) {
    size_t comma = params.find(',', start);
    if (comma == std::string_view::npos) comma = params.size();
    std::string_view part = TrimBlanks(params.substr(start, comma - start));
    start = comma + 1;
    if (part.empty()) continue;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) return part;
    f(part.substr(0, eq), part.substr(eq + 1));
  }
  return std::nullopt;
}

// The algorithm of an Authorization header's value (its first word) and what follows it.
std::pair<std::string_view, std::string_view> SplitAlgorithm(std::string_view header) {
  std::string_view rest = TrimBlanks(header);
  size_t space = rest.find(' ');
  if (space == std::string_view::npos) return {rest, {}};
  return {rest.substr(0, space), rest.substr(space + 1)};
}

Result<SigV4Request> ParseAuthorizationHeader(const net::HttpRequest& request,
                                              std::string_view header) {
  auto fail = [&](std::string_view service, const std::string& detail) {
    return AuthErrorFor(AuthFailure::kMalformedHeader, service, detail);
  };
  auto [algorithm, rest] = SplitAlgorithm(header);
  if (algorithm != kSigV4Algorithm) {
    return fail("", "Unsupported AWS 'algorithm': '" + std::string(algorithm) + "'.");
  }

  std::optional<std::string_view> credential, signed_headers, signature;
  std::optional<std::string_view> bad_part = ForEachAuthorizationParam(rest, [&](std::string_view key, std::string_view value) {
    if (key == "Credential") credential = value;
    if (key == "SignedHeaders") signed_headers = value;
    if (key == "Signature") signature = value;
  });
  if (bad_part) {
    return fail("", "'" + std::string(*bad_part) +
                        "' not a valid key=value pair (missing equal-sign) in Authorization "
                        "header: '" + std::string(header) + "'.");
  }
  std::string missing;
  if (!credential) missing += "Authorization header requires 'Credential' parameter. ";
  if (!signature) missing += "Authorization header requires 'Signature' parameter. ";
  if (!signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!missing.empty()) return fail("", missing + "Authorization=" + std::string(header));

  auto parsed = ParseCredential(*credential);
  if (!parsed) {
    return fail("", "the Credential is mal-formed; expecting "
                    "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
  }
  SigV4Request out;
  out.access_key_id = std::move(parsed->access_key_id);
  out.scope = std::move(parsed->scope);
  out.signed_headers = SplitSignedHeaders(*signed_headers);
  out.signature = std::string(*signature);
  if (out.signed_headers.empty() || out.signature.empty()) {
    return fail(out.scope.service,
                "the authorization header requires three components: Credential, "
                "SignedHeaders, and Signature.");
  }
  if (!SignsHost(out.signed_headers)) {
    return fail(out.scope.service, std::string(kHostMustBeSigned));
  }
  if (auto err = SetRequestTime(request, request.Header("x-amz-date"), &out)) {
    return fail(out.scope.service, *err);
  }
  if (auto token = request.Header("x-amz-security-token")) out.security_token = *token;
  return out;
}

Result<SigV4Request> ParsePresignedQuery(const net::HttpRequest& request,
                                         const std::vector<net::QueryParam>& params) {
  auto fail = [](std::string_view service, const std::string& detail) {
    return AuthErrorFor(AuthFailure::kMalformedQuery, service, detail);
  };
  auto algorithm = net::FindQueryParam(params, "X-Amz-Algorithm");
  auto credential = net::FindQueryParam(params, "X-Amz-Credential");
  auto date = net::FindQueryParam(params, "X-Amz-Date");
  auto expires = net::FindQueryParam(params, "X-Amz-Expires");
  auto signed_headers = net::FindQueryParam(params, "X-Amz-SignedHeaders");
  auto signature = net::FindQueryParam(params, "X-Amz-Signature");
  if (!algorithm || !credential || !date || !expires || !signed_headers || !signature) {
    return fail("", "Query-string authentication version 4 requires the X-Amz-Algorithm, "
                    "X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and "
                    "X-Amz-Expires parameters.");
  }
  auto parsed = ParseCredential(*credential);
  if (!parsed) {
    return fail("", "Error parsing the X-Amz-Credential parameter; the Credential is "
                    "mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
  }
  std::string service = parsed->scope.service;
  if (*algorithm != kSigV4Algorithm) {
    return fail(service, "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
  }
  if (expires->size() > 1 && expires->front() == '-' &&
      expires->find_first_not_of("0123456789", 1) == std::string::npos) {
    return fail(service, "X-Amz-Expires must be non-negative");
  }
  if (expires->empty() || expires->size() > 12 ||
      expires->find_first_not_of("0123456789") != std::string::npos) {
    return fail(service, "X-Amz-Expires should be a number");
  }
  int64_t expires_seconds = std::stoll(std::string(*expires));
  if (expires_seconds > kMaxPresignedExpiresSeconds) {
    return fail(service, "X-Amz-Expires must be less than a week (in seconds); that is, the "
                         "given X-Amz-Expires must be less than 604800 seconds");
  }
  SigV4Request out;
  out.presigned = true;
  out.access_key_id = std::move(parsed->access_key_id);
  out.scope = std::move(parsed->scope);
  out.signed_headers = SplitSignedHeaders(*signed_headers);
  out.signature = std::string(*signature);
  out.expires = std::chrono::seconds(expires_seconds);
  if (out.signed_headers.empty() || out.signature.empty()) {
    return fail(service, "X-Amz-SignedHeaders and X-Amz-Signature must not be empty.");
  }
  if (!SignsHost(out.signed_headers)) return fail(service, std::string(kHostMustBeSigned));
  if (!ParseAmzDate(*date)) {
    return fail(service, "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  }
  if (auto err = SetRequestTime(request, *date, &out)) return fail(service, *err);
  if (auto token = net::FindQueryParam(params, "X-Amz-Security-Token")) {
    out.security_token = std::string(*token);
  }
  return out;
}

}  // namespace

std::string CredentialScope::ToString() const {
  return date + "/" + region + "/" + service + "/aws4_request";
}

std::string_view SigningServiceOf(const net::HttpRequest& request) {
  std::string_view credential;
  if (auto header = request.Header("authorization")) {
    auto [algorithm, rest] = SplitAlgorithm(*header);
    if (algorithm != kSigV4Algorithm) return {};
    ForEachAuthorizationParam(rest, [&credential](std::string_view key, std::string_view value) {
      if (key == "Credential") credential = value;
    });
  } else if (auto query = net::FindQueryParam(request.QueryParams(net::PlusSign::kLiteral), "X-Amz-Credential")) {
    credential = *query;
  }
  // "<key>/<date>/<region>/<service>/aws4_request"
  if (!credential.ends_with("/aws4_request")) return {};
  credential.remove_suffix(std::string_view("/aws4_request").size());
  const size_t slash = credential.rfind('/');
  if (slash == std::string_view::npos) return {};
  return credential.substr(slash + 1);
}

Result<SigV4Request> ParseSigV4(const net::HttpRequest& request) {
  if (auto header = request.Header("authorization")) {
    return ParseAuthorizationHeader(request, *header);
  }
  const std::vector<net::QueryParam>& params = request.QueryParams(net::PlusSign::kLiteral);
  for (const net::QueryParam& p : params) {
    if (p.name == "X-Amz-Algorithm" || p.name == "X-Amz-Credential" ||
        p.name == "X-Amz-Signature") {
      return ParsePresignedQuery(request, params);
    }
  }
  return AuthErrorFor(AuthFailure::kMissing, "");
}

}  // namespace skybox::aws
