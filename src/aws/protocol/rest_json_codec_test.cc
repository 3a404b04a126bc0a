#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

using testing::HeaderOf;
using testing::MakeRequest;

TEST(RestJsonCodecTest, ResolvesByMethodAndPath) {
  const ServiceModel& lambda = testing::Model("lambda");
  const ProtocolCodec& codec = ProtocolCodec::For(lambda);
  EXPECT_EQ((*codec.ResolveOperation(lambda, MakeRequest("POST", "/2015-03-31/functions")))->name,
            "CreateFunction");
  EXPECT_EQ((*codec.ResolveOperation(lambda, MakeRequest("GET", "/2015-03-31/functions/")))->name,
            "ListFunctions");
  EXPECT_EQ((*codec.ResolveOperation(lambda, MakeRequest("GET", "/2015-03-31/functions/fn")))->name,
            "GetFunction");
  EXPECT_EQ((*codec.ResolveOperation(lambda, MakeRequest("POST", "/2015-03-31/functions/fn/invocations")))->name,
            "Invoke");
  auto unknown = codec.ResolveOperation(lambda, MakeRequest("GET", "/nope"));
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().http_status(), 404);
  auto wrong_method = codec.ResolveOperation(lambda, MakeRequest("PATCH", "/2015-03-31/functions"));
  EXPECT_EQ(wrong_method.status().http_status(), 405);
}

TEST(RestJsonCodecTest, DecodesQueryHeadersAndBody) {
  const ServiceModel& lambda = testing::Model("lambda");
  const ProtocolCodec& codec = ProtocolCodec::For(lambda);
  auto in = codec.DecodeInput(lambda, *lambda.FindOperation("ListFunctions"),
                              MakeRequest("GET", "/2015-03-31/functions/?MaxItems=5&Marker=m"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(*in, Document({{"MaxItems", 5}, {"Marker", "m"}}));

  auto bad = codec.DecodeInput(lambda, *lambda.FindOperation("ListFunctions"),
                               MakeRequest("GET", "/2015-03-31/functions/?MaxItems=lots"));
  EXPECT_EQ(bad.status().aws_code(), "ValidationException");

  auto inv = codec.DecodeInput(lambda, *lambda.FindOperation("Invoke"),
                               MakeRequest("POST", "/2015-03-31/functions/fn/invocations",
                                           {{"X-Amz-Invocation-Type", "Event"}}, "{\"a\":1}"));
  ASSERT_TRUE(inv.ok()) << inv.status().ToString();
  EXPECT_EQ((*inv)["FunctionName"], "fn");
  EXPECT_EQ((*inv)["InvocationType"], "Event");
  EXPECT_EQ((*inv)["Payload"], Document::binary({'{', '"', 'a', '"', ':', '1', '}'}));
}

TEST(RestJsonCodecTest, ValidatesEnumsAndRequiredMembers) {
  const ServiceModel& lambda = testing::Model("lambda");
  const ProtocolCodec& codec = ProtocolCodec::For(lambda);
  auto in = codec.DecodeInput(lambda, *lambda.FindOperation("CreateFunction"),
                              MakeRequest("POST", "/2015-03-31/functions", {},
                                          R"({"FunctionName":"f","Role":"arn:aws:iam::000000000000:role/r",
                                              "Code":{},"Runtime":"cobol"})"));
  ASSERT_FALSE(in.ok());
  EXPECT_EQ(in.status().aws_code(), "ValidationException");
  EXPECT_EQ(in.status().message().rfind("1 validation error detected: Value 'cobol' at 'runtime' failed "
                                        "to satisfy constraint: Member must satisfy enum value set: [", 0),
            0u)
      << in.status().message();
  auto malformed = codec.DecodeInput(lambda, *lambda.FindOperation("CreateFunction"),
                                     MakeRequest("POST", "/2015-03-31/functions", {}, "{nope"));
  EXPECT_EQ(malformed.status().aws_code(), "SerializationException");
}

TEST(RestJsonCodecTest, EncodesStatusHeadersAndErrors) {
  const ServiceModel& lambda = testing::Model("lambda");
  const ProtocolCodec& codec = ProtocolCodec::For(lambda);
  net::HttpResponse resp = codec.EncodeOutput(
      lambda, *lambda.FindOperation("Invoke"),
      Document{{"StatusCode", 202}, {"Payload", Document::binary({})}, {"FunctionError", "Unhandled"}},
      {.request_id = "r"});
  EXPECT_EQ(resp.status, 202);
  EXPECT_EQ(HeaderOf(resp, "X-Amz-Function-Error"), "Unhandled");
  EXPECT_EQ(HeaderOf(resp, "x-amzn-RequestId"), "r");

  net::HttpResponse err = codec.EncodeError(
      lambda, Status::Aws(StatusCode::kNotFound, 0, "ResourceNotFoundException", "Function not found"), {});
  EXPECT_EQ(err.status, 404);  // from the model's error trait
  EXPECT_EQ(HeaderOf(err, "x-amzn-ErrorType"), "ResourceNotFoundException");
  EXPECT_EQ(err.body, R"({"Type":"User","message":"Function not found"})");

  const ServiceModel& apigw = testing::Model("apigatewayv2");
  net::HttpResponse created = ProtocolCodec::For(apigw).EncodeOutput(
      apigw, *apigw.FindOperation("CreateApi"), Document{{"ApiId", "a"}, {"CreatedDate", 0}}, {});
  EXPECT_EQ(created.status, 201);
  EXPECT_EQ(created.body, R"({"apiId":"a","createdDate":"1970-01-01T00:00:00.000Z"})");
}

}  // namespace
}  // namespace skybox::aws
