// Extracts SigV4 authentication from a request without verifying it: from the
// "Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..." header, or
// from presigned-URL query parameters (X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date,
// X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Signature, X-Amz-Security-Token).
//
// The router parses first to learn the credential-scope service name (which AWS service a
// request is for), then verifies with VerifySigV4 (sigv4_verifier.h).
//
// Thread-safety: pure functions.
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "aws/auth/amz_date.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// "20150830/us-east-1/iam/aws4_request" split into its parts.
struct CredentialScope {
  std::string date;     // YYYYMMDD
  std::string region;   // e.g. "us-east-1"
  std::string service;  // SigV4 signing name, e.g. "s3", "sts", "dynamodb"

  std::string ToString() const;  // "date/region/service/aws4_request"
};

struct SigV4Request {
  std::string access_key_id;
  CredentialScope scope;
  std::vector<std::string> signed_headers;  // lower-case, in the order the client listed
  std::string signature;                    // as sent (hex)
  std::string amz_date;                     // the signed timestamp, "YYYYMMDDTHHMMSSZ"
  SysSeconds request_time{};                // amz_date as a time
  bool presigned = false;
  std::chrono::seconds expires{0};  // X-Amz-Expires; presigned only
  std::string security_token;       // x-amz-security-token / X-Amz-Security-Token; may be empty
};

// Success: the request carries well-formed SigV4 authentication (header takes precedence when
// both forms are present). Failure, as an AWS error (auth_error.h):
//   - neither form present: IsMissingAuth(status) is true (unsigned request; route anyway);
//   - malformed header / query parameters (including X-Amz-Expires negative or > 604800, a scope date
//     that differs from the request date): AuthFailure::kMalformedHeader / kMalformedQuery in
//     the wording of the scope's service when the credential could be read, else the generic
//     wording, whose message is the bare detail.
// The request time comes from X-Amz-Date (header or query), else the Date header.
Result<SigV4Request> ParseSigV4(const net::HttpRequest& request);

// The service named by the credential scope of the request's SigV4 authentication (the
// Authorization header's Credential, else the X-Amz-Credential parameter), read without parsing
// or checking the rest: how a request is routed before its body is read. Empty when there is no
// SigV4 credential ending in "/aws4_request". Points into `request`.
std::string_view SigningServiceOf(const net::HttpRequest& request);

}  // namespace skybox::aws
