#include "aws/auth/auth_error.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

struct Expected {
  AuthFailure failure;
  const char* service;
  int http_status;
  const char* code;
  const char* message;
};

TEST(AuthErrorTest, MapsEachFamilyToAwsWording) {
  const Expected cases[] = {
      {AuthFailure::kMissing, "s3", 403, "AccessDenied", "Access Denied"},
      {AuthFailure::kUnknownAccessKey, "s3", 403, "InvalidAccessKeyId",
       "The AWS Access Key Id you provided does not exist in our records."},
      {AuthFailure::kSignatureMismatch, "s3", 403, "SignatureDoesNotMatch",
       "The request signature we calculated does not match the signature you provided. Check "
       "your key and signing method."},
      {AuthFailure::kRequestTimeSkewed, "s3", 403, "RequestTimeTooSkewed",
       "The difference between the request time and the current time is too large."},
      {AuthFailure::kPresignedExpired, "s3", 403, "AccessDenied", "Request has expired"},
      {AuthFailure::kPresignedNotYetValid, "s3", 403, "AccessDenied", "Request is not yet valid"},
      {AuthFailure::kContentSha256Mismatch, "s3", 400, "XAmzContentSHA256Mismatch",
       "The provided 'x-amz-content-sha256' header does not match what was computed."},
      {AuthFailure::kMissing, "dynamodb", 400, "MissingAuthenticationTokenException",
       "Request is missing Authentication Token"},
      {AuthFailure::kUnknownAccessKey, "dynamodbstreams", 400, "UnrecognizedClientException",
       "The security token included in the request is invalid."},
      {AuthFailure::kSignatureMismatch, "dynamodb", 400, "InvalidSignatureException",
       "The request signature we calculated does not match the signature you provided. Check "
       "your AWS Secret Access Key and signing method. Consult the service documentation for "
       "details."},
      {AuthFailure::kMissing, "sts", 403, "MissingAuthenticationToken",
       "Request is missing Authentication Token"},
      {AuthFailure::kUnknownAccessKey, "sqs", 403, "InvalidClientTokenId",
       "The security token included in the request is invalid."},
      {AuthFailure::kSignatureMismatch, "iam", 403, "SignatureDoesNotMatch",
       "The request signature we calculated does not match the signature you provided. Check "
       "your AWS Secret Access Key and signing method. Consult the service documentation for "
       "details."},
  };
  for (const Expected& e : cases) {
    Status s = AuthErrorFor(e.failure, e.service);
    EXPECT_EQ(s.http_status(), e.http_status) << e.service << " " << e.code;
    EXPECT_EQ(s.aws_code(), e.code) << e.service;
    EXPECT_EQ(s.message(), e.message) << e.service << " " << e.code;
    StatusCode expected_code = e.failure == AuthFailure::kContentSha256Mismatch
                                   ? StatusCode::kInvalidArgument
                                   : StatusCode::kUnauthenticated;
    EXPECT_EQ(s.code(), expected_code) << e.code;
  }
}

TEST(AuthErrorTest, DetailCarriesVariableMessages) {
  Status generic = AuthErrorFor(AuthFailure::kRequestTimeSkewed, "sns", "Signature expired: x");
  EXPECT_EQ(generic.aws_code(), "SignatureDoesNotMatch");
  EXPECT_EQ(generic.message(), "Signature expired: x");
  Status ddb = AuthErrorFor(AuthFailure::kRequestTimeSkewed, "dynamodb", "Signature expired: x");
  EXPECT_EQ(ddb.aws_code(), "InvalidSignatureException");
  EXPECT_EQ(ddb.http_status(), 400);
  Status s3 = AuthErrorFor(AuthFailure::kMalformedHeader, "s3", "the region is wrong");
  EXPECT_EQ(s3.aws_code(), "AuthorizationHeaderMalformed");
  EXPECT_EQ(s3.http_status(), 400);
  EXPECT_EQ(s3.message(), "The authorization header is malformed; the region is wrong");
  EXPECT_EQ(s3.code(), StatusCode::kInvalidArgument);
  // Worded twice (by the parser for the scope's service, again by the router): one prefix.
  EXPECT_EQ(AuthErrorFor(AuthFailure::kMalformedHeader, "s3", s3.message()).message(), s3.message());
  Status sts = AuthErrorFor(AuthFailure::kMalformedHeader, "sts", "needs Credential");
  EXPECT_EQ(sts.aws_code(), "IncompleteSignature");
  EXPECT_EQ(sts.http_status(), 400);
  EXPECT_EQ(sts.message(), "needs Credential");
  Status query = AuthErrorFor(AuthFailure::kMalformedQuery, "s3", "X-Amz-Expires ...");
  EXPECT_EQ(query.aws_code(), "AuthorizationQueryParametersError");
}

TEST(AuthErrorTest, MissingAuthIsRecognisable) {
  EXPECT_TRUE(IsMissingAuth(AuthErrorFor(AuthFailure::kMissing, "")));
  EXPECT_TRUE(IsMissingAuth(AuthErrorFor(AuthFailure::kMissing, "dynamodb")));
  EXPECT_FALSE(IsMissingAuth(AuthErrorFor(AuthFailure::kMalformedHeader, "", "x")));
  EXPECT_FALSE(IsMissingAuth(Status::Ok()));
}

}  // namespace
}  // namespace skybox::aws
