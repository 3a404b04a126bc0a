#include "services/s3/website_rules.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

const WebsiteRequest kRequest{"site.s3-website.localhost:4566", "/docs/a%20b.html"};

aws::Document Config(const char* json) { return aws::Document::parse(json); }

TEST(WebsiteRulesTest, IndexAndErrorDocuments) {
  aws::Document config = Config(R"({"IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "404.html"}})");
  EXPECT_EQ(IndexedKey(config, ""), "index.html");
  EXPECT_EQ(IndexedKey(config, "docs/"), "docs/index.html");
  EXPECT_EQ(IndexedKey(config, "docs"), "docs");
  EXPECT_EQ(IndexSuffix(config), "index.html");
  EXPECT_EQ(ErrorDocumentKey(config), "404.html");
  EXPECT_FALSE(ErrorDocumentKey(Config(R"({"IndexDocument": {"Suffix": "i.htm"}})")));
  EXPECT_FALSE(RedirectAllRequests(config, kRequest));
  EXPECT_FALSE(MatchRoutingRule(config, "docs/x", 0, kRequest));
}

TEST(WebsiteRulesTest, RedirectAllRequestsKeepsThePath) {
  auto redirect = RedirectAllRequests(Config(R"({"RedirectAllRequestsTo": {"HostName": "example.com"}})"), kRequest);
  ASSERT_TRUE(redirect);
  EXPECT_EQ(redirect->status, 301);
  EXPECT_EQ(redirect->location, "http://example.com/docs/a%20b.html");
  redirect = RedirectAllRequests(
      Config(R"({"RedirectAllRequestsTo": {"HostName": "example.com", "Protocol": "https"}})"), {"h", ""});
  EXPECT_EQ(redirect->location, "https://example.com/");
}

TEST(WebsiteRulesTest, RoutingRulesByPrefixAndByError) {
  aws::Document config = Config(R"({"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": [
    {"Condition": {"KeyPrefixEquals": "old/"}, "Redirect": {"ReplaceKeyPrefixWith": "new dir/"}},
    {"Condition": {"KeyPrefixEquals": "gone"}, "Redirect": {"ReplaceKeyWith": "home.html", "HttpRedirectCode": "302",
                                                          "HostName": "example.com", "Protocol": "https"}},
    {"Condition": {"HttpErrorCodeReturnedEquals": "404"}, "Redirect": {"ReplaceKeyPrefixWith": "missing/"}},
    {"Condition": {"KeyPrefixEquals": "img/", "HttpErrorCodeReturnedEquals": "403"},
     "Redirect": {"ReplaceKeyWith": "denied.png"}}]})");
  auto r = MatchRoutingRule(config, "old/page.html", 0, kRequest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(r->location, "http://site.s3-website.localhost:4566/new%20dir/page.html");
  r = MatchRoutingRule(config, "gone/x", 0, kRequest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 302);
  EXPECT_EQ(r->location, "https://example.com/home.html");
  // Error rules hold only after a read failed with their status (and their prefix, if any).
  EXPECT_FALSE(MatchRoutingRule(config, "page.html", 0, kRequest));
  r = MatchRoutingRule(config, "page.html", 404, kRequest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->location, "http://site.s3-website.localhost:4566/missing/page.html");
  EXPECT_FALSE(MatchRoutingRule(config, "page.html", 403, kRequest));
  r = MatchRoutingRule(config, "img/a.png", 403, kRequest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->location, "http://site.s3-website.localhost:4566/denied.png");
  // Prefix-only rules are not consulted after the read.
  EXPECT_FALSE(MatchRoutingRule(config, "old/page.html", 500, kRequest));
}

TEST(WebsiteRulesTest, ARuleWithoutAConditionHoldsForEveryRequest) {
  aws::Document config = Config(R"({"IndexDocument": {"Suffix": "index.html"}, "RoutingRules": [
    {"Redirect": {"HostName": "example.org", "HttpRedirectCode": "not-a-number"}}]})");
  auto r = MatchRoutingRule(config, "a/b", 0, kRequest);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 301);
  EXPECT_EQ(r->location, "http://example.org/a/b");
}

}  // namespace
}  // namespace skybox::s3
