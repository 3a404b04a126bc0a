#include "aws/auth/auth_error.h"

#include <string>

namespace skybox::aws {
namespace {

constexpr std::string_view kTokenInvalid = "The security token included in the request is invalid.";
constexpr std::string_view kMissingToken = "Request is missing Authentication Token";
constexpr std::string_view kS3MalformedHeader = "The authorization header is malformed; ";
constexpr std::string_view kSignatureMismatch =
    "The request signature we calculated does not match the signature you provided. Check your "
    "AWS Secret Access Key and signing method. Consult the service documentation for details.";

struct WireError {
  int http_status;
  std::string_view code;
  std::string_view message;  // empty: use the caller's detail
};

WireError S3Error(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kMissing: return {403, "AccessDenied", "Access Denied"};
    case AuthFailure::kMalformedHeader: return {400, "AuthorizationHeaderMalformed", ""};
    case AuthFailure::kMalformedQuery: return {400, "AuthorizationQueryParametersError", ""};
    case AuthFailure::kUnknownAccessKey:
      return {403, "InvalidAccessKeyId",
              "The AWS Access Key Id you provided does not exist in our records."};
    case AuthFailure::kSignatureMismatch:
      return {403, "SignatureDoesNotMatch",
              "The request signature we calculated does not match the signature you provided. "
              "Check your key and signing method."};
    case AuthFailure::kRequestTimeSkewed:
      return {403, "RequestTimeTooSkewed",
              "The difference between the request time and the current time is too large."};
    case AuthFailure::kPresignedExpired: return {403, "AccessDenied", "Request has expired"};
    case AuthFailure::kPresignedNotYetValid: return {403, "AccessDenied", "Request is not yet valid"};
    case AuthFailure::kContentSha256Mismatch:
      return {400, "XAmzContentSHA256Mismatch",
              "The provided 'x-amz-content-sha256' header does not match what was computed."};
    case AuthFailure::kMissingContentSha256:
      return {400, "InvalidRequest",
              "Missing required header for this request: x-amz-content-sha256"};
    case AuthFailure::kInvalidContentSha256:
      return {400, "InvalidArgument",
              "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, "
              "STREAMING-AWS4-HMAC-SHA256-PAYLOAD, STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, "
              "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD, "
              "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER or a valid sha256 value."};
  }
  return {403, "AccessDenied", "Access Denied"};
}

WireError DynamoDbError(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kMissing: return {400, "MissingAuthenticationTokenException", kMissingToken};
    case AuthFailure::kMalformedHeader:
    case AuthFailure::kMalformedQuery:
    case AuthFailure::kMissingContentSha256:
    case AuthFailure::kInvalidContentSha256:
      return {400, "IncompleteSignatureException", ""};
    case AuthFailure::kUnknownAccessKey: return {400, "UnrecognizedClientException", kTokenInvalid};
    case AuthFailure::kSignatureMismatch:
    case AuthFailure::kContentSha256Mismatch:
      return {400, "InvalidSignatureException", kSignatureMismatch};
    case AuthFailure::kRequestTimeSkewed:
    case AuthFailure::kPresignedExpired:
    case AuthFailure::kPresignedNotYetValid: return {400, "InvalidSignatureException", ""};
  }
  return {400, "InvalidSignatureException", kSignatureMismatch};
}

WireError GenericError(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kMissing: return {403, "MissingAuthenticationToken", kMissingToken};
    case AuthFailure::kMalformedHeader:
    case AuthFailure::kMalformedQuery:
    case AuthFailure::kMissingContentSha256:
    case AuthFailure::kInvalidContentSha256: return {400, "IncompleteSignature", ""};
    case AuthFailure::kUnknownAccessKey: return {403, "InvalidClientTokenId", kTokenInvalid};
    case AuthFailure::kSignatureMismatch:
    case AuthFailure::kContentSha256Mismatch:
      return {403, "SignatureDoesNotMatch", kSignatureMismatch};
    case AuthFailure::kRequestTimeSkewed:
    case AuthFailure::kPresignedExpired:
    case AuthFailure::kPresignedNotYetValid: return {403, "SignatureDoesNotMatch", ""};
  }
  return {403, "SignatureDoesNotMatch", kSignatureMismatch};
}

bool IsIdentityFailure(AuthFailure failure) {
  switch (failure) {
    case AuthFailure::kMalformedHeader:
    case AuthFailure::kMalformedQuery:
    case AuthFailure::kContentSha256Mismatch:
    case AuthFailure::kMissingContentSha256:
    case AuthFailure::kInvalidContentSha256: return false;
    default: return true;
  }
}

}  // namespace

AuthErrorFamily AuthErrorFamilyFor(std::string_view service) {
  if (service == "s3") return AuthErrorFamily::kS3;
  if (service == "dynamodb" || service == "dynamodbstreams" || service == "streams.dynamodb") {
    return AuthErrorFamily::kDynamoDb;
  }
  return AuthErrorFamily::kGeneric;
}

Status AuthErrorFor(AuthFailure failure, std::string_view service, std::string_view detail) {
  WireError e;
  switch (AuthErrorFamilyFor(service)) {
    case AuthErrorFamily::kS3: e = S3Error(failure); break;
    case AuthErrorFamily::kDynamoDb: e = DynamoDbError(failure); break;
    case AuthErrorFamily::kGeneric: e = GenericError(failure); break;
  }
  std::string message;
  if (!e.message.empty()) {
    message = e.message;
  } else if (failure == AuthFailure::kMalformedHeader &&
             AuthErrorFamilyFor(service) == AuthErrorFamily::kS3) {
    // A detail already in S3's wording (ParseSigV4 words for the scope's service, and the
    // router words again for the service answering) keeps its one prefix.
    message = detail.starts_with(kS3MalformedHeader) ? std::string(detail)
                                                      : std::string(kS3MalformedHeader) + std::string(detail);
  } else {
    message = detail;
  }
  StatusCode code =
      IsIdentityFailure(failure) ? StatusCode::kUnauthenticated : StatusCode::kInvalidArgument;
  return Status::Aws(code, e.http_status, std::string(e.code), std::move(message));
}

bool IsMissingAuth(const Status& status) {
  return status.aws_code() == "MissingAuthenticationToken" ||
         status.aws_code() == "MissingAuthenticationTokenException";
}

}  // namespace skybox::aws
