#include "services/s3/form/post_policy.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "aws/auth/signing_key.h"
#include "base/crypto.h"

namespace skybox::s3 {
namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;

const aws::CredentialStore kCredentials({{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG", "", "000000000000"}});
// 2026-03-01T12:00:00Z
const std::chrono::system_clock::time_point kNow = std::chrono::sys_days(std::chrono::year(2026) / 3 / 1) + 12h;

// A form signed as boto3's generate_presigned_post signs it, with `conditions` plus the
// signing fields' own conditions.
FormFields SignedForm(Json conditions, FormFields extra = {}, std::string expiration = "2026-03-01T13:00:00Z",
                      std::string secret = "wJalrXUtnFEMI/K7MDENG") {
  const std::string credential = "AKIDEXAMPLE/20260301/us-east-1/s3/aws4_request";
  conditions.push_back({{"x-amz-algorithm", "AWS4-HMAC-SHA256"}});
  conditions.push_back({{"x-amz-credential", credential}});
  conditions.push_back({{"x-amz-date", "20260301T115900Z"}});
  std::string policy = Base64Encode(Json{{"expiration", expiration}, {"conditions", conditions}}.dump());
  std::string key = aws::DeriveSigningKey(secret, "20260301", "us-east-1", "s3");
  FormFields fields = {{"x-amz-algorithm", "AWS4-HMAC-SHA256"},
                       {"x-amz-credential", credential},
                       {"x-amz-date", "20260301T115900Z"},
                       {"policy", policy},
                       {"x-amz-signature", aws::SignatureHex(key, policy)}};
  fields.insert(fields.end(), extra.begin(), extra.end());
  return fields;
}

Status Verify(const FormFields& fields, std::chrono::system_clock::time_point now = kNow) {
  auto grant = VerifyPostPolicy(fields, "photos", "us-east-1", kCredentials, now);
  return grant.ok() ? Status() : grant.status();
}

TEST(PostPolicy, AcceptsAFormItsPolicyCovers) {
  FormFields fields = SignedForm(
      Json::array({{{"bucket", "photos"}},
                   {"starts-with", "$key", "user/"},
                   {"eq", "$Content-Type", "image/png"},
                   {"starts-with", "$x-amz-meta-tag", ""},
                   {"content-length-range", 10, "2048"}}),
      {{"key", "user/${filename}"}, {"content-type", "image/png"}, {"x-amz-meta-tag", "anything"},
       {"x-ignore-me", "1"}});
  auto grant = VerifyPostPolicy(fields, "photos", "us-east-1", kCredentials, kNow);
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  ASSERT_NE(grant->credential, nullptr);
  EXPECT_EQ(grant->credential->access_key_id, "AKIDEXAMPLE");
  ASSERT_TRUE(grant->content_length_range);
  EXPECT_EQ(*grant->content_length_range, std::make_pair(uint64_t{10}, uint64_t{2048}));
}

TEST(PostPolicy, FailedConditionsAreAccessDenied) {
  Json conditions = Json::array({{{"bucket", "photos"}}, {"starts-with", "$key", "user/"}});
  Status st = Verify(SignedForm(conditions, {{"key", "admin/x"}}));
  EXPECT_EQ(st.aws_code(), "AccessDenied");
  EXPECT_EQ(st.http_status(), 403);
  EXPECT_EQ(st.message(), "Invalid according to Policy: Policy Condition failed: [\"starts-with\", \"$key\", \"user/\"]");

  st = Verify(SignedForm(Json::array({{{"bucket", "other"}}, {"starts-with", "$key", ""}}), {{"key", "k"}}));
  EXPECT_EQ(st.message(), "Invalid according to Policy: Policy Condition failed: [\"eq\", \"$bucket\", \"other\"]");

  // A condition on a field the form lacks fails too.
  st = Verify(SignedForm(Json::array({{"eq", "$key", "k"}})));
  EXPECT_EQ(st.aws_code(), "AccessDenied");
}

TEST(PostPolicy, FieldsNoConditionNamesAreExtra) {
  Status st = Verify(SignedForm(Json::array({{"eq", "$key", "k"}}),
                                {{"key", "k"}, {"acl", "public-read"}, {"success_action_status", "201"}}));
  EXPECT_EQ(st.aws_code(), "AccessDenied");
  EXPECT_EQ(st.message(), "Invalid according to Policy: Extra input fields: acl, success_action_status");
}

TEST(PostPolicy, ExpiredPolicyIsAccessDenied) {
  FormFields fields = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}}, "2026-03-01T11:59:59.000Z");
  Status st = Verify(fields);
  EXPECT_EQ(st.aws_code(), "AccessDenied");
  EXPECT_EQ(st.message(), "Invalid according to Policy: Policy expired.");
  EXPECT_TRUE(Verify(fields, kNow - 2s).ok());
}

TEST(PostPolicy, SignatureAndKeyFailures) {
  FormFields wrong_secret = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}}, "2026-03-01T13:00:00Z", "nope");
  Status st = Verify(wrong_secret);
  EXPECT_EQ(st.aws_code(), "SignatureDoesNotMatch");
  EXPECT_EQ(st.http_status(), 403);

  FormFields tampered = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}});
  std::string& policy = tampered[3].second;
  policy = Base64Encode(*Base64Decode(policy) + " ");
  EXPECT_EQ(Verify(tampered).aws_code(), "SignatureDoesNotMatch");

  FormFields unknown = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}});
  unknown[1].second = "AKIDUNKNOWN/20260301/us-east-1/s3/aws4_request";
  EXPECT_EQ(Verify(unknown).aws_code(), "InvalidAccessKeyId");
}

TEST(PostPolicy, MissingOrMalformedSigningFields) {
  FormFields fields = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}});
  for (std::string_view name : {"x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-signature", "policy"}) {
    FormFields without;
    for (const auto& f : fields) {
      if (f.first != name) without.push_back(f);
    }
    Status st = Verify(without);
    EXPECT_EQ(st.aws_code(), "InvalidArgument") << name;
    EXPECT_EQ(st.message(), "Bucket POST must contain a field named '" + std::string(name) +
                                "'.  If it is specified, please check the order of the fields.");
  }
  FormFields bad_credential = fields;
  bad_credential[1].second = "AKIDEXAMPLE/20260301/us-east-1/sqs/aws4_request";
  EXPECT_EQ(Verify(bad_credential).aws_code(), "InvalidArgument");
  FormFields bad_algorithm = fields;
  bad_algorithm[0].second = "AWS4-HMAC-SHA1";
  EXPECT_EQ(Verify(bad_algorithm).aws_code(), "InvalidArgument");
}

TEST(PostPolicy, CredentialForAnotherRegionThanTheBucketsIsInvalidArgument) {
  FormFields fields = SignedForm(Json::array({{"eq", "$key", "k"}}), {{"key", "k"}});
  auto grant = VerifyPostPolicy(fields, "photos", "eu-west-1", kCredentials, kNow);
  ASSERT_FALSE(grant.ok());
  EXPECT_EQ(grant.status().aws_code(), "InvalidArgument");
  EXPECT_EQ(grant.status().http_status(), 400);
  EXPECT_EQ(grant.status().message(), "the region 'us-east-1' is wrong; expecting 'eu-west-1'");
  Status::Details expected = {{"ArgumentName", "X-Amz-Credential"},
                              {"ArgumentValue", "AKIDEXAMPLE/20260301/us-east-1/s3/aws4_request"},
                              {"Region", "eu-west-1"}};
  EXPECT_EQ(grant.status().details(), expected);
}

// Signs `policy_text` as given, to reach the policy document checks behind the signature.
FormFields WithRawPolicy(const std::string& policy_b64) {
  FormFields fields = SignedForm(Json::array());
  fields[3].second = policy_b64;
  fields[4].second = aws::SignatureHex(aws::DeriveSigningKey("wJalrXUtnFEMI/K7MDENG", "20260301", "us-east-1", "s3"),
                                       policy_b64);
  return fields;
}

TEST(PostPolicy, MalformedPolicyDocuments) {
  for (const std::string& policy :
       {std::string("not base64!"), Base64Encode("{not json"), Base64Encode("[]"),
        Base64Encode(R"({"conditions": []})"), Base64Encode(R"({"expiration": "tomorrow", "conditions": []})"),
        Base64Encode(R"({"expiration": "2026-03-01T13:00:00Z"})"),
        Base64Encode(R"({"expiration": "2026-03-01T13:00:00Z", "conditions": [["matches", "$key", "x"]]})"),
        Base64Encode(R"({"expiration": "2026-03-01T13:00:00Z", "conditions": [{"a": "1", "b": "2"}]})"),
        Base64Encode(R"({"expiration": "2026-03-01T13:00:00Z", "conditions": [["content-length-range", -1, 5]]})")}) {
    Status st = Verify(WithRawPolicy(policy));
    EXPECT_EQ(st.aws_code(), "InvalidPolicyDocument") << policy;
    EXPECT_EQ(st.http_status(), 400);
  }
}

TEST(PostPolicy, AcceptsSigV2Forms) {
  // boto3's SigV2 presigned POST for this policy and secret.
  std::string policy = Base64Encode(R"({"expiration": "2026-03-01T13:00:00Z", "conditions": [{"bucket": "photos"}, {"key": "k"}]})");
  FormFields fields = {{"key", "k"}, {"awsaccesskeyid", "AKIDEXAMPLE"}, {"policy", policy}, {"signature", ""}};
  unsigned char digest[20];
  unsigned int length = 0;
  const std::string secret = "wJalrXUtnFEMI/K7MDENG";
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), reinterpret_cast<const unsigned char*>(policy.data()),
       policy.size(), digest, &length);
  fields[3].second = Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), length));
  EXPECT_TRUE(Verify(fields).ok()) << Verify(fields).ToString();
  fields[3].second[0] = fields[3].second[0] == 'A' ? 'B' : 'A';
  EXPECT_EQ(Verify(fields).aws_code(), "SignatureDoesNotMatch");
}

}  // namespace
}  // namespace skybox::s3
