#include "aws/auth/sigv4_verifier.h"

#include <gtest/gtest.h>

#include <map>

#include "aws/auth/auth_test_helpers.h"
#include "aws/auth/sigv4_signer.h"

namespace skybox::aws {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;
using testing::At;
using testing::MakeRequest;
using testing::ReplaceHeader;

constexpr char kAccessKey[] = "AKIAALICE";
constexpr char kSecret[] = "alice/secret+key";
constexpr char kSignedAt[] = "20250101T120000Z";

class SigV4VerifierTest : public ::testing::Test {
 protected:
  CredentialStore store_{{{kAccessKey, kSecret, "alice", "123456789012"},
                          {"AKIAROOT", "root-secret", "", "000000000000"}}};

  SigningParams Params(std::string service) const {
    return {kAccessKey, kSecret, "us-east-1", std::move(service), At(kSignedAt), ""};
  }

  static net::HttpRequest StsRequest() {
    return MakeRequest("POST", "/", {{"host", "127.0.0.1:4566"},
                                     {"content-type", "application/x-www-form-urlencoded"}},
                       "Action=GetCallerIdentity&Version=2011-06-15");
  }

  static net::HttpRequest S3Put() {
    return MakeRequest("PUT", "/bucket/a%20b.txt?tagging=", {{"host", "127.0.0.1:4566"},
                                                              {"x-amz-meta-k", "v"}},
                       "object bytes");
  }

  Result<VerifiedIdentity> Verify(const net::HttpRequest& r,
                                  std::chrono::system_clock::time_point now = At(kSignedAt)) {
    auto parsed = ParseSigV4(r);
    if (!parsed.ok()) return parsed.status();
    return VerifySigV4(r, *parsed, store_, now);
  }
};

TEST_F(SigV4VerifierTest, AcceptsWhatTheSignerSigns) {
  net::HttpRequest r = StsRequest();
  ASSERT_TRUE(SignRequest(r, Params("sts")).ok());
  auto id = Verify(r);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->access_key_id, kAccessKey);
  EXPECT_EQ(id->user_name, "alice");
  EXPECT_EQ(id->account_id, "123456789012");
  EXPECT_EQ(id->arn, "arn:aws:iam::123456789012:user/alice");
  EXPECT_EQ(id->region, "us-east-1");
  EXPECT_EQ(id->service, "sts");
  EXPECT_EQ(id->signing_key.size(), 32u);
}

TEST_F(SigV4VerifierTest, RootIdentityArn) {
  net::HttpRequest r = StsRequest();
  SigningParams p = Params("sts");
  p.access_key_id = "AKIAROOT";
  p.secret_access_key = "root-secret";
  ASSERT_TRUE(SignRequest(r, p).ok());
  auto id = Verify(r);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->arn, "arn:aws:iam::000000000000:root");
}

TEST_F(SigV4VerifierTest, SignerNeedsHost) {
  net::HttpRequest r = MakeRequest("GET", "/", {});
  EXPECT_EQ(SignRequest(r, Params("sts")).code(), StatusCode::kInvalidArgument);
}

TEST_F(SigV4VerifierTest, TamperingIsRejectedAsSignatureMismatch) {
  net::HttpRequest signed_request = StsRequest();
  ASSERT_TRUE(SignRequest(signed_request, Params("sts")).ok());
  auto expect_mismatch = [&](net::HttpRequest r, const char* what) {
    auto id = Verify(r);
    ASSERT_FALSE(id.ok()) << what;
    EXPECT_EQ(id.status().aws_code(), "SignatureDoesNotMatch") << what;
    EXPECT_EQ(id.status().http_status(), 403) << what;
  };
  net::HttpRequest body = signed_request;
  body.body += "&Extra=1";
  expect_mismatch(body, "body");
  net::HttpRequest header = signed_request;
  ReplaceHeader(header, "content-type", "text/plain");
  expect_mismatch(header, "header");
  net::HttpRequest query = signed_request;
  query.target = "/?x=1";
  expect_mismatch(query, "query");
  net::HttpRequest path = signed_request;
  path.target = "/other";
  expect_mismatch(path, "path");
  net::HttpRequest method = signed_request;
  method.method = "PUT";
  expect_mismatch(method, "method");

  net::HttpRequest wrong_secret = StsRequest();
  SigningParams p = Params("sts");
  p.secret_access_key = "not-the-secret";
  ASSERT_TRUE(SignRequest(wrong_secret, p).ok());
  expect_mismatch(wrong_secret, "secret");
}

TEST_F(SigV4VerifierTest, UnknownAccessKey) {
  net::HttpRequest r = StsRequest();
  SigningParams p = Params("sts");
  p.access_key_id = "AKIANOBODY";
  ASSERT_TRUE(SignRequest(r, p).ok());
  auto id = Verify(r);
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().aws_code(), "InvalidClientTokenId");

  net::HttpRequest s3 = S3Put();
  p.service = "s3";
  ASSERT_TRUE(SignRequest(s3, p).ok());
  Status unknown = Verify(s3).status();
  EXPECT_EQ(unknown.aws_code(), "InvalidAccessKeyId");
  EXPECT_EQ(unknown.details(), (Status::Details{{"AWSAccessKeyId", "AKIANOBODY"}}));  // S3 names it
  EXPECT_TRUE(id.status().details().empty());
}

TEST_F(SigV4VerifierTest, ClockSkewWindowEdges) {
  net::HttpRequest r = StsRequest();
  ASSERT_TRUE(SignRequest(r, Params("sts")).ok());
  auto signed_at = At(kSignedAt);
  EXPECT_TRUE(Verify(r, signed_at + minutes(15)).ok());
  EXPECT_TRUE(Verify(r, signed_at - minutes(15)).ok());
  auto late = Verify(r, signed_at + minutes(15) + seconds(1));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().aws_code(), "SignatureDoesNotMatch");
  EXPECT_EQ(late.status().message(),
            "Signature expired: 20250101T120000Z is now earlier than 20250101T120001Z "
            "(20250101T121501Z - 15 min.)");
  auto early = Verify(r, signed_at - minutes(15) - seconds(1));
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.status().message().rfind("Signature not yet current: 20250101T120000Z", 0), 0u);

  net::HttpRequest s3 = S3Put();
  ASSERT_TRUE(SignRequest(s3, Params("s3")).ok());
  Status skewed = Verify(s3, signed_at + minutes(16)).status();
  EXPECT_EQ(skewed.aws_code(), "RequestTimeTooSkewed");
  // S3 says what time the request said, what time it is and the skew it allows.
  EXPECT_EQ(skewed.details(), (Status::Details{{"RequestTime", "20250101T120000Z"},
                                               {"ServerTime", "2025-01-01T12:16:00Z"},
                                               {"MaxAllowedSkewMilliseconds", "900000"}}));

  net::HttpRequest ddb = MakeRequest("POST", "/", {{"host", "h"}, {"x-amz-target", "x"}}, "{}");
  ASSERT_TRUE(SignRequest(ddb, Params("dynamodb")).ok());
  auto ddb_late = Verify(ddb, signed_at + minutes(16));
  EXPECT_EQ(ddb_late.status().aws_code(), "InvalidSignatureException");
  EXPECT_EQ(ddb_late.status().http_status(), 400);
}

TEST_F(SigV4VerifierTest, PresignedExpiryEdges) {
  net::HttpRequest r = MakeRequest("GET", "/bucket/key%20x", {{"host", "127.0.0.1:4566"}});
  ASSERT_TRUE(PresignRequest(r, Params("s3"), seconds(600)).ok());
  auto signed_at = At(kSignedAt);
  EXPECT_TRUE(Verify(r, signed_at).ok());
  EXPECT_TRUE(Verify(r, signed_at + seconds(600)).ok());
  auto expired = Verify(r, signed_at + seconds(601));
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.status().aws_code(), "AccessDenied");
  EXPECT_EQ(expired.status().message(), "Request has expired");
  // A URL dated in the future is tolerated within the skew window, not beyond.
  EXPECT_TRUE(Verify(r, signed_at - minutes(15)).ok());
  Status early = Verify(r, signed_at - minutes(16)).status();
  EXPECT_EQ(early.aws_code(), "AccessDenied");
  EXPECT_EQ(early.http_status(), 403);
  EXPECT_EQ(early.message(), "Request is not yet valid");
  // 2025-01-01T12:00:00Z is 1735732800 s after the epoch.
  EXPECT_EQ(early.details(), (Status::Details{{"X-Amz-Date", "1735732800000"},
                                              {"Expires", "2025-01-01T12:10:00Z"},
                                              {"ServerTime", "2025-01-01T11:44:00Z"}}));

  net::HttpRequest tampered = r;
  tampered.target.replace(tampered.target.find("Expires=600"), 11, "Expires=900");
  EXPECT_EQ(Verify(tampered, signed_at).status().aws_code(), "SignatureDoesNotMatch");
}

TEST_F(SigV4VerifierTest, PresignedSignatureCoversQueryAndPath) {
  net::HttpRequest r = MakeRequest("GET", "/bucket/key?versionId=1", {{"host", "h"}});
  ASSERT_TRUE(PresignRequest(r, Params("s3"), seconds(60)).ok());
  ASSERT_TRUE(Verify(r).ok());
  net::HttpRequest query = r;
  query.target.replace(query.target.find("versionId=1"), 11, "versionId=2");
  EXPECT_EQ(Verify(query).status().aws_code(), "SignatureDoesNotMatch");
  net::HttpRequest path = r;
  path.target.replace(0, 11, "/bucket/kez");
  Status mismatch = Verify(path).status();
  EXPECT_EQ(mismatch.aws_code(), "SignatureDoesNotMatch");
  // S3 says what it expected signed: the canonical request of the tampered path, its bytes.
  std::map<std::string, std::string> details(mismatch.details().begin(), mismatch.details().end());
  EXPECT_EQ(details["AWSAccessKeyId"], Params("s3").access_key_id);
  EXPECT_TRUE(details["CanonicalRequest"].starts_with("GET\n/bucket/kez\n")) << details["CanonicalRequest"];
  EXPECT_TRUE(details["CanonicalRequestBytes"].starts_with("47 45 54 0a 2f")) << details["CanonicalRequestBytes"];
  EXPECT_TRUE(details["StringToSign"].starts_with("AWS4-HMAC-SHA256\n"));
  EXPECT_EQ(details["StringToSignBytes"].size(), details["StringToSign"].size() * 3 - 1);
  EXPECT_EQ(details["SignatureProvided"].size(), 64u);
  // Other services answer the message alone.
  net::HttpRequest sts = StsRequest();
  ASSERT_TRUE(SignRequest(sts, Params("sts")).ok());
  sts.body += "&Extra=1";
  EXPECT_TRUE(Verify(sts).status().details().empty());
}

TEST_F(SigV4VerifierTest, S3ContentSha256) {
  net::HttpRequest r = S3Put();
  ASSERT_TRUE(SignRequest(r, Params("s3")).ok());
  ASSERT_TRUE(Verify(r).ok());

  net::HttpRequest body = r;
  body.body = "other bytes";
  auto mismatch = Verify(body);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.status().aws_code(), "XAmzContentSHA256Mismatch");
  EXPECT_EQ(mismatch.status().http_status(), 400);

  net::HttpRequest missing = r;
  std::erase_if(missing.headers,
                [](const net::HttpHeader& h) { return h.name == "x-amz-content-sha256"; });
  EXPECT_EQ(Verify(missing).status().aws_code(), "InvalidRequest");

  net::HttpRequest bogus = r;
  ReplaceHeader(bogus, "x-amz-content-sha256", "not-a-hash");
  EXPECT_EQ(Verify(bogus).status().aws_code(), "InvalidArgument");

  for (const char* mode : {"UNSIGNED-PAYLOAD", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}) {
    net::HttpRequest unsigned_payload = S3Put();
    unsigned_payload.headers.push_back({"x-amz-content-sha256", mode});
    ASSERT_TRUE(SignRequest(unsigned_payload, Params("s3")).ok());
    unsigned_payload.body = "anything at all";
    EXPECT_TRUE(Verify(unsigned_payload).ok()) << mode;
  }
}

TEST_F(SigV4VerifierTest, SessionTokenIsSignedAndParsed) {
  net::HttpRequest r = StsRequest();
  SigningParams p = Params("sts");
  p.session_token = "token/with+chars=";
  ASSERT_TRUE(SignRequest(r, p).ok());
  auto parsed = ParseSigV4(r);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->security_token, "token/with+chars=");
  EXPECT_TRUE(VerifySigV4(r, *parsed, store_, At(kSignedAt)).ok());
  ReplaceHeader(r, "x-amz-security-token", "swapped");
  EXPECT_EQ(Verify(r).status().aws_code(), "SignatureDoesNotMatch");
}

}  // namespace
}  // namespace skybox::aws
