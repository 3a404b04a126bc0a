#include "services/s3/config/notification_rules.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

using aws::Document;

Document Queue(Document events, std::string prefix = "", std::string suffix = "") {
  Document d = {{"QueueArn", "arn:aws:sqs:us-east-1:000000000000:q"}, {"Events", std::move(events)}};
  Document rules = Document::array();
  if (!prefix.empty()) rules.push_back({{"Name", "prefix"}, {"Value", prefix}});
  if (!suffix.empty()) rules.push_back({{"Name", "suffix"}, {"Value", suffix}});
  if (!rules.empty()) d["Filter"] = {{"Key", {{"FilterRules", rules}}}};
  return d;
}

std::string Check(Document config) {
  auto r = NormalizeNotificationConfiguration(std::move(config));
  return r.ok() ? "OK" : r.status().aws_code() + ": " + r.status().message();
}

TEST(NotificationValidation, CompletesIdsAndFilterNames) {
  auto r = NormalizeNotificationConfiguration(
      {{"QueueConfigurations", Document::array({Queue({"s3:ObjectCreated:*"}, "in/", ".jpg")})}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const Document& q = (*r)["QueueConfigurations"][0];
  EXPECT_FALSE(q.value("Id", "").empty());
  EXPECT_EQ(q["Filter"]["Key"]["FilterRules"][0]["Name"], "Prefix");
  EXPECT_EQ(q["Filter"]["Key"]["FilterRules"][1]["Name"], "Suffix");
  auto kept = NormalizeNotificationConfiguration(
      {{"TopicConfigurations", Document::array({{{"Id", "mine"}, {"TopicArn", "arn:aws:sns:us-east-1:000000000000:t"},
                                                  {"Events", Document::array({"s3:ObjectRemoved:*"})}}})}});
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ((*kept)["TopicConfigurations"][0]["Id"], "mine");
}

TEST(NotificationValidation, S3Errors) {
  EXPECT_EQ(Check(Document::object()), "OK");
  EXPECT_EQ(Check({{"EventBridgeConfiguration", Document::object()}}), "OK");
  EXPECT_EQ(Check({{"QueueConfigurations", Document::array({Queue({"s3:ObjectCreated:Nope"})})}}),
            "InvalidArgument: The event is not supported for notifications");
  Document bad_arn = Queue({"s3:ObjectCreated:*"});
  bad_arn["QueueArn"] = "arn:aws:sns:us-east-1:000000000000:t";
  EXPECT_EQ(Check({{"QueueConfigurations", Document::array({bad_arn})}}), "InvalidArgument: The ARN is not well formed");
  Document bad_rule = Queue({"s3:ObjectCreated:*"}, "a");
  bad_rule["Filter"]["Key"]["FilterRules"][0]["Name"] = "middle";
  EXPECT_EQ(Check({{"QueueConfigurations", Document::array({bad_rule})}}),
            "InvalidArgument: filter rule name must be either prefix or suffix");
  Document two_prefixes = Queue({"s3:ObjectCreated:*"}, "a");
  two_prefixes["Filter"]["Key"]["FilterRules"].push_back({{"Name", "Prefix"}, {"Value", "b"}});
  EXPECT_EQ(Check({{"QueueConfigurations", Document::array({two_prefixes})}}),
            "InvalidArgument: Cannot specify more than one prefix rule in a filter.");
}

TEST(NotificationValidation, OverlapNeedsSharedEventAndKeys) {
  const std::string overlap =
      "InvalidArgument: Configurations overlap. Configurations on the same bucket cannot share a common event type.";
  auto two = [](Document a, Document b) { return Document{{"QueueConfigurations", Document::array({a, b})}}; };
  EXPECT_EQ(Check(two(Queue({"s3:ObjectCreated:*"}), Queue({"s3:ObjectCreated:Put"}))), overlap);
  EXPECT_EQ(Check(two(Queue({"s3:ObjectCreated:*"}, "a/"), Queue({"s3:ObjectCreated:*"}, "a/b/"))), overlap);
  EXPECT_EQ(Check(two(Queue({"s3:ObjectCreated:*"}, "a/"), Queue({"s3:ObjectCreated:*"}, "b/"))), "OK");
  EXPECT_EQ(Check(two(Queue({"s3:ObjectCreated:*"}, "", ".jpg"), Queue({"s3:ObjectCreated:*"}, "", ".png"))), "OK");
  EXPECT_EQ(Check(two(Queue({"s3:ObjectCreated:*"}), Queue({"s3:ObjectRemoved:*"}))), "OK");
}

TEST(NotificationRules, MatchEventsAndKeys) {
  auto config = NormalizeNotificationConfiguration(
      {{"QueueConfigurations", Document::array({Queue({"s3:ObjectCreated:*", "s3:ObjectRemoved:DeleteObject"},
                                                       "in/", ".jpg")})},
       {"EventBridgeConfiguration", Document::object()}});
  ASSERT_TRUE(config.ok());
  NotificationRules rules = ParseNotificationRules(*config);
  ASSERT_EQ(rules.rules.size(), 1u);
  EXPECT_TRUE(rules.eventbridge);
  const NotificationRule& rule = rules.rules[0];
  EXPECT_EQ(rule.kind, DestinationKind::kQueue);
  EXPECT_TRUE(RuleMatches(rule, "ObjectCreated:Put", "in/a.jpg"));
  EXPECT_TRUE(RuleMatches(rule, "ObjectCreated:CompleteMultipartUpload", "in/a.jpg"));
  EXPECT_TRUE(RuleMatches(rule, "ObjectRemoved:Delete", "in/a.jpg"));
  EXPECT_FALSE(RuleMatches(rule, "ObjectRemoved:DeleteMarkerCreated", "in/a.jpg"));
  EXPECT_FALSE(RuleMatches(rule, "ObjectCreated:Put", "out/a.jpg"));
  EXPECT_FALSE(RuleMatches(rule, "ObjectCreated:Put", "in/a.png"));
  EXPECT_TRUE(ParseNotificationRules(Document::object()).empty());
}

}  // namespace
}  // namespace skybox::s3
