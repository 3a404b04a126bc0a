#include "services/s3/config/cors.h"

#include <gtest/gtest.h>

#include <map>

namespace skybox::s3 {
namespace {

using aws::Document;

Document Config() {
  return {{"CORSRules",
           Document::array({
               {{"AllowedOrigins", {"http://*.example.com"}},
                {"AllowedMethods", {"GET", "PUT"}},
                {"AllowedHeaders", {"content-*", "x-amz-date"}},
                {"ExposeHeaders", {"ETag", "x-amz-version-id"}},
                {"MaxAgeSeconds", 600}},
               {{"AllowedOrigins", {"*"}}, {"AllowedMethods", {"HEAD"}}},
           })}};
}

std::map<std::string, std::string> AsMap(const HeaderList& headers) { return {headers.begin(), headers.end()}; }

TEST(WildcardMatch, OneStarMatchesAnyRun) {
  EXPECT_TRUE(WildcardMatch("http://*.example.com", "http://app.example.com", false));
  EXPECT_TRUE(WildcardMatch("http://*.example.com", "http://a.b.example.com", false));
  EXPECT_FALSE(WildcardMatch("http://*.example.com", "http://example.com", false));
  EXPECT_FALSE(WildcardMatch("http://*.example.com", "https://app.example.com", false));
  EXPECT_TRUE(WildcardMatch("*", "", false));
  EXPECT_TRUE(WildcardMatch("Content-*", "content-type", true));
  EXPECT_FALSE(WildcardMatch("Content-*", "content-type", false));
  EXPECT_FALSE(WildcardMatch("ab*ba", "aba", false));  // head and tail may not overlap
}

TEST(CorsPreflight, AllowedRequestGetsS3Headers) {
  auto r = EvaluateCorsPreflight(Config(), {.origin = "http://app.example.com", .method = "PUT",
                                            .request_headers = {"Content-Type", " x-amz-date "}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto h = AsMap(*r);
  EXPECT_EQ(h["Access-Control-Allow-Origin"], "http://app.example.com");
  EXPECT_EQ(h["Access-Control-Allow-Methods"], "GET, PUT");
  EXPECT_EQ(h["Access-Control-Allow-Headers"], "content-type, x-amz-date");
  EXPECT_EQ(h["Access-Control-Expose-Headers"], "ETag, x-amz-version-id");
  EXPECT_EQ(h["Access-Control-Max-Age"], "600");
  EXPECT_EQ(h["Access-Control-Allow-Credentials"], "true");
  EXPECT_EQ(h["Vary"], "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
}

TEST(CorsPreflight, StarOriginAnswersStarWithoutCredentials) {
  auto r = EvaluateCorsPreflight(Config(), {.origin = "https://anything.test", .method = "HEAD"});
  ASSERT_TRUE(r.ok());
  auto h = AsMap(*r);
  EXPECT_EQ(h["Access-Control-Allow-Origin"], "*");
  EXPECT_EQ(h.count("Access-Control-Allow-Credentials"), 0u);
  EXPECT_EQ(h.count("Access-Control-Allow-Headers"), 0u);
}

TEST(CorsPreflight, RefusalsUseS3Errors) {
  // Method not allowed for the matching origin (and the "*" rule only allows HEAD).
  auto r = EvaluateCorsPreflight(Config(), {.origin = "http://app.example.com", .method = "DELETE"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().aws_code(), "AccessForbidden");
  EXPECT_EQ(r.status().http_status(), 403);
  EXPECT_TRUE(r.status().message().starts_with("CORSResponse: This CORS request is not allowed."));
  // A header outside AllowedHeaders.
  r = EvaluateCorsPreflight(Config(), {.origin = "http://app.example.com", .method = "GET",
                                       .request_headers = {"authorization"}});
  EXPECT_EQ(r.status().aws_code(), "AccessForbidden");
  // No configuration at all.
  r = EvaluateCorsPreflight(Document(), {.origin = "http://app.example.com", .method = "GET"});
  EXPECT_EQ(r.status().message(), "CORSResponse: CORS is not enabled for this bucket.");
  // Missing origin / bad method.
  r = EvaluateCorsPreflight(Config(), {.origin = "", .method = "GET"});
  EXPECT_EQ(r.status().http_status(), 400);
  r = EvaluateCorsPreflight(Config(), {.origin = "http://app.example.com", .method = "PATCH"});
  EXPECT_EQ(r.status().aws_code(), "BadRequest");
}

TEST(CorsResponseHeaders, MatchingOriginAndMethodOnly) {
  auto h = AsMap(CorsResponseHeaders(Config(), "http://app.example.com", "GET"));
  EXPECT_EQ(h["Access-Control-Allow-Origin"], "http://app.example.com");
  EXPECT_EQ(h["Access-Control-Expose-Headers"], "ETag, x-amz-version-id");
  EXPECT_EQ(h["Vary"], "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
  EXPECT_TRUE(CorsResponseHeaders(Config(), "http://evil.test", "GET").empty());
  EXPECT_TRUE(CorsResponseHeaders(Config(), "", "GET").empty());
  EXPECT_TRUE(CorsResponseHeaders(Document(), "http://app.example.com", "GET").empty());
  // The first matching rule decides: HEAD from an example.com origin falls to the "*" rule.
  EXPECT_EQ(AsMap(CorsResponseHeaders(Config(), "http://app.example.com", "HEAD"))["Access-Control-Allow-Origin"], "*");
}

}  // namespace
}  // namespace skybox::s3
