#include "aws/auth/sigv4_parser.h"

#include <gtest/gtest.h>

#include "aws/auth/auth_error.h"
#include "aws/auth/auth_test_helpers.h"

namespace skybox::aws {
namespace {

using testing::MakeRequest;

constexpr char kAuth[] =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
    "SignedHeaders=content-type;host;x-amz-date, "
    "Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

net::HttpRequest HeaderSigned(std::string authorization,
                              std::string amz_date = "20150830T123600Z") {
  return MakeRequest("GET", "/?Action=ListUsers",
                     {{"host", "iam.amazonaws.com"},
                      {"x-amz-date", std::move(amz_date)},
                      {"authorization", std::move(authorization)}});
}

TEST(SigV4ParserTest, ParsesAuthorizationHeader) {
  auto parsed = ParseSigV4(HeaderSigned(kAuth));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->access_key_id, "AKIDEXAMPLE");
  EXPECT_EQ(parsed->scope.date, "20150830");
  EXPECT_EQ(parsed->scope.region, "us-east-1");
  EXPECT_EQ(parsed->scope.service, "iam");
  EXPECT_EQ(parsed->scope.ToString(), "20150830/us-east-1/iam/aws4_request");
  EXPECT_EQ(parsed->signed_headers,
            (std::vector<std::string>{"content-type", "host", "x-amz-date"}));
  EXPECT_EQ(parsed->signature.substr(0, 8), "5d672d79");
  EXPECT_EQ(parsed->amz_date, "20150830T123600Z");
  EXPECT_FALSE(parsed->presigned);
  EXPECT_EQ(testing::At("20150830T123600Z"),
            std::chrono::system_clock::time_point(parsed->request_time));
}

TEST(SigV4ParserTest, AcceptsCompactSeparatorsAndDateHeader) {
  net::HttpRequest r = MakeRequest(
      "GET", "/",
      {{"date", "Sun, 30 Aug 2015 12:36:00 GMT"},
       {"x-amz-security-token", "tok"},
       {"authorization",
        "AWS4-HMAC-SHA256 Credential=AK/20150830/eu-west-1/sqs/aws4_request,SignedHeaders=date;"
        "host,Signature=00"}});
  auto parsed = ParseSigV4(r);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->amz_date, "20150830T123600Z");
  EXPECT_EQ(parsed->scope.service, "sqs");
  EXPECT_EQ(parsed->security_token, "tok");
}

TEST(SigV4ParserTest, DateHeaderWithNumericZoneIsTheRequestTime) {
  // What botocore sends when the caller set a Date header: no X-Amz-Date, Date in "-0000".
  net::HttpRequest r = MakeRequest(
      "PUT", "/b/k",
      {{"date", "Sun, 30 Aug 2015 12:36:00 -0000"},
       {"authorization",
        "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s3/aws4_request, SignedHeaders=date;host, "
        "Signature=00"}});
  auto parsed = ParseSigV4(r);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->amz_date, "20150830T123600Z");
}

TEST(SigV4ParserTest, MissingAuthIsDistinguishable) {
  auto parsed = ParseSigV4(MakeRequest("GET", "/?Action=ListQueues", {{"host", "h"}}));
  ASSERT_FALSE(parsed.ok());
  EXPECT_TRUE(IsMissingAuth(parsed.status()));
  EXPECT_EQ(parsed.status().http_status(), 403);
}

TEST(SigV4ParserTest, IncompleteHeaderListsMissingParts) {
  auto parsed =
      ParseSigV4(HeaderSigned("AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts/aws4_request"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_FALSE(IsMissingAuth(parsed.status()));
  EXPECT_EQ(parsed.status().aws_code(), "IncompleteSignature");
  EXPECT_EQ(parsed.status().http_status(), 400);
  EXPECT_NE(parsed.status().message().find("requires 'Signature' parameter"), std::string::npos);
  EXPECT_NE(parsed.status().message().find("requires 'SignedHeaders' parameter"),
            std::string::npos);
  EXPECT_EQ(parsed.status().message().find("requires 'Credential'"), std::string::npos);
}

TEST(SigV4ParserTest, RejectsMalformedHeaders) {
  for (const char* bad : {
           "AWS AKID:signature",
           "AWS4-HMAC-SHA256 Credential",
           "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts, SignedHeaders=host, "
           "Signature=00",
           "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts/aws5_request, "
           "SignedHeaders=host, Signature=00",
           "AWS4-HMAC-SHA256 Credential=AK/2015/us-east-1/sts/aws4_request, SignedHeaders=host, "
           "Signature=00",
           "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/sts/aws4_request, SignedHeaders=, "
           "Signature=00",
       }) {
    auto parsed = ParseSigV4(HeaderSigned(bad));
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_FALSE(IsMissingAuth(parsed.status())) << bad;
  }
}

TEST(SigV4ParserTest, HostMustBeSigned) {
  auto header = ParseSigV4(HeaderSigned(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sts/aws4_request, "
      "SignedHeaders=x-amz-date, Signature=00"));
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.status().aws_code(), "IncompleteSignature");
  EXPECT_NE(header.status().message().find("'Host' or ':authority' must be a 'SignedHeader'"),
            std::string::npos);
  auto query = ParseSigV4(MakeRequest(
      "GET",
      "/?Action=GetCallerIdentity&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20150830"
      "%2Fus-east-1%2Fsts%2Faws4_request&X-Amz-Date=20150830T123600Z&X-Amz-Expires=60"
      "&X-Amz-SignedHeaders=x-amz-date&X-Amz-Signature=00",
      {{"host", "localhost"}}));
  ASSERT_FALSE(query.ok());
  EXPECT_NE(query.status().message().find("must be a 'SignedHeader'"), std::string::npos);
}

TEST(SigV4ParserTest, ScopeDateMustMatchRequestDate) {
  auto parsed = ParseSigV4(HeaderSigned(kAuth, "20150831T000000Z"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().aws_code(), "IncompleteSignature");
  EXPECT_NE(parsed.status().message().find("'20150830' != '20150831'"), std::string::npos);
}

TEST(SigV4ParserTest, MalformedS3HeaderUsesS3Wording) {
  auto parsed = ParseSigV4(HeaderSigned(
      "AWS4-HMAC-SHA256 Credential=AK/20150830/us-east-1/s3/aws4_request, SignedHeaders=host, "
      "Signature=00",
      "garbage"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().aws_code(), "AuthorizationHeaderMalformed");
}

TEST(SigV4ParserTest, RequiresADate) {
  net::HttpRequest r = MakeRequest("GET", "/", {{"authorization", kAuth}});
  auto parsed = ParseSigV4(r);
  ASSERT_FALSE(parsed.ok());
  EXPECT_NE(parsed.status().message().find("'X-Amz-Date' or a 'Date' header"), std::string::npos);
}

constexpr char kPresignedQuery[] =
    "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20250101%2Fus-east-1%2Fs3%2F"
    "aws4_request&X-Amz-Date=20250101T123045Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host&"
    "X-Amz-Security-Token=a%2Bb&X-Amz-Signature=abcd";

TEST(SigV4ParserTest, ParsesPresignedQuery) {
  auto parsed = ParseSigV4(
      MakeRequest("GET", std::string("/bucket/key?") + kPresignedQuery, {{"host", "h"}}));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_TRUE(parsed->presigned);
  EXPECT_EQ(parsed->access_key_id, "AK");
  EXPECT_EQ(parsed->scope.service, "s3");
  EXPECT_EQ(parsed->expires, std::chrono::seconds(3600));
  EXPECT_EQ(parsed->signed_headers, std::vector<std::string>{"host"});
  EXPECT_EQ(parsed->signature, "abcd");
  EXPECT_EQ(parsed->security_token, "a+b");
  EXPECT_EQ(parsed->amz_date, "20250101T123045Z");
}

TEST(SigV4ParserTest, PresignedQueryErrors) {
  auto incomplete = ParseSigV4(MakeRequest(
      "GET", "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab", {{"host", "h"}}));
  ASSERT_FALSE(incomplete.ok());
  EXPECT_FALSE(IsMissingAuth(incomplete.status()));
  EXPECT_EQ(incomplete.status().code(), StatusCode::kInvalidArgument);

  std::string week_plus_one(kPresignedQuery);
  week_plus_one.replace(week_plus_one.find("Expires=3600"), 12, "Expires=604801");
  auto too_long = ParseSigV4(MakeRequest("GET", "/b/k?" + week_plus_one, {{"host", "h"}}));
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().aws_code(), "AuthorizationQueryParametersError");
  EXPECT_NE(too_long.status().message().find("604800"), std::string::npos);

  std::string week(kPresignedQuery);
  week.replace(week.find("Expires=3600"), 12, "Expires=604800");
  EXPECT_TRUE(ParseSigV4(MakeRequest("GET", "/b/k?" + week, {{"host", "h"}})).ok());

  std::string negative(kPresignedQuery);
  negative.replace(negative.find("Expires=3600"), 12, "Expires=-1");
  auto negative_expiry = ParseSigV4(MakeRequest("GET", "/b/k?" + negative, {{"host", "h"}}));
  ASSERT_FALSE(negative_expiry.ok());
  EXPECT_EQ(negative_expiry.status().aws_code(), "AuthorizationQueryParametersError");
  EXPECT_EQ(negative_expiry.status().http_status(), 400);
  EXPECT_EQ(negative_expiry.status().message(), "X-Amz-Expires must be non-negative");
}

}  // namespace
}  // namespace skybox::aws

namespace skybox::aws {
namespace {

TEST(SigningServiceOfTest, ReadsTheScopeServiceFromEitherForm) {
  EXPECT_EQ(SigningServiceOf(testing::MakeRequest("GET", "/", {{"authorization", kAuth}})), "iam");
  EXPECT_EQ(SigningServiceOf(testing::MakeRequest(
                "PUT", "/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request",
                {})),
            "s3");
  // The header wins over the query, as in ParseSigV4; a SigV2 header names no scope.
  EXPECT_EQ(SigningServiceOf(testing::MakeRequest(
                "GET", "/?X-Amz-Credential=AK%2F20260101%2Fus-east-1%2Fs3%2Faws4_request", {{"authorization", kAuth}})),
            "iam");
  EXPECT_EQ(SigningServiceOf(testing::MakeRequest("GET", "/", {{"authorization", "AWS AKID:c2lnbmF0dXJl"}})), "");
  for (const char* bad : {"AWS4-HMAC-SHA256X Credential=AK/20150830/us-east-1/iam/aws4_request",
                          "AWS4-HMAC-SHA256 SignedHeaders=host", "AWS4-HMAC-SHA256 Credential=AK/20150830/iam"}) {
    EXPECT_EQ(SigningServiceOf(testing::MakeRequest("GET", "/", {{"authorization", bad}})), "") << bad;
  }
  EXPECT_EQ(SigningServiceOf(testing::MakeRequest("GET", "/b/k", {})), "");
}

}  // namespace
}  // namespace skybox::aws
