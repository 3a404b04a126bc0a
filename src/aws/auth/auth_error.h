// Why a request failed authentication, and how each AWS service family says so on the wire.
//
// SigV4 parsing and verification classify a failure as an AuthFailure; AuthErrorFor turns it
// into the Status (AWS code, HTTP status, message) that the service answering the request
// would send. Three families behave differently:
//   - S3 (service "s3"): AccessDenied / InvalidAccessKeyId / SignatureDoesNotMatch /
//     RequestTimeTooSkewed / AuthorizationHeaderMalformed ..., mostly 403;
//   - DynamoDB and DynamoDB Streams ("dynamodb", "dynamodbstreams", "streams.dynamodb"):
//     *Exception codes, always HTTP 400;
//   - every other service (query and JSON protocols: STS, SQS, SNS, IAM, ...):
//     InvalidClientTokenId / SignatureDoesNotMatch / MissingAuthenticationToken / ...
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "base/status.h"

namespace skybox::aws {

enum class AuthFailure {
  kMissing,                // no Authorization header and no presigned query parameters
  kMalformedHeader,        // the Authorization header is incomplete or unparseable
  kMalformedQuery,         // presigned query parameters are incomplete or invalid
  kUnknownAccessKey,       // the access key id is not in the credential store
  kSignatureMismatch,      // the signature does not match the request
  kRequestTimeSkewed,      // signed time more than 15 minutes from the server clock
  kPresignedExpired,       // presigned URL used after X-Amz-Date + X-Amz-Expires
  kPresignedNotYetValid,   // presigned URL dated more than 15 minutes after the server clock
  kContentSha256Mismatch,  // x-amz-content-sha256 holds a hash the body does not have
  kMissingContentSha256,   // S3 header auth without x-amz-content-sha256
  kInvalidContentSha256,   // x-amz-content-sha256 is neither a hash nor a known mode
};

// The service family whose error wording AuthErrorFor uses for `service`, which may be the
// SigV4 signing name or the botocore service model name (both work for the families above).
enum class AuthErrorFamily { kS3, kDynamoDb, kGeneric };
AuthErrorFamily AuthErrorFamilyFor(std::string_view service);

// The AWS error for `failure` as `service` reports it. `detail` is the variable part of the
// message where AWS has one (which header part is missing, the "Signature expired: ..."
// sentence); families with a fixed message ignore it. The Status code is kUnauthenticated
// for identity failures and kInvalidArgument for malformed requests.
Status AuthErrorFor(AuthFailure failure, std::string_view service, std::string_view detail = {});

// True when `status` is the "no authentication at all" error of a JSON/query service, which is
// what ParseSigV4 returns when a request carries neither an Authorization header nor presigned
// query parameters (the service is unknown at that point). The router then routes the request
// by other means and, if it must reject it, calls AuthErrorFor(kMissing, service).
bool IsMissingAuth(const Status& status);

}  // namespace skybox::aws
