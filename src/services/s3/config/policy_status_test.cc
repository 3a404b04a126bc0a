#include "services/s3/config/policy_status.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::s3 {
namespace {

// A policy with one statement: `effect`, the principal member `principal` (JSON), and an
// optional Condition (JSON).
std::string Policy(std::string_view principal, std::string_view condition = "", std::string_view effect = "Allow") {
  std::string statement = R"({"Effect":")" + std::string(effect) + R"(",)" + std::string(principal) +
                          R"(,"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*")";
  if (!condition.empty()) statement += R"(,"Condition":)" + std::string(condition);
  return R"({"Version":"2012-10-17","Statement":[)" + statement + "}]}";
}

TEST(BucketPolicyIsPublic, WildcardPrincipalsAndNotPrincipalArePublic) {
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":{"AWS":"*"})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"})")));
}

TEST(BucketPolicyIsPublic, NamedPrincipalsAndDenyAreNot) {
  EXPECT_FALSE(BucketPolicyIsPublic(Policy(R"("Principal":{"AWS":"arn:aws:iam::111122223333:root"})")));
  EXPECT_FALSE(BucketPolicyIsPublic(Policy(R"("Principal":{"Service":"logging.s3.amazonaws.com"})")));
  EXPECT_FALSE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", "", "Deny")));
}

TEST(BucketPolicyIsPublic, FixedConfiningConditionsMakeAWildcardPrivate) {
  EXPECT_FALSE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"IpAddress":{"aws:SourceIp":"10.0.0.0/32"}})")));
  EXPECT_FALSE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"StringEquals":{"AWS:SourceVpce":"vpce-1a2b3c4d"}})")));
  EXPECT_FALSE(BucketPolicyIsPublic(
      Policy(R"("Principal":"*")", R"({"StringEquals":{"aws:PrincipalOrgID":["o-aa111bb222","o-cc333dd444"]}})")));
}

TEST(BucketPolicyIsPublic, OpenOrNonConfiningConditionsStayPublic) {
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"StringLike":{"aws:SourceVpce":"vpce-*"}})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"StringEquals":{"aws:Referer":"example.com"}})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})")));
  EXPECT_TRUE(
      BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"StringEqualsIfExists":{"aws:SourceVpc":"vpc-111"}})")));
  // The whole internet however written, "the key is present", and values not yet substituted.
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"IpAddress":{"aws:SourceIp":"1.2.3.4/0"}})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"IpAddress":{"aws:SourceIp":"0.0.0.0/00"}})")));
  EXPECT_TRUE(BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"Null":{"aws:SourceIp":"false"}})")));
  EXPECT_TRUE(
      BucketPolicyIsPublic(Policy(R"("Principal":"*")", R"({"StringEquals":{"aws:SourceAccount":"${aws:userid}"}})")));
  // A non-string Effect is not an Allow (and does not throw).
  EXPECT_FALSE(BucketPolicyIsPublic(R"({"Statement":[{"Effect":1,"Principal":"*","Action":"*","Resource":"*"}]})"));
}

TEST(BucketPolicyIsPublic, ASingleStatementObjectIsReadToo) {
  EXPECT_TRUE(BucketPolicyIsPublic(R"({"Statement":{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}})"));
  EXPECT_FALSE(BucketPolicyIsPublic(R"({"Statement":[]})"));
  EXPECT_FALSE(BucketPolicyIsPublic("not json"));
}

}  // namespace
}  // namespace skybox::s3
