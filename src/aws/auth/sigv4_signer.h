// Signs requests with SigV4, the way AWS SDKs do: used by tests and by Skybox itself when it
// calls out (for example SNS HTTP deliveries). It shares the canonicalisation with the
// verifier (canonical_request.h), so whatever it signs, VerifySigV4 accepts.
//
// Thread-safety: pure functions over the request passed in.
#pragma once

#include <chrono>
#include <string>

#include "base/status.h"
#include "net/http_message.h"

namespace skybox::aws {

struct SigningParams {
  std::string access_key_id;
  std::string secret_access_key;
  std::string region = "us-east-1";
  std::string service;  // signing name: "s3", "sts", "sqs", "dynamodb", ...
  std::chrono::system_clock::time_point time;  // the signing time (whole seconds are used)
  std::string session_token;                   // sent as x-amz-security-token when non-empty
};

// Adds x-amz-date (replacing any), x-amz-security-token when a session token is given, for S3
// x-amz-content-sha256 (the body's hash) unless already present, then the Authorization header
// (replacing any). Every header present is signed except hop-by-hop ones, user-agent, expect
// and x-amzn-trace-id, as botocore does. Header names must already be lower-case.
// Fails with kInvalidArgument when the request has no host header.
Status SignRequest(net::HttpRequest& request, const SigningParams& params);

// Turns the request into a presigned URL request: appends X-Amz-Algorithm, X-Amz-Credential,
// X-Amz-Date, X-Amz-Expires, X-Amz-SignedHeaders, X-Amz-Security-Token (if any) and finally
// X-Amz-Signature to `request.target`, in botocore's order. Signs the same headers as
// SignRequest; the payload is UNSIGNED-PAYLOAD for S3 and the body's hash otherwise.
// Fails with kInvalidArgument when the request has no host header.
Status PresignRequest(net::HttpRequest& request, const SigningParams& params,
                      std::chrono::seconds expires);

}  // namespace skybox::aws
