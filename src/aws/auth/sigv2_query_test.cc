#include "aws/auth/sigv2_query.h"

#include <gtest/gtest.h>

#include "aws/auth/auth_test_helpers.h"
#include "aws/auth/sigv2_header.h"
#include "base/crypto.h"

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
  auto identity = VerifySigV2Query(request, "johnsmith", Store(), Epoch(1141889000));
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ(identity->access_key_id, kExampleKey);
  EXPECT_EQ(identity->service, "s3");
  EXPECT_EQ(identity->region, "");  // SigV2 signs no region
}

TEST(SigV2QueryTest, RejectsWithS3Errors) {
  auto code = [](const Result<VerifiedIdentity>& r) { return r.ok() ? std::string("OK") : r.status().aws_code(); };
  EXPECT_EQ(code(VerifySigV2Query(Example("AAAAGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", Store(), Epoch(1141889000))),
            "SignatureDoesNotMatch");
  // The same signature for another bucket (path-style, no bucket in the Host) does not match.
  EXPECT_EQ(code(VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "", Store(), Epoch(1141889000))),
            "SignatureDoesNotMatch");
  auto expired = VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", Store(), Epoch(1141889121));
  EXPECT_EQ(code(expired), "AccessDenied");
  EXPECT_EQ(expired.status().message(), "Request has expired");
  EXPECT_EQ(code(VerifySigV2Query(Example("fScKGHCDI0NY5E7CYp9Vc8VKMbY%3D"), "johnsmith", CredentialStore({}),
                                  Epoch(1141889000))),
            "InvalidAccessKeyId");
  net::HttpRequest no_expiry = MakeRequest("GET", "/b/k?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x", {});
  EXPECT_EQ(code(VerifySigV2Query(no_expiry, "", Store(), Epoch(0))), "AccessDenied");
}

TEST(SigV2QueryTest, SignsSubResourcesSortedAndAmzHeaders) {
  net::HttpRequest request =
      MakeRequest("PUT", "/bucket/my%20key?uploadId=abc&partNumber=2&X-Other=1&AWSAccessKeyId=k&Signature=s&Expires=9",
                  {{"content-type", "text/plain"}, {"x-amz-meta-b", "2"}, {"x-amz-meta-a", "1"}});
  EXPECT_EQ(SigV2StringToSign(request, "", "9"),
            "PUT\n\ntext/plain\n9\nx-amz-meta-a:1\nx-amz-meta-b:2\n/bucket/my%20key?partNumber=2&uploadId=abc");
}

TEST(SigV2QueryTest, BucketRequestMaySignTheBucketWithATrailingSlash) {
  // A path-style bucket request ("/b"): botocore signs "/b/" (AWS's resource for a bucket),
  // other tools the path as sent; both are the same bucket. A key's path gains no slash.
  auto sign = [](std::string_view string_to_sign) {
    return Base64Encode(AsBytes(HmacSha1(kExampleSecret, string_to_sign)));
  };
  net::HttpRequest bucket = MakeRequest("PUT", "/b", {});
  EXPECT_TRUE(SigV2SignatureMatches(bucket, "", kExampleSecret, "9", sign("PUT\n\n\n9\n/b/")));
  EXPECT_TRUE(SigV2SignatureMatches(bucket, "", kExampleSecret, "9", sign("PUT\n\n\n9\n/b")));
  EXPECT_FALSE(SigV2SignatureMatches(bucket, "", kExampleSecret, "9", sign("PUT\n\n\n9\n/c/")));
  net::HttpRequest object = MakeRequest("PUT", "/b/k", {});
  EXPECT_TRUE(SigV2SignatureMatches(object, "", kExampleSecret, "9", sign("PUT\n\n\n9\n/b/k")));
  EXPECT_FALSE(SigV2SignatureMatches(object, "", kExampleSecret, "9", sign("PUT\n\n\n9\n/b/k/")));
  net::HttpRequest virtual_hosted = MakeRequest("GET", "/?acl", {});
  EXPECT_TRUE(SigV2SignatureMatches(virtual_hosted, "b", kExampleSecret, "9", sign("GET\n\n\n9\n/b/?acl")));
}

// Header authentication (sigv2_header.h) signs the same string with the request date in place
// of Expires; these signatures were computed independently, with Python's hmac module.
net::HttpRequest HeaderSigned(std::string authorization) {
  return MakeRequest("GET", "/photos/puppy.jpg",
                     {{"host", "johnsmith.s3.amazonaws.com"}, {"date", "Tue, 27 Mar 2007 19:36:42 GMT"},
                      {"authorization", std::move(authorization)}});
}

TEST(SigV2HeaderTest, VerifiesDateAndAmzDateRequests) {
  net::HttpRequest get = HeaderSigned("AWS AKIAIOSFODNN7EXAMPLE:l5OyHwmFwM1eA82pf/bAJD+zbsk=");
  ASSERT_TRUE(IsSigV2Header(get));
  auto identity = VerifySigV2Header(get, "johnsmith", Store(), Epoch(1175024202 + 60));
  ASSERT_TRUE(identity.ok()) << identity.status().ToString();
  EXPECT_EQ(identity->access_key_id, kExampleKey);
  // x-amz-date replaces Date: the date line is empty and the header is signed with the others.
  net::HttpRequest put = MakeRequest(
      "PUT", "/photos/puppy.jpg?acl",
      {{"content-type", "image/jpeg"}, {"date", "ignored"}, {"x-amz-date", "Tue, 27 Mar 2007 21:15:45 GMT"},
       {"x-amz-meta-a", "1"}, {"x-amz-meta-a", "2"},
       {"authorization", "AWS AKIAIOSFODNN7EXAMPLE:D8nV/tLnJqgBO/DOp2m5Z39aJE8="}});
  EXPECT_TRUE(VerifySigV2Header(put, "johnsmith", Store(), Epoch(1175030145)).ok());
  EXPECT_FALSE(IsSigV2Header(MakeRequest("GET", "/", {{"authorization", "AWS4-HMAC-SHA256 Credential=x"}})));
}

TEST(SigV2HeaderTest, RejectsWithS3Errors) {
  auto code = [](const net::HttpRequest& r, int64_t now) {
    auto identity = VerifySigV2Header(r, "johnsmith", Store(), Epoch(now));
    return identity.ok() ? std::string("OK") : identity.status().aws_code();
  };
  constexpr int64_t kSigned = 1175024202;
  EXPECT_EQ(code(HeaderSigned("AWS AKIAIOSFODNN7EXAMPLE:AAAAHwmFwM1eA82pf/bAJD+zbsk="), kSigned), "SignatureDoesNotMatch");
  EXPECT_EQ(code(HeaderSigned("AWS AKIDUNKNOWN:l5OyHwmFwM1eA82pf/bAJD+zbsk="), kSigned), "InvalidAccessKeyId");
  EXPECT_EQ(code(HeaderSigned("AWS AKIAIOSFODNN7EXAMPLE:l5OyHwmFwM1eA82pf/bAJD+zbsk="), kSigned + 16 * 60),
            "RequestTimeTooSkewed");
  EXPECT_EQ(code(HeaderSigned("AWS AKIAIOSFODNN7EXAMPLE"), kSigned), "InvalidArgument");
  net::HttpRequest undated = MakeRequest("GET", "/photos/puppy.jpg", {{"authorization", "AWS AKIAIOSFODNN7EXAMPLE:x"}});
  EXPECT_EQ(code(undated, kSigned), "AccessDenied");
  net::HttpRequest before_epoch = MakeRequest("GET", "/photos/puppy.jpg", {{"date", "Fri, 07 Jul 1950 21:53:04 GMT"},
                                                                           {"authorization", "AWS AKIAIOSFODNN7EXAMPLE:x"}});
  EXPECT_EQ(code(before_epoch, kSigned), "AccessDenied");
  // "+0000" names UTC as well as "GMT" does (the signature then does not match, but the date is read).
  net::HttpRequest numeric_zone = MakeRequest("GET", "/photos/puppy.jpg", {{"date", "Tue, 27 Mar 2007 19:36:42 +0000"},
                                                                           {"authorization", "AWS AKIAIOSFODNN7EXAMPLE:x"}});
  EXPECT_EQ(code(numeric_zone, kSigned), "SignatureDoesNotMatch");
}

}  // namespace
}  // namespace skybox::aws
