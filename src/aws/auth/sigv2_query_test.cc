#include "aws/auth/sigv2_query.h"

#include <gtest/gtest.h>

#include "aws/auth/auth_test_helpers.h"

namespace skybox::aws {
namespace {

using testing::MakeRequest;

// The key pair and request of the query-string authentication example in AWS's S3 documentation
// (signature version 2); the signature was computed independently, with Python's hmac module.
constexpr const char* kExampleKey = "AKIAIOSFODNN7EXAMPLE";
constexpr const char* kExampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

CredentialStore Store() {
  Credential c;
  c.access_key_id = kExampleKey;
  c.secret_access_key = kExampleSecret;
  return CredentialStore({c});
}

std::chrono::system_clock::time_point Epoch(int64_t seconds) {
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

net::HttpRequest Example(std::string signature) {
  return MakeRequest("GET",
                     "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1141889120&Signature=" + signature,
                     {{"host", "johnsmith.s3.amazonaws.com"}});
}

TEST(SigV2QueryTest, VerifiesAPresignedGet) {
  net::HttpRequest request = Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D");
  ASSERT_TRUE(IsSigV2Query(request));
  EXPECT_EQ(SigV2StringToSign(request, "johnsmith", "1141889120"), "GET\n\n\n1141889120\n/johnsmith/photos/puppy.jpg");
  auto identity = VerifySigV2Query(request, "johnsmith", Store(), Epoch(1141889000), "us-east-1");
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ(identity->access_key_id, kExampleKey);
  EXPECT_EQ(identity->service, "s3");
}

TEST(SigV2QueryTest, RejectsWithS3Errors) {
  auto code = [](const Result<VerifiedIdentity>& r) { return r.ok() ? std::string("OK") : r.status().aws_code(); };
  EXPECT_EQ(code(VerifySigV2Query(Example("AAAAGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", Store(), Epoch(1141889000),
                                  "us-east-1")),
            "SignatureDoesNotMatch");
  // The same signature for another bucket (path-style, no bucket in the Host) does not match.
  EXPECT_EQ(code(VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "", Store(), Epoch(1141889000), "us-east-1")),
            "SignatureDoesNotMatch");
  auto expired = VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", Store(), Epoch(1141889121),
                                  "us-east-1");
  EXPECT_EQ(code(expired), "AccessDenied");
  EXPECT_EQ(expired.status().message(), "Request has expired");
  EXPECT_EQ(code(VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", CredentialStore({}),
                                  Epoch(1141889000), "us-east-1")),
            "InvalidAccessKeyId");
  net::HttpRequest no_expiry = MakeRequest("GET", "/b/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x", {});
  EXPECT_EQ(code(VerifySigV2Query(no_expiry, "", Store(), Epoch(0), "us-east-1")), "AccessDenied");
}

TEST(SigV2QueryTest, SignsSubResourcesSortedAndAmzHeaders) {
  net::HttpRequest request =
      MakeRequest("PUT", "/bucket/my%20key?uploadId=abc&partNumber=2&X-Other=1&AWSAccessKeyId=k&Signature=s&Expires=9",
                  {{"content-type", "text/plain"}, {"x-amz-meta-b", "2"}, {"x-amz-meta-a", "1"}});
  EXPECT_EQ(SigV2StringToSign(request, "", "9"),
            "PUT\n\ntext/plain\n9\nx-amz-meta-a:1\nx-amz-meta-b:2\n/bucket/my%20key?partNumber=2&uploadId=abc");
}

}  // namespace
}  // namespace skybox::aws
