// S3's header authentication of signature version 2 (`Authorization: AWS <AccessKeyId>:<Signature>`),
// which s3cmd (signature_v2), older SDKs and hand-written tools still send. The signature is the
// base64 HMAC-SHA1 of SigV2StringToSign (sigv2_query.h) with the request's date in place of
// Expires: the Date header, or the empty string when x-amz-date is present (that header is then
// signed among the x-amz-* lines instead).
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <chrono>
#include <string_view>

#include "aws/auth/credential_store.h"
#include "aws/auth/sigv4_verifier.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// True when the Authorization header uses the SigV2 scheme ("AWS ", not "AWS4-HMAC-SHA256").
bool IsSigV2Header(const net::HttpRequest& request);

// Verifies a request IsSigV2Header accepted, in S3's wording: 400 InvalidArgument when the
// header is not "AWS id:signature"; 403 AccessDenied when the request date (x-amz-date, else
// Date) is not one ParseRequestDate (amz_date.h) reads or is before 1970; RequestTimeTooSkewed beyond 15 minutes
// from `now`; InvalidAccessKeyId; SignatureDoesNotMatch (see SigV2SignatureMatches).
// `virtual_host_bucket` is the bucket the Host header names (empty for path-style). The identity
// has no signing key (SigV2 signs no aws-chunked bodies) nor region (SigV2 signs none).
Result<VerifiedIdentity> VerifySigV2Header(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                                           const CredentialStore& credentials,
                                           std::chrono::system_clock::time_point now);

}  // namespace skybox::aws
