// Verifies a parsed SigV4 request (sigv4_parser.h) against the credential store: clock skew or
// presigned expiry, the access key, the signature over the canonical request, and the
// x-amz-content-sha256 body hash.
//
// Thread-safety: VerifySigV4 may run concurrently on any threads; it uses a per-thread
// signing-key cache.
#pragma once

#include <chrono>
#include <string>

#include "aws/auth/credential_store.h"
#include "aws/auth/sigv4_parser.h"
#include "base/result.h"
#include "net/http_message.h"

namespace skybox::aws {

// How far a header-signed request's time may be from the server clock (either direction).
inline constexpr std::chrono::minutes kMaxRequestSkew{15};

// Who signed a request that verified.
struct VerifiedIdentity {
  std::string access_key_id;
  std::string user_name;  // empty for the account root
  std::string account_id;
  std::string arn;  // arn:aws:iam::<account>:root or arn:aws:iam::<account>:user/<name>
  std::string region;  // the region the request was signed for; empty when it names none (SigV2)
  std::string service;
  // The 32 raw bytes of the SigV4 signing key for the request's scope; S3 uses it to verify
  // aws-chunked (STREAMING-*) chunk signatures, seeded with SigV4Request::signature.
  std::string signing_key;
};

// Success: the signature matches, the time is acceptable and, when x-amz-content-sha256 holds a
// hex hash, the body has that hash (a streamed body is checked by aws/payload_reader.h as it
// arrives). UNSIGNED-PAYLOAD and STREAMING-* values are accepted as
// the payload hash without checking the body (chunk signatures are the caller's job).
// Failure, in the wording of `sigv4.scope.service` (auth_error.h):
//   kRequestTimeSkewed  header auth more than 15 minutes from `now`, or a presigned URL dated
//                       more than 15 minutes in the future (S3: kPresignedNotYetValid, with
//                       X-Amz-Date in epoch milliseconds, Expires and ServerTime);
//   kPresignedExpired   now > X-Amz-Date + X-Amz-Expires;
//   kUnknownAccessKey, kSignatureMismatch;
//   kMissingContentSha256 / kInvalidContentSha256  S3 header auth without / with a bad
//                       x-amz-content-sha256;
//   kContentSha256Mismatch  the body does not hash to x-amz-content-sha256.
Result<VerifiedIdentity> VerifySigV4(const net::HttpRequest& request, const SigV4Request& sigv4,
                                     const CredentialStore& credentials,
                                     std::chrono::system_clock::time_point now);

}  // namespace skybox::aws
