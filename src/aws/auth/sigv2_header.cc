#include "aws/auth/sigv2_header.h"

#include <algorithm>

#include "aws/auth/amz_date.h"
#include "aws/auth/auth_error.h"
#include "aws/auth/sigv2_query.h"

namespace skybox::aws {
namespace {

constexpr std::string_view kScheme = "AWS ";

Status MalformedSigV2Header() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                     "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
}

Status MissingDate() {
  return Status::Aws(StatusCode::kUnauthenticated, 403, "AccessDenied",
                     "AWS authentication requires a valid Date or x-amz-date header");
}

}  // namespace

bool IsSigV2Header(const net::HttpRequest& request) {
  auto authorization = request.Header("authorization");
  return authorization && authorization->starts_with(kScheme);
}

Result<VerifiedIdentity> VerifySigV2Header(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                                           const CredentialStore& credentials,
                                           std::chrono::system_clock::time_point now) {
  std::string_view credential_part = request.Header("authorization").value_or("");
  credential_part.remove_prefix(std::min(credential_part.size(), kScheme.size()));
  size_t colon = credential_part.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == credential_part.size()) {
    return MalformedSigV2Header();
  }
  std::string_view access_key = credential_part.substr(0, colon);
  std::string_view signature = credential_part.substr(colon + 1);

  // x-amz-date, when present, is the request time and is signed among the x-amz-* headers.
  auto amz_date = request.Header("x-amz-date");
  std::string_view date = amz_date ? *amz_date : request.Header("date").value_or("");
  auto signed_at = ParseRequestDate(date);
  // S3 reads no date before the epoch: such a request is undated, not skewed.
  if (!signed_at || signed_at->time_since_epoch().count() < 0) return MissingDate();
  if (*signed_at > now + kMaxRequestSkew || *signed_at < now - kMaxRequestSkew) {
    return AuthErrorFor(AuthFailure::kRequestTimeSkewed, "s3");
  }

  const Credential* credential = credentials.Find(access_key);
  if (credential == nullptr) return AuthErrorFor(AuthFailure::kUnknownAccessKey, "s3");
  if (!SigV2SignatureMatches(request, virtual_host_bucket, credential->secret_access_key, amz_date ? "" : date,
                             signature)) {
    return AuthErrorFor(AuthFailure::kSignatureMismatch, "s3");
  }
  return VerifiedIdentity{credential->access_key_id, credential->user_name, credential->account_id,
                          credential->Arn(), "", "s3", ""};
}

}  // namespace skybox::aws
