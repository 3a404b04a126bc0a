#include "aws/router.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

net::HttpRequest Request(std::string method, std::string target,
                         std::vector<net::HttpHeader> headers = {}, std::string body = "") {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

const RouterOptions kOptions{{"s3.example.test"}};

TEST(RouterTest, AdminPaths) {
  for (std::string path : {"/_skybox/health", "/_localstack/health", "/metrics"}) {
    EXPECT_EQ(RouteRequest(Request("GET", path), "", kOptions).kind, Route::Kind::kAdmin) << path;
  }
  EXPECT_EQ(RouteRequest(Request("GET", "/metrics-bucket"), "", kOptions).model, "s3");
}

TEST(RouterTest, CredentialScopePicksTheService) {
  EXPECT_EQ(RouteRequest(Request("POST", "/"), "sts", kOptions).model, "sts");
  EXPECT_EQ(RouteRequest(Request("POST", "/"), "monitoring", kOptions).model, "cloudwatch");
  EXPECT_EQ(RouteRequest(Request("POST", "/"), "cognito-idp", kOptions).model, "cognito-idp");
  EXPECT_EQ(RouteRequest(Request("GET", "/bucket/key"), "s3", kOptions).model, "s3");
}

TEST(RouterTest, SharedSigningNamesAreSplit) {
  auto streams = Request("POST", "/", {{"x-amz-target", "DynamoDBStreams_20120810.ListStreams"}});
  EXPECT_EQ(RouteRequest(streams, "dynamodb", kOptions).model, "dynamodbstreams");
  auto table = Request("POST", "/", {{"x-amz-target", "DynamoDB_20120810.PutItem"}});
  EXPECT_EQ(RouteRequest(table, "dynamodb", kOptions).model, "dynamodb");
  EXPECT_EQ(RouteRequest(Request("GET", "/v2/apis"), "apigateway", kOptions).model,
            "apigatewayv2");
  EXPECT_EQ(RouteRequest(Request("GET", "/restapis"), "apigateway", kOptions).model,
            "apigateway");
}

TEST(RouterTest, UnknownScopeIsReported) {
  Route r = RouteRequest(Request("POST", "/"), "kinesis", kOptions);
  EXPECT_EQ(r.kind, Route::Kind::kUnknownService);
  EXPECT_EQ(r.unknown_name, "kinesis");
}

TEST(RouterTest, UnsignedRequestsByTargetThenVersion) {
  auto sqs_json = Request("POST", "/", {{"x-amz-target", "AmazonSQS.SendMessage"}});
  EXPECT_EQ(RouteRequest(sqs_json, "", kOptions).model, "sqs");
  auto sts_form = Request("POST", "/", {{"content-type", "application/x-www-form-urlencoded"}},
                          "Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(RouteRequest(sts_form, "", kOptions).model, "sts");
  auto sqs_query = Request("GET", "/?Action=ListQueues&Version=2012-11-05");
  EXPECT_EQ(RouteRequest(sqs_query, "", kOptions).model, "sqs");
  auto sns_form = Request("POST", "/", {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}},
                          "Action=ListTopics&Version=2010-03-31");
  EXPECT_EQ(RouteRequest(sns_form, "", kOptions).model, "sns");
}

TEST(RouterTest, S3VirtualHostedStyle) {
  auto route = [](std::string host) {
    return RouteRequest(Request("GET", "/key", {{"host", host}}), "s3", kOptions);
  };
  EXPECT_EQ(route("photos.localhost:4566").s3_bucket, "photos");
  EXPECT_EQ(route("photos.s3.localhost:4566").s3_bucket, "photos");
  EXPECT_EQ(route("my.dotted.bucket.s3.localhost").s3_bucket, "my.dotted.bucket");
  EXPECT_EQ(route("photos.s3.us-east-1.amazonaws.com").s3_bucket, "photos");
  EXPECT_EQ(route("photos.s3.example.test").s3_bucket, "photos");
  EXPECT_EQ(route("localhost:4566").s3_bucket, "");
  EXPECT_EQ(route("s3.localhost:4566").s3_bucket, "");
  EXPECT_EQ(route("127.0.0.1:4566").s3_bucket, "");
  EXPECT_EQ(route("[::1]:4566").s3_bucket, "");
  EXPECT_FALSE(route("photos.s3.localhost:4566").s3_website);
}

TEST(RouterTest, S3WebsiteEndpoint) {
  auto route = [](std::string host) {
    return RouteRequest(Request("GET", "/index.html", {{"host", host}}), "", kOptions);
  };
  for (std::string host : {"site.s3-website.localhost:4566", "site.s3-website-us-east-1.localhost",
                           "site.s3-website.eu-west-1.localhost", "site.s3-website-us-east-1.amazonaws.com",
                           "site.s3-website.eu-west-1.amazonaws.com"}) {
    Route r = route(host);
    EXPECT_EQ(r.model, "s3") << host;
    EXPECT_TRUE(r.s3_website) << host;
    EXPECT_EQ(r.s3_bucket, "site") << host;
  }
  EXPECT_EQ(route("my.site.s3-website.localhost").s3_bucket, "my.site");
  // Not website hosts: the REST endpoint's virtual-hosted style (or path style) applies.
  for (std::string host : {"s3-website.localhost", "site.s3-website.example.com", "site.s3-website_x.localhost",
                           "site.s3-websitex.localhost", "site.s3-website..localhost"}) {
    EXPECT_FALSE(route(host).s3_website) << host;
  }
  EXPECT_EQ(route("site.s3-websitex.localhost").s3_bucket, "site.s3-websitex");
  // Under the configured domain (s3.example.test), with or without its "s3." label.
  for (std::string host : {"site.s3-website.s3.example.test:4566", "site.s3-website.example.test",
                           "site.s3-website-eu-west-1.example.test", "site.s3-website.eu-west-1.s3.example.test"}) {
    Route r = route(host);
    EXPECT_TRUE(r.s3_website) << host;
    EXPECT_EQ(r.s3_bucket, "site") << host;
  }
  EXPECT_FALSE(route("site.s3-website.other.test").s3_website);
  EXPECT_EQ(route("site.s3.example.test").s3_bucket, "site");
  EXPECT_FALSE(route("site.s3.example.test").s3_website);
}

}  // namespace
}  // namespace skybox::aws
