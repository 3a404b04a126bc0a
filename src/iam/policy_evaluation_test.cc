#include "iam/policy_evaluation.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::iam {
namespace {

RequestFacts GetObject(std::string key = "photos/cat.jpg") {
  RequestFacts facts;
  facts.action = "s3:GetObject";
  facts.resource = "arn:aws:s3:::site/" + key;
  facts.context = {{"aws:securetransport", "false"}, {"aws:sourceip", "127.0.0.1"},
                   {"aws:principaltype", "Anonymous"}};
  facts.absent = {"aws:referer"};
  return facts;
}

std::string Policy(const std::string& statements) {
  return R"({"Version":"2012-10-17","Statement":[)" + statements + "]}";
}

const std::string kPublicRead =
    R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*"})";

TEST(PolicyPattern, StarAndQuestionMark) {
  EXPECT_TRUE(PolicyPatternMatches("arn:aws:s3:::site/*", "arn:aws:s3:::site/a/b", false));
  EXPECT_TRUE(PolicyPatternMatches("arn:aws:s3:::site/*", "arn:aws:s3:::site/", false));
  EXPECT_FALSE(PolicyPatternMatches("arn:aws:s3:::site/*", "arn:aws:s3:::site", false));
  EXPECT_TRUE(PolicyPatternMatches("arn:aws:s3:::*/public/*.jpg", "arn:aws:s3:::b/public/x/y.jpg", false));
  EXPECT_FALSE(PolicyPatternMatches("arn:aws:s3:::*/public/*.jpg", "arn:aws:s3:::b/public/x/y.png", false));
  EXPECT_TRUE(PolicyPatternMatches("s3:Get?bject", "s3:GetObject", false));
  EXPECT_FALSE(PolicyPatternMatches("s3:Get?bject", "s3:Getbject", false));
  EXPECT_TRUE(PolicyPatternMatches("S3:get*", "s3:GetObject", true));
  EXPECT_FALSE(PolicyPatternMatches("S3:get*", "s3:GetObject", false));
  EXPECT_TRUE(PolicyPatternMatches("*", "", false));
  EXPECT_TRUE(PolicyPatternMatches("a*b*c", "aXXbYYbc", false));  // backtracks past an early 'b'
}

TEST(EvaluateForAnonymous, PublicReadAllowsGetObjectOnly) {
  std::string policy = Policy(kPublicRead);
  EXPECT_EQ(EvaluateForAnonymous(policy, GetObject()), Decision::kAllow);
  RequestFacts put = GetObject();
  put.action = "s3:PutObject";
  EXPECT_EQ(EvaluateForAnonymous(policy, put), Decision::kImplicitDeny);
  RequestFacts other_bucket = GetObject();
  other_bucket.resource = "arn:aws:s3:::sites/photos/cat.jpg";
  EXPECT_EQ(EvaluateForAnonymous(policy, other_bucket), Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, PrincipalForms) {
  for (std::string principal : {R"("*")", R"({"AWS":"*"})", R"({"AWS":["arn:aws:iam::111122223333:root","*"]})"}) {
    std::string policy =
        Policy(R"({"Effect":"Allow","Principal":)" + principal + R"(,"Action":"s3:*","Resource":"*"})");
    EXPECT_EQ(EvaluateForAnonymous(policy, GetObject()), Decision::kAllow) << principal;
  }
  for (std::string principal : {R"({"AWS":"arn:aws:iam::111122223333:root"})", R"({"Service":"logging.s3.amazonaws.com"})"}) {
    std::string policy =
        Policy(R"({"Effect":"Allow","Principal":)" + principal + R"(,"Action":"s3:*","Resource":"*"})");
    EXPECT_EQ(EvaluateForAnonymous(policy, GetObject()), Decision::kImplicitDeny) << principal;
  }
}

TEST(EvaluateForAnonymous, ExplicitDenyWins) {
  std::string policy = Policy(kPublicRead + R"(,{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
      "Resource":"arn:aws:s3:::site/private/*"})");
  EXPECT_EQ(EvaluateForAnonymous(policy, GetObject()), Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(policy, GetObject("private/key.pem")), Decision::kExplicitDeny);
}

TEST(EvaluateForAnonymous, NotActionAndNotResource) {
  std::string policy = Policy(
      R"({"Effect":"Allow","Principal":"*","NotAction":"s3:Delete*","NotResource":"arn:aws:s3:::site/secret/*"})");
  EXPECT_EQ(EvaluateForAnonymous(policy, GetObject()), Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(policy, GetObject("secret/x")), Decision::kImplicitDeny);
  RequestFacts del = GetObject();
  del.action = "s3:DeleteObject";
  EXPECT_EQ(EvaluateForAnonymous(policy, del), Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, ConditionsOnTheRequest) {
  auto with_condition = [](const std::string& condition) {
    return Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::site/*",
        "Condition":)" + condition + "}");
  };
  RequestFacts request = GetObject();
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}})"), request),
            Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32"]}})"),
                                 request),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})"), request),
            Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"Bool":{"aws:SecureTransport":"true"}})"), request),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"Bool":{"AWS:SECURETRANSPORT":false}})"), request),
            Decision::kAllow);
  // aws:Referer is not in the request: positive operators fail, negated ones and IfExists hold.
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"StringLike":{"aws:Referer":"https://example.com/*"}})"), request),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"StringNotLike":{"aws:Referer":"https://evil/*"}})"), request),
            Decision::kAllow);
  EXPECT_EQ(
      EvaluateForAnonymous(with_condition(R"({"StringLikeIfExists":{"aws:Referer":"https://example.com/*"}})"), request),
      Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"Null":{"aws:Referer":"true"}})"), request), Decision::kAllow);
  request.context["aws:referer"] = "https://example.com/page";
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"StringLike":{"aws:Referer":"https://example.com/*"}})"), request),
            Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"Null":{"aws:Referer":"true"}})"), request),
            Decision::kImplicitDeny);
  // Every operator and key must hold.
  EXPECT_EQ(EvaluateForAnonymous(with_condition(R"({"StringLike":{"aws:Referer":"https://example.com/*"},
                                                    "Bool":{"aws:SecureTransport":"true"}})"),
                                 request),
            Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, WhatItCannotJudgeFailsClosed) {
  RequestFacts request = GetObject();
  // An operator it does not evaluate, on a key the request carries: the Allow grants nothing,
  // the Deny denies.
  std::string unknown = R"("Condition":{"ArnLike":{"aws:PrincipalType":"*"}})";
  EXPECT_EQ(EvaluateForAnonymous(
                Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",)" + unknown + "}"),
                request),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(kPublicRead + R"(,{"Effect":"Deny","Principal":"*","Action":"s3:*",
                                            "Resource":"*",)" + unknown + "}"),
                                 request),
            Decision::kExplicitDeny);
  std::string set_operator = R"("Condition":{"ForAnyValue:StringLike":{"aws:Referer":"*"}})";
  EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",)" +
                                        set_operator + "}"),
                                 request),
            Decision::kImplicitDeny);
  // NotPrincipal: never grants to an anonymous caller, but its Deny applies.
  EXPECT_EQ(EvaluateForAnonymous(
                Policy(R"({"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},"Action":"*","Resource":"*"})"),
                request),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(kPublicRead + R"(,{"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::1:root"},
                                            "Action":"*","Resource":"*"})"),
                                 request),
            Decision::kExplicitDeny);
}

TEST(EvaluateForAnonymous, NumericAndDateOperators) {
  auto decide = [](const std::string& condition, const RequestFacts& request) {
    return EvaluateForAnonymous(
        Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*","Condition":)" +
               condition + "}"),
        request);
  };
  RequestFacts request = GetObject();
  request.action = "s3:ListBucket";
  request.context["s3:max-keys"] = "100";
  request.context["aws:currenttime"] = "2026-11-30T12:00:00Z";
  request.context["aws:epochtime"] = "1796040000";
  EXPECT_EQ(decide(R"({"NumericLessThanEquals":{"s3:max-keys":"100"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"NumericLessThan":{"s3:max-keys":"100"}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"NumericGreaterThan":{"s3:max-keys":["500","99.5"]}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"NumericEquals":{"s3:max-keys":"100.0"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"NumericNotEquals":{"s3:max-keys":["100","7"]}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"NumericGreaterThanEquals":{"s3:max-keys":"-3"}})", request), Decision::kAllow);
  // A time-limited public grant, in either date form.
  EXPECT_EQ(decide(R"({"DateLessThan":{"aws:CurrentTime":"2026-12-31T00:00:00Z"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"DateLessThan":{"aws:CurrentTime":"2026-11-30"}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"DateGreaterThanEquals":{"aws:CurrentTime":"2026-11-30T12:00:00Z"}})", request),
            Decision::kAllow);
  EXPECT_EQ(decide(R"({"DateLessThanEquals":{"aws:EpochTime":"1796039999"}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"DateGreaterThan":{"aws:EpochTime":"2026-11-30T11:59:59Z"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"DateEquals":{"aws:CurrentTime":"1796040000"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"DateNotEquals":{"aws:CurrentTime":"2026-11-30T12:00:00+00:00"}})", request),
            Decision::kImplicitDeny);
  // What does not parse is not judged: an Allow grants nothing, a Deny denies. Each pair is an
  // Allow that would hold and a Deny that would not apply if the value were read leniently
  // ("." as 0, "2027" as 2027 seconds, 30 February as 2 March, 1e9 as a billion).
  const std::pair<const char*, const char*> kUnjudged[] = {
      {R"({"NumericLessThan":{"s3:max-keys":"1e9"}})", R"({"NumericGreaterThan":{"s3:max-keys":"1e9"}})"},
      {R"({"NumericLessThan":{"s3:max-keys":"ten"}})", R"({"NumericGreaterThan":{"s3:max-keys":"ten"}})"},
      {R"({"NumericNotEquals":{"s3:max-keys":""}})", R"({"NumericEquals":{"s3:max-keys":""}})"},
      {R"({"DateGreaterThan":{"aws:CurrentTime":"."}})", R"({"DateLessThan":{"aws:CurrentTime":"."}})"},
      {R"({"DateGreaterThan":{"aws:CurrentTime":"2027"}})", R"({"DateLessThan":{"aws:CurrentTime":"2027"}})"},
      {R"({"DateLessThan":{"aws:CurrentTime":"2026-13-01T00:00:00Z"}})",
       R"({"DateGreaterThan":{"aws:CurrentTime":"2026-13-01T00:00:00Z"}})"},
      {R"({"DateLessThan":{"aws:CurrentTime":"2026-11-31T00:00:00Z"}})",
       R"({"DateGreaterThan":{"aws:CurrentTime":"2026-11-31T00:00:00Z"}})"},
      {R"({"DateNotEquals":{"aws:CurrentTime":"soon"}})", R"({"DateEquals":{"aws:CurrentTime":"soon"}})"},
  };
  for (const auto& [allow, deny] : kUnjudged) {
    EXPECT_EQ(decide(allow, request), Decision::kImplicitDeny) << allow;
    EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:ListBucket",
                                              "Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*",
                                              "Resource":"*","Condition":)" + std::string(deny) + "}"),
                                   request),
              Decision::kExplicitDeny)
        << deny;
  }
  // Numbers written as JSON numbers in the policy count as their text.
  EXPECT_EQ(decide(R"({"NumericLessThanEquals":{"s3:max-keys":100}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"NumericLessThan":{"s3:max-keys":[100, 50]}})", request), Decision::kImplicitDeny);
  // A request value that does not parse: neither an Allow nor a Deny can be judged.
  request.context["s3:max-keys"] = "many";
  EXPECT_EQ(decide(R"({"NumericLessThan":{"s3:max-keys":"1000"}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:ListBucket",
                                            "Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"s3:*",
                                            "Resource":"*","Condition":{"NumericGreaterThan":{"s3:max-keys":"1000"}}})"),
                                 request),
            Decision::kExplicitDeny);
  // A key the request is known not to carry: positive operators fail, negated ones hold.
  request.context.erase("s3:max-keys");
  request.absent.insert("s3:max-keys");
  EXPECT_EQ(decide(R"({"NumericLessThan":{"s3:max-keys":"1000"}})", request), Decision::kImplicitDeny);
  EXPECT_EQ(decide(R"({"NumericNotEquals":{"s3:max-keys":"1000"}})", request), Decision::kAllow);
  EXPECT_EQ(decide(R"({"NumericLessThanIfExists":{"s3:max-keys":"1000"}})", request), Decision::kAllow);
}

TEST(EvaluateForAnonymous, KeysTheRequestCannotSpeakForFailClosed) {
  // s3:ExistingObjectTag/... is neither carried nor known absent: its Deny denies, and an Allow
  // that would hold only if the key were absent grants nothing.
  EXPECT_EQ(EvaluateForAnonymous(Policy(kPublicRead + R"(,{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
                "Resource":"*","Condition":{"StringEquals":{"s3:ExistingObjectTag/class":"secret"}}})"),
                                 GetObject()),
            Decision::kExplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
                "Condition":{"StringNotEquals":{"s3:ExistingObjectTag/private":"true"}}})"),
                                 GetObject()),
            Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, PolicyVariablesAreNotSubstitutedSoFailClosed) {
  EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                "Resource":"arn:aws:s3:::site/public${*}"})"),
                                 GetObject("public$x")),
            Decision::kImplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(kPublicRead + R"(,{"Effect":"Deny","Principal":"*","Action":"s3:GetObject",
                "Resource":"arn:aws:s3:::site/${aws:userid}/*"})"),
                                 GetObject("anonymous/x")),
            Decision::kExplicitDeny);
  EXPECT_EQ(EvaluateForAnonymous(Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
                "Condition":{"StringLike":{"aws:Referer":"${aws:username}"}}})"),
                                 GetObject()),
            Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, DenyWithNotActionOrNotResource) {
  // Deny everything but reads: a read passes, a delete is denied.
  std::string not_action = Policy(
      R"({"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},
         {"Effect":"Deny","Principal":"*","NotAction":["s3:GetObject","s3:ListBucket"],"Resource":"*"})");
  EXPECT_EQ(EvaluateForAnonymous(not_action, GetObject()), Decision::kAllow);
  RequestFacts del = GetObject();
  del.action = "s3:DeleteObject";
  EXPECT_EQ(EvaluateForAnonymous(not_action, del), Decision::kExplicitDeny);
  // Deny everything outside public/: the public key passes, another is denied.
  std::string not_resource = Policy(
      R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"},
         {"Effect":"Deny","Principal":"*","Action":"*","NotResource":"arn:aws:s3:::site/photos/*"})");
  EXPECT_EQ(EvaluateForAnonymous(not_resource, GetObject()), Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(not_resource, GetObject("private/key.pem")), Decision::kExplicitDeny);
}

TEST(EvaluateForAnonymous, NegatedOperatorsNeedEveryValueToDiffer) {
  RequestFacts request = GetObject();
  request.context["aws:useragent"] = "curl/8.0";
  auto allow_unless = [](const std::string& values) {
    return Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
        "Condition":{"StringNotLike":{"aws:UserAgent":)" + values + "}}}");
  };
  EXPECT_EQ(EvaluateForAnonymous(allow_unless(R"(["wget*","python*"])"), request), Decision::kAllow);
  EXPECT_EQ(EvaluateForAnonymous(allow_unless(R"(["wget*","curl/*"])"), request), Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, Ipv4MappedSourcesCountAsIpv4) {
  RequestFacts request = GetObject();
  request.context["aws:sourceip"] = "::ffff:127.0.0.1";
  std::string policy = Policy(R"({"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
      "Condition":{"IpAddress":{"aws:SourceIp":"127.0.0.0/8"}}})");
  EXPECT_EQ(EvaluateForAnonymous(policy, request), Decision::kAllow);
  request.context["aws:sourceip"] = "::1";
  EXPECT_EQ(EvaluateForAnonymous(policy, request), Decision::kImplicitDeny);
}

TEST(EvaluateForAnonymous, MalformedPoliciesGrantNothing) {
  for (std::string policy : {"", "not json", "[]", R"({"Version":"2012-10-17"})", R"({"Statement":"x"})"}) {
    EXPECT_NE(EvaluateForAnonymous(policy, GetObject()), Decision::kAllow) << policy;
  }
  // A single statement object instead of an array is valid IAM.
  EXPECT_EQ(EvaluateForAnonymous(R"({"Statement":)" + kPublicRead + "}", GetObject()), Decision::kAllow);
}

}  // namespace
}  // namespace skybox::iam
