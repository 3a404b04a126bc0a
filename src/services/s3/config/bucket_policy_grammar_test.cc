#include "services/s3/config/bucket_policy_grammar.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace skybox::s3 {
namespace {

using aws::Document;

// The message of the MalformedPolicy a policy of these statements gets for bucket "photos", or
// "OK".
std::string Verdict(const std::string& statements) {
  Status st = CheckBucketPolicyStatements("photos", Document::parse(R"({"Version":"2012-10-17","Statement":)" +
                                                                     statements + "}"));
  if (st.ok()) return "OK";
  EXPECT_EQ(st.aws_code(), "MalformedPolicy");
  EXPECT_EQ(st.http_status(), 400);
  return st.message();
}

// One statement with the given members replacing the defaults (an empty value removes one).
std::string Statement(const std::string& effect, const std::string& principal, const std::string& action,
                      const std::string& resource) {
  std::string out = "{";
  auto add = [&out](const char* name, const std::string& value) {
    if (value.empty()) return;
    if (out.size() > 1) out += ",";
    out += std::string("\"") + name + "\":" + value;
  };
  add("Effect", effect);
  add(principal.starts_with("!") ? "NotPrincipal" : "Principal", principal.starts_with("!") ? principal.substr(1) : principal);
  add("Action", action);
  add("Resource", resource);
  return out + "}";
}

const std::string kAllow = R"("Allow")";
const std::string kAnyone = R"("*")";
const std::string kGet = R"("s3:GetObject")";
const std::string kObjects = R"("arn:aws:s3:::photos/*")";

TEST(BucketPolicyGrammar, AcceptsTheShapesS3Accepts) {
  EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, kGet, kObjects)), "OK");
  EXPECT_EQ(Verdict("[" + Statement(kAllow, kAnyone, kGet, kObjects) + "]"), "OK");
  EXPECT_EQ(Verdict(Statement(R"("Deny")", R"({"AWS":["*"]})", R"(["s3:Get*","s3:List?ucket","*","S3:getobject"])",
                              R"(["arn:aws:s3:::photos","arn:aws:s3:::pho*/2024/*","arn:aws:s3:::*"])")),
            "OK");
  for (const char* principal : {R"({"AWS":"123456789012"})", R"({"AWS":"arn:aws:iam::123456789012:root"})",
                                R"({"AWS":"arn:aws:iam::123456789012:user/team/alice"})",
                                R"({"AWS":"arn:aws:sts::123456789012:assumed-role/r/session"})",
                                R"({"AWS":"arn:aws:iam::cloudfront:user/CloudFront Origin Access Identity E1"})",
                                R"({"AWS":"AIDAJQABLZS4A3QDU576Q"})", R"({"AWS":"arn:aws:iam::s3tenant1:root"})", R"({"Service":"logging.s3.amazonaws.com"})",
                                R"({"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"})",
                                R"({"CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be79a59df900b949e55d96a1e698fbaced"})",
                                R"({"Federated":"cognito-identity.amazonaws.com"})"}) {
    EXPECT_EQ(Verdict(Statement(kAllow, principal, kGet, kObjects)), "OK") << principal;
  }
  EXPECT_EQ(Verdict(Statement(R"("Deny")", R"(!{"AWS":"arn:aws:iam::123456789012:root"})", kGet, kObjects)), "OK");
  EXPECT_EQ(Verdict(R"([{"Sid":"x","Effect":"Allow","Principal":"*","NotAction":"s3:Delete*","NotResource":"arn:aws:s3:::photos/keep/*","Condition":{"Bool":{"aws:SecureTransport":"true"}}}])"),
            "OK");
}

TEST(BucketPolicyGrammar, RefusesWhatS3Refuses) {
  EXPECT_EQ(Verdict("[]"), "Could not parse the policy: Statement is empty!");
  EXPECT_EQ(Verdict(Statement("", kAnyone, kGet, kObjects)), "Missing required field Effect");
  EXPECT_EQ(Verdict(Statement(R"("allow")", kAnyone, kGet, kObjects)), "Invalid effect: allow");
  EXPECT_EQ(Verdict(Statement(kAllow, "", kGet, kObjects)), "Missing required field Principal");
  EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, "", kObjects)), "Missing required field Action");
  EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, kGet, "")), "Missing required field Resource");
  // NotPrincipal is for Deny statements only.
  EXPECT_EQ(Verdict(Statement(kAllow, R"(!{"AWS":"arn:aws:iam::123456789012:root"})", kGet, kObjects)),
            "Invalid principal in policy");
  for (const char* principal : {R"("alice")", R"({"AWS":"arn:aws:iam::*:root"})", R"({"AWS":"arn:aws:iam:::root"})",
                                R"({"AWS":"arn:aws:iam::123456789012"})", R"({"AWS":"12345"})", R"({"AWS":"AKIAIOSFODNN7EXAMPLE"})",
                                R"({"AWS":[]})", R"({"Users":"*"})", R"({"CanonicalUser":"abc"})", R"({})"}) {
    EXPECT_EQ(Verdict(Statement(kAllow, principal, kGet, kObjects)), "Invalid principal in policy") << principal;
  }
  for (const char* action : {R"("GetObject")", R"("sqs:SendMessage")", R"("s3:Get Object")", R"([])", R"(7)"}) {
    EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, action, kObjects)), "Policy has invalid action") << action;
  }
  // No action of the statement can act on its resources: object actions on the bucket, bucket
  // actions on objects.
  const std::string kBucket = R"("arn:aws:s3:::photos")";
  using Pairs = std::vector<std::pair<std::string, std::string>>;
  for (const auto& [action, resource] :
       Pairs{{kGet, kBucket}, {R"("s3:PutObject")", kBucket}, {R"(["s3:AbortMultipartUpload","s3:DeleteObjectVersion"])", kBucket},
        {R"("s3:ListBucket")", kObjects}, {R"("s3:GetBucketObjectLockConfiguration")", kObjects},
        {R"("s3:PutLifecycleConfiguration")", R"("arn:aws:s3:::photos/logs/*")"}}) {
    EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, action, resource)), "Action does not apply to any resource(s) in statement")
        << action << " on " << resource;
  }
  // One action that applies is enough; wildcards may apply to either; a wildcard resource may name objects.
  for (const auto& [action, resource] :
       Pairs{{R"(["s3:GetObject","s3:ListBucket"])", kBucket}, {kGet, R"(["arn:aws:s3:::photos","arn:aws:s3:::photos/*"])"},
        {R"("s3:Get*")", kBucket}, {R"("s3:*")", kObjects}, {kGet, R"("arn:aws:s3:::photo*")"},
        {R"("s3:ListBucketVersions")", kBucket}, {R"("s3:RestoreObject")", kObjects}}) {
    EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, action, resource)), "OK") << action << " on " << resource;
  }
  for (const char* resource : {R"("*")", R"("arn:aws:s3:::other/*")", R"("photos/*")", R"("arn:aws:s3:::")",
                               R"(["arn:aws:s3:::photos","arn:aws:s3:::other"])"}) {
    EXPECT_EQ(Verdict(Statement(kAllow, kAnyone, kGet, resource)), "Policy has invalid resource") << resource;
  }
}

}  // namespace
}  // namespace skybox::s3
