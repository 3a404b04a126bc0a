#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

using testing::HeaderOf;
using testing::MakeRequest;

net::HttpRequest Form(std::string body) {
  return MakeRequest("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}}, std::move(body));
}

TEST(QueryCodecTest, ResolvesActionFromBodyOrQueryString) {
  const ServiceModel& sts = testing::Model("sts");
  const ProtocolCodec& codec = ProtocolCodec::For(sts);
  EXPECT_EQ(codec.protocol(), "query");
  EXPECT_EQ((*codec.ResolveOperation(sts, Form("Action=GetCallerIdentity&Version=2011-06-15")))->name,
            "GetCallerIdentity");
  EXPECT_EQ((*codec.ResolveOperation(sts, MakeRequest("GET", "/?Action=AssumeRole")))->name, "AssumeRole");
}

TEST(QueryCodecTest, UnknownActionIsInvalidAction) {
  const ServiceModel& sts = testing::Model("sts");
  const ProtocolCodec& codec = ProtocolCodec::For(sts);
  auto r = codec.ResolveOperation(sts, Form("Action=Nope&Version=2011-06-15"));
  ASSERT_FALSE(r.ok());
  RequestContext ctx{.request_id = "rid"};
  net::HttpResponse resp = codec.EncodeError(sts, r.status(), ctx);
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.body,
            "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
            "</Type><Code>InvalidAction</Code><Message>The action Nope is not valid for this web "
            "service.</Message></Error><RequestId>rid</RequestId></ErrorResponse>");
  EXPECT_EQ(HeaderOf(resp, "x-amzn-RequestId"), "rid");
  EXPECT_EQ(HeaderOf(resp, "Content-Type"), "text/xml");
}

TEST(QueryCodecTest, DecodesFlattenedAndWrappedCollections) {
  const ServiceModel& sns = testing::Model("sns");
  const ProtocolCodec& codec = ProtocolCodec::For(sns);
  const OperationModel* op = sns.FindOperation("CreateTopic");
  auto in = codec.DecodeInput(sns, *op, Form("Action=CreateTopic&Name=t&Attributes.entry.1.key=A&"
                                             "Attributes.entry.1.value=1&Tags.member.1.Key=k&"
                                             "Tags.member.1.Value=v%20w&Tags.member.2.Key=k2&"
                                             "Tags.member.2.Value=x"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(*in, Document::parse(R"({"Name":"t","Attributes":{"A":"1"},
      "Tags":[{"Key":"k","Value":"v w"},{"Key":"k2","Value":"x"}]})"));
}

TEST(QueryCodecTest, EmptyListIsSentAsBareKey) {
  const ServiceModel& sts = testing::Model("sts");
  auto in = ProtocolCodec::For(sts).DecodeInput(
      sts, *sts.FindOperation("AssumeRole"),
      Form("Action=AssumeRole&RoleArn=arn%3Aaws%3Aiam%3A%3A000000000000%3Arole%2Fr&RoleSessionName=s1&Tags="));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ((*in)["Tags"], Document::array());
}

TEST(QueryCodecTest, ValidationErrorsUseQueryWording) {
  const ServiceModel& sts = testing::Model("sts");
  const ProtocolCodec& codec = ProtocolCodec::For(sts);
  auto in = codec.DecodeInput(sts, *sts.FindOperation("AssumeRole"),
                              Form("Action=AssumeRole&RoleSessionName=s1&DurationSeconds=abc"));
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().aws_code(), "ValidationError");
  EXPECT_EQ(in.status().http_status(), 400);
  EXPECT_EQ(in.status().message(),
            "2 validation errors detected: Value 'abc' at 'durationSeconds' failed to satisfy "
            "constraint: Member must be a valid integer; Value null at 'roleArn' failed to satisfy "
            "constraint: Member must not be null");
}

// Members are written in the model's order (as AWS does), whatever the document's order.
TEST(QueryCodecTest, EncodesResultWrapperAndMetadata) {
  const ServiceModel& sts = testing::Model("sts");
  RequestContext ctx{.request_id = "r-1"};
  net::HttpResponse resp = ProtocolCodec::For(sts).EncodeOutput(
      sts, *sts.FindOperation("GetCallerIdentity"),
      Document{{"Account", "000000000000"}, {"Arn", "arn:aws:iam::000000000000:root"}, {"UserId", "A<B"}}, ctx);
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.body,
            "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            "<GetCallerIdentityResult><UserId>A&lt;B</UserId><Account>000000000000</Account>"
            "<Arn>arn:aws:iam::000000000000:root</Arn></GetCallerIdentityResult>"
            "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
            "</GetCallerIdentityResponse>");
}

TEST(QueryCodecTest, ErrorFromStatusWithoutAwsCode) {
  const ServiceModel& iam = testing::Model("iam");
  net::HttpResponse resp = ProtocolCodec::For(iam).EncodeError(iam, Internal("boom"), {});
  EXPECT_EQ(resp.status, 500);
  EXPECT_NE(resp.body.find("<Type>Receiver</Type><Code>InternalFailure</Code>"), std::string::npos);
  net::HttpResponse nf = ProtocolCodec::For(iam).EncodeError(
      iam, Status::Aws(StatusCode::kNotFound, 0, "NoSuchEntity", "The user x cannot be found."), {});
  EXPECT_EQ(nf.status, 404);  // from the model's error trait
  EXPECT_NE(nf.body.find("<Type>Sender</Type><Code>NoSuchEntity</Code>"), std::string::npos);
}

TEST(QueryCodecTest, CloudWatchPicksProtocolPerRequest) {
  const ServiceModel& cw = testing::Model("cloudwatch");
  EXPECT_EQ(ProtocolCodec::ForRequest(cw, Form("Action=ListMetrics&Version=2010-08-01")).protocol(), "query");
  EXPECT_EQ(ProtocolCodec::ForRequest(
                cw, MakeRequest("POST", "/", {{"X-Amz-Target", "GraniteServiceVersion20100801.ListMetrics"}}, "{}"))
                .protocol(),
            "json");
}

}  // namespace
}  // namespace skybox::aws
