#include "aws/auth/sigv2_query.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>

#include "aws/auth/auth_error.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

// The query parameters that are part of a SigV2 resource (S3's sub-resources and response
// overrides); every other parameter is not signed.
constexpr std::array<std::string_view, 37> kSubResources = {
    "accelerate", "acl", "analytics", "cors", "delete", "encryption", "intelligent-tiering", "inventory",
    "legal-hold", "lifecycle", "location", "logging", "metrics", "notification", "object-lock",
    "ownershipControls", "partNumber", "policy", "publicAccessBlock", "replication", "requestPayment",
    "response-cache-control", "response-content-disposition", "response-content-encoding",
    "response-content-language", "response-content-type", "response-expires", "restore", "retention",
    "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website"};

Status QueryAuthIncomplete() {
  return Status::Aws(StatusCode::kUnauthenticated, 403, "AccessDenied",
                     "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters");
}

// The string to sign over `resource_path` (the bucket and raw path, without the query).
std::string StringToSign(const net::HttpRequest& request, std::string_view resource_path, std::string_view expires) {
  std::string out = request.method + "\n";
  out += std::string(request.Header("content-md5").value_or("")) + "\n";
  out += std::string(request.Header("content-type").value_or("")) + "\n";
  out += std::string(expires) + "\n";
  std::map<std::string, std::string> amz;  // request header names are lower-case already
  for (const net::HttpHeader& h : request.headers) {
    if (!h.name.starts_with("x-amz-")) continue;
    std::string& value = amz[h.name];
    value += (value.empty() ? "" : ",") + h.value;
  }
  for (const auto& [name, value] : amz) out += name + ":" + value + "\n";
  out += resource_path;
  std::vector<const net::QueryParam*> sub;
  for (const net::QueryParam& p : request.QueryParams(net::PlusSign::kLiteral)) {
    if (std::find(kSubResources.begin(), kSubResources.end(), p.name) != kSubResources.end()) sub.push_back(&p);
  }
  std::stable_sort(sub.begin(), sub.end(), [](const net::QueryParam* a, const net::QueryParam* b) { return a->name < b->name; });
  char separator = '?';
  for (const net::QueryParam* p : sub) {
    out += separator + p->name;
    if (!p->value.empty()) out += "=" + p->value;
    separator = '&';
  }
  return out;
}

// The bucket and raw path a signature covers: virtual-hosted requests name their bucket in the Host.
std::string ResourcePath(const net::HttpRequest& request, std::string_view virtual_host_bucket) {
  std::string path = virtual_host_bucket.empty() ? "" : "/" + std::string(virtual_host_bucket);
  return path + std::string(request.Path());
}

}  // namespace

bool IsSigV2Query(const net::HttpRequest& request) {
  const auto& params = request.QueryParams(net::PlusSign::kLiteral);
  return net::FindQueryParam(params, "AWSAccessKeyId").has_value() && net::FindQueryParam(params, "Signature").has_value();
}

std::string SigV2StringToSign(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                              std::string_view expires) {
  return StringToSign(request, ResourcePath(request, virtual_host_bucket), expires);
}

bool SigV2SignatureMatches(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                           std::string_view secret_access_key, std::string_view expires, std::string_view signature) {
  auto signs = [&](std::string_view resource_path) {
    std::string expected =
        Base64Encode(AsBytes(HmacSha1(secret_access_key, StringToSign(request, resource_path, expires))));
    return ConstantTimeEquals(expected, signature);
  };
  std::string resource_path = ResourcePath(request, virtual_host_bucket);
  if (signs(resource_path)) return true;
  // AWS's resource for a bucket ends in "/" however the request addressed it: botocore signs a
  // path-style "/bucket" as "/bucket/". Tools that sign the path as sent match above.
  bool bucket_only = resource_path.size() > 1 && resource_path.find('/', 1) == std::string::npos;
  return bucket_only && signs(resource_path + "/");
}

Result<VerifiedIdentity> VerifySigV2Query(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                                          const CredentialStore& credentials, std::chrono::system_clock::time_point now) {
  const auto& params = request.QueryParams(net::PlusSign::kLiteral);
  auto access_key = net::FindQueryParam(params, "AWSAccessKeyId");
  auto signature = net::FindQueryParam(params, "Signature");
  auto expires = net::FindQueryParam(params, "Expires");
  int64_t expires_at = 0;
  if (!access_key || !signature || !expires ||
      std::from_chars(expires->data(), expires->data() + expires->size(), expires_at).ec != std::errc() ||
      std::to_string(expires_at) != *expires) {
    return QueryAuthIncomplete();
  }
  if (std::chrono::system_clock::to_time_t(now) > expires_at) return AuthErrorFor(AuthFailure::kPresignedExpired, "s3");
  const Credential* credential = credentials.Find(*access_key);
  if (credential == nullptr) return AuthErrorFor(AuthFailure::kUnknownAccessKey, "s3");
  if (!SigV2SignatureMatches(request, virtual_host_bucket, credential->secret_access_key, *expires, *signature)) {
    return AuthErrorFor(AuthFailure::kSignatureMismatch, "s3");
  }
  return VerifiedIdentity{credential->access_key_id, credential->user_name, credential->account_id,
                          credential->Arn(), "", "s3", ""};
}

}  // namespace skybox::aws
