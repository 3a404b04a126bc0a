// S3's query-string authentication of signature version 2: the presigned URLs boto3's
// generate_presigned_url, `aws s3 presign` and `s3cmd signurl` make by default
// (?AWSAccessKeyId=...&Expires=<epoch seconds>&Signature=<base64 HMAC-SHA1>). The signature is
// over
//   <method>\n<Content-MD5>\n<Content-Type>\n<Expires>\n<x-amz-* headers><resource>
// where the x-amz-* headers are "name:value\n" lines (lower-case names, sorted) and the
// resource is "/<bucket>" for a virtual-hosted request, then the raw path, then S3's
// sub-resources present in the query ("?acl", "?versionId=...", response-* overrides), sorted.
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "aws/auth/credential_store.h"
#include "aws/auth/sigv4_verifier.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// True when the query string carries SigV2 query authentication (AWSAccessKeyId and Signature).
bool IsSigV2Query(const net::HttpRequest& request);

// The string a SigV2 presigned request is signed over. `virtual_host_bucket` is the bucket the
// Host header names (empty for path-style requests).
std::string SigV2StringToSign(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                              std::string_view expires);

// True when `signature` is the base64 HMAC-SHA1 (keyed with `secret_access_key`) of
// SigV2StringToSign with `expires` in the date line. A bucket-level request ("/bucket", or "/"
// on a bucket's virtual host) may be signed as "/bucket/" (AWS's resource for a bucket, what
// botocore signs) or as "/bucket" (the path as sent).
bool SigV2SignatureMatches(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                           std::string_view secret_access_key, std::string_view expires, std::string_view signature);

// Verifies a request IsSigV2Query accepted, in S3's wording: AccessDenied "Request has expired"
// once `now` passes Expires, InvalidAccessKeyId, SignatureDoesNotMatch; a missing or
// non-numeric Expires is AccessDenied "Query-string authentication requires the Signature,
// Expires and AWSAccessKeyId parameters". The identity has no signing key (SigV2 requests do
// not sign aws-chunked bodies) nor region (SigV2 signs none).
Result<VerifiedIdentity> VerifySigV2Query(const net::HttpRequest& request, std::string_view virtual_host_bucket,
                                          const CredentialStore& credentials, std::chrono::system_clock::time_point now);

}  // namespace skybox::aws
