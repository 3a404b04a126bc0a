#include "aws/auth/canonical_request.h"

#include <gtest/gtest.h>

#include "aws/auth/auth_test_helpers.h"
#include "aws/auth/signing_key.h"
#include "base/percent_encoding.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

using testing::MakeRequest;

constexpr char kEmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// The worked example in AWS's SigV4 documentation: IAM ListUsers.
TEST(CanonicalRequestTest, AwsDocumentationExample) {
  net::HttpRequest r = MakeRequest(
      "GET", "/?Action=ListUsers&Version=2010-05-08",
      {{"host", "iam.amazonaws.com"},
       {"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
       {"x-amz-date", "20150830T123600Z"}});
  std::vector<std::string> signed_headers = {"content-type", "host", "x-amz-date"};
  std::string payload = PayloadHash(r, "iam", false);
  EXPECT_EQ(payload, kEmptySha256);
  std::string canonical = CanonicalRequest(r, "iam", signed_headers, payload, false);
  EXPECT_EQ(canonical,
            "GET\n/\nAction=ListUsers&Version=2010-05-08\n"
            "content-type:application/x-www-form-urlencoded; charset=utf-8\n"
            "host:iam.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "content-type;host;x-amz-date\n" +
                std::string(kEmptySha256));
  EXPECT_EQ(HexEncode(Sha256(canonical)),
            "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59");
  std::string sts =
      StringToSign("20150830T123600Z", "20150830/us-east-1/iam/aws4_request", canonical);
  std::string key = DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830",
                                     "us-east-1", "iam");
  EXPECT_EQ(HexEncode(key), "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_EQ(SignatureHex(key, sts),
            "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7");
  EXPECT_EQ(CachedSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830",
                             "us-east-1", "iam"),
            key);
}

TEST(CanonicalRequestTest, NonS3PathIsNormalisedAndEncodedTwice) {
  EXPECT_EQ(CanonicalUri("/a%20b/./c/../d//e/", "lambda"), "/a%2520b/d/e/");
  EXPECT_EQ(CanonicalUri("/functions/my:func", "lambda"), "/functions/my%3Afunc");
  EXPECT_EQ(CanonicalUri("", "sts"), "/");
  EXPECT_EQ(CanonicalUri("/..", "sts"), "/");
}

TEST(CanonicalRequestTest, S3PathIsKeptAsSent) {
  EXPECT_EQ(CanonicalUri("/bucket/a%20b/./c//d", "s3"), "/bucket/a%20b/./c//d");
}

TEST(CanonicalRequestTest, QueryIsSortedAndReEncoded) {
  auto canonical = [](std::string_view raw, bool drop_signature) {
    return CanonicalQueryString(net::ParseQueryString(raw, net::PlusSign::kLiteral), drop_signature);
  };
  EXPECT_EQ(canonical("b=2&a=z&a=y&c&prefix=a/b%20c&acl=", false), "a=y&a=z&acl=&b=2&c=&prefix=a%2Fb%20c");
  EXPECT_EQ(canonical("X-Amz-Signature=abc&X-Amz-Date=1", true), "X-Amz-Date=1");
  EXPECT_EQ(canonical("X-Amz-Signature=abc", false), "X-Amz-Signature=abc");
  EXPECT_EQ(canonical("", false), "");
  // SigV4 reads '+' literally: it is re-encoded, not turned into a space.
  EXPECT_EQ(canonical("prefix=a+b", false), "prefix=a%2Bb");
}

TEST(CanonicalRequestTest, HeaderValuesAreTrimmedAndJoined) {
  net::HttpRequest r = MakeRequest("GET", "/", {{"x-amz-meta-a", "  one   two \t three "},
                                                {"host", "h"},
                                                {"x-amz-meta-a", "four"}});
  EXPECT_EQ(CanonicalHeaders(r, {"host", "x-amz-meta-a", "x-absent"}),
            "host:h\nx-amz-meta-a:one two three,four\nx-absent:\n");
}

TEST(CanonicalRequestTest, PayloadHashSources) {
  net::HttpRequest r = MakeRequest("PUT", "/b/k", {{"host", "h"}}, "abc");
  EXPECT_EQ(PayloadHash(r, "s3", false), HexEncode(Sha256("abc")));
  EXPECT_EQ(PayloadHash(r, "s3", true), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(PayloadHash(r, "sts", true), HexEncode(Sha256("abc")));
  r.target = "/b/k?X-Amz-Content-Sha256=STREAMING-UNSIGNED-PAYLOAD-TRAILER";
  EXPECT_EQ(PayloadHash(r, "s3", true), "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
  r.headers.push_back({"x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"});
  EXPECT_EQ(PayloadHash(r, "s3", false), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD");
}

}  // namespace
}  // namespace skybox::aws
