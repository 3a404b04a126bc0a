#include "aws/auth/sigv4_signer.h"

#include <algorithm>
#include <array>
#include <string_view>
#include <vector>

#include "aws/auth/amz_date.h"
#include "aws/auth/canonical_request.h"
#include "aws/auth/signing_key.h"
#include "base/percent_encoding.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

constexpr std::array<std::string_view, 13> kUnsignedHeaders = {
    "authorization", "connection", "expect", "keep-alive", "proxy-authenticate",
    "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "user-agent",
    "x-amzn-trace-id", "x-amz-signature"};

void SetHeader(net::HttpRequest& request, std::string_view name, std::string value) {
  std::erase_if(request.headers, [&](const net::HttpHeader& h) { return h.name == name; });
  request.headers.push_back({std::string(name), std::move(value)});
}

std::vector<std::string> HeadersToSign(const net::HttpRequest& request) {
  std::vector<std::string> names;
  for (const net::HttpHeader& h : request.headers) {
    if (std::find(kUnsignedHeaders.begin(), kUnsignedHeaders.end(), h.name) ==
        kUnsignedHeaders.end()) {
      names.push_back(h.name);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string JoinSignedHeaders(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out.push_back(';');
    out.append(n);
  }
  return out;
}

struct Scope {
  std::string amz_date;
  std::string scope;  // date/region/service/aws4_request
};

Scope MakeScope(const SigningParams& params) {
  std::string amz_date = FormatAmzDate(params.time);
  std::string scope =
      amz_date.substr(0, 8) + "/" + params.region + "/" + params.service + "/aws4_request";
  return {std::move(amz_date), std::move(scope)};
}

std::string Sign(const net::HttpRequest& request, const SigningParams& params, const Scope& scope,
                 const std::vector<std::string>& signed_headers, bool presigned) {
  std::string payload = PayloadHash(request, params.service, presigned);
  std::string canonical =
      CanonicalRequest(request, params.service, signed_headers, payload, presigned);
  std::string key = CachedSigningKey(params.secret_access_key, scope.amz_date.substr(0, 8),
                                     params.region, params.service);
  return SignatureHex(key, StringToSign(scope.amz_date, scope.scope, canonical));
}

}  // namespace

Status SignRequest(net::HttpRequest& request, const SigningParams& params) {
  if (!request.Header("host")) return InvalidArgument("SigV4 signing needs a host header");
  Scope scope = MakeScope(params);
  SetHeader(request, "x-amz-date", scope.amz_date);
  if (!params.session_token.empty()) {
    SetHeader(request, "x-amz-security-token", params.session_token);
  }
  if (params.service == "s3" && !request.Header("x-amz-content-sha256")) {
    SetHeader(request, "x-amz-content-sha256", HexEncode(Sha256(request.body)));
  }
  std::erase_if(request.headers, [](const net::HttpHeader& h) { return h.name == "authorization"; });
  std::vector<std::string> signed_headers = HeadersToSign(request);
  std::string signature = Sign(request, params, scope, signed_headers, /*presigned=*/false);
  request.headers.push_back(
      {"authorization", std::string(kSigV4Algorithm) + " Credential=" + params.access_key_id +
                            "/" + scope.scope + ", SignedHeaders=" +
                            JoinSignedHeaders(signed_headers) + ", Signature=" + signature});
  return Status::Ok();
}

Status PresignRequest(net::HttpRequest& request, const SigningParams& params,
                      std::chrono::seconds expires) {
  if (!request.Header("host")) return InvalidArgument("SigV4 presigning needs a host header");
  Scope scope = MakeScope(params);
  std::vector<std::string> signed_headers = HeadersToSign(request);
  std::string query = "X-Amz-Algorithm=" + std::string(kSigV4Algorithm);
  query += "&X-Amz-Credential=" + PercentEncode(params.access_key_id + "/" + scope.scope, false);
  query += "&X-Amz-Date=" + scope.amz_date;
  query += "&X-Amz-Expires=" + std::to_string(expires.count());
  query += "&X-Amz-SignedHeaders=" + PercentEncode(JoinSignedHeaders(signed_headers), false);
  if (!params.session_token.empty()) {
    query += "&X-Amz-Security-Token=" + PercentEncode(params.session_token, false);
  }
  request.target += request.target.find('?') == std::string::npos ? "?" : "&";
  request.target += query;
  std::string signature = Sign(request, params, scope, signed_headers, /*presigned=*/true);
  request.target += "&X-Amz-Signature=" + signature;
  return Status::Ok();
}

}  // namespace skybox::aws
