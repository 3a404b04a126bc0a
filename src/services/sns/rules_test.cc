#include <gtest/gtest.h>

#include "services/sns/publish_rules.h"
#include "services/sns/records.h"
#include "services/sns/subscription_rules.h"
#include "services/sns/tags.h"
#include "services/sns/topic_rules.h"

namespace skybox::services::sns {
namespace {

TEST(TopicRulesTest, Names) {
  EXPECT_TRUE(ValidateTopicName("orders-1_a", false).ok());
  EXPECT_EQ(ValidateTopicName("orders.fifo", false).message(), "Invalid parameter: Topic Name");
  EXPECT_EQ(ValidateTopicName("", false).aws_code(), "InvalidParameter");
  EXPECT_FALSE(ValidateTopicName(std::string(257, 'a'), false).ok());
  EXPECT_TRUE(ValidateTopicName("orders.fifo", true).ok());
  EXPECT_NE(ValidateTopicName("orders", true).message().find("must end with .fifo"), std::string::npos);
}

TEST(TopicRulesTest, Attributes) {
  EXPECT_TRUE(ValidateTopicAttribute("DisplayName", "x", true, false).ok());
  EXPECT_TRUE(ValidateTopicAttribute("SQSSuccessFeedbackRoleArn", "arn:aws:iam::1:role/x", false, false).ok());
  EXPECT_EQ(ValidateTopicAttribute("Color", "x", true, false).message(), "Invalid parameter: AttributeName");
  EXPECT_FALSE(ValidateTopicAttribute("SignatureVersion", "3", true, false).ok());
  EXPECT_FALSE(ValidateTopicAttribute("FifoTopic", "true", /*creating=*/false, true).ok());
  EXPECT_FALSE(ValidateTopicAttribute("ContentBasedDeduplication", "true", true, /*fifo=*/false).ok());
  EXPECT_TRUE(ValidateTopicAttribute("ContentBasedDeduplication", "true", true, true).ok());
  EXPECT_FALSE(ValidateTopicAttribute("Policy", "{", false, false).ok());
}

TEST(TopicRulesTest, DefaultPolicyAndArnParts) {
  std::string arn = "arn:aws:sns:us-east-1:000000000000:orders";
  auto policy = nlohmann::json::parse(DefaultTopicPolicy(arn, "000000000000"));
  EXPECT_EQ(policy["Statement"][0]["Resource"], arn);
  EXPECT_EQ(policy["Statement"][0]["Condition"]["StringEquals"]["AWS:SourceOwner"], "000000000000");
  EXPECT_EQ(ArnAccount(arn), "000000000000");
  EXPECT_EQ(ArnResource(arn), "orders");
  EXPECT_EQ(ArnAccount("nope"), "");
}

TEST(SubscriptionRulesTest, EndpointsPerProtocol) {
  EXPECT_TRUE(ValidateEndpoint("sqs", "arn:aws:sqs:us-east-1:000000000000:q").ok());
  EXPECT_EQ(ValidateEndpoint("sqs", "https://queue").message(), "Invalid parameter: SQS endpoint ARN");
  EXPECT_TRUE(ValidateEndpoint("http", "http://127.0.0.1:9/x").ok());
  EXPECT_FALSE(ValidateEndpoint("https", "http://127.0.0.1:9/x").ok());
  EXPECT_TRUE(ValidateEndpoint("email", "a@example.com").ok());
  EXPECT_FALSE(ValidateEndpoint("email", "example.com").ok());
  EXPECT_TRUE(ValidateEndpoint("sms", "+15555550100").ok());
  EXPECT_FALSE(ValidateEndpoint("sms", "call me").ok());
  EXPECT_TRUE(ValidateEndpoint("lambda", "arn:aws:lambda:us-east-1:000000000000:function:f").ok());
  EXPECT_TRUE(NeedsConfirmation("https"));
  EXPECT_FALSE(NeedsConfirmation("sqs"));
  EXPECT_FALSE(IsKnownProtocol("carrier-pigeon"));
}

TEST(SubscriptionRulesTest, Attributes) {
  EXPECT_TRUE(ValidateSubscriptionAttribute("RawMessageDelivery", "true", "sqs").ok());
  EXPECT_FALSE(ValidateSubscriptionAttribute("RawMessageDelivery", "true", "email").ok());
  EXPECT_FALSE(ValidateSubscriptionAttribute("DeliveryPolicy", "{}", "sqs").ok());
  EXPECT_TRUE(ValidateSubscriptionAttribute("DeliveryPolicy", "{}", "https").ok());
  EXPECT_FALSE(ValidateSubscriptionAttribute("FilterPolicyScope", "Body", "sqs").ok());
  EXPECT_TRUE(ValidateSubscriptionAttribute("RedrivePolicy",
                                            R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:0:dlq"})", "sqs").ok());
  EXPECT_FALSE(ValidateSubscriptionAttribute("RedrivePolicy", R"({"x":1})", "sqs").ok());
  EXPECT_EQ(ValidateSubscriptionAttribute("Bogus", "1", "sqs").message(), "Invalid parameter: AttributeName");
}

PublishedMessage Message(std::string text) {
  PublishedMessage m;
  m.message = std::move(text);
  return m;
}

TEST(PublishRulesTest, MessageLimits) {
  PublishedMessage empty = Message("");
  EXPECT_EQ(ValidatePublishedMessage(empty, false, false).message(), "Invalid parameter: Empty message");
  PublishedMessage large = Message(std::string(kMaxMessageBytes + 1, 'x'));
  EXPECT_EQ(ValidatePublishedMessage(large, false, false).message(), "Invalid parameter: Message too long");
  PublishedMessage subject = Message("x");
  subject.subject = "line\nbreak";
  EXPECT_EQ(ValidatePublishedMessage(subject, false, false).message(), "Invalid parameter: Subject");
}

TEST(PublishRulesTest, MessageStructureJsonNeedsDefault) {
  PublishedMessage m = Message(R"({"sqs":"q"})");
  m.message_structure = "json";
  EXPECT_NE(ValidatePublishedMessage(m, false, false).message().find("No default entry"), std::string::npos);
  m.message = R"({"default":"d","sqs":"q"})";
  EXPECT_TRUE(ValidatePublishedMessage(m, false, false).ok());
  EXPECT_EQ(MessageForProtocol(m.message, "json", "sqs"), "q");
  EXPECT_EQ(MessageForProtocol(m.message, "json", "http"), "d");
  EXPECT_EQ(MessageForProtocol(m.message, "", "http"), m.message);
}

TEST(PublishRulesTest, FifoNeedsGroupAndDeduplication) {
  PublishedMessage m = Message("x");
  EXPECT_NE(ValidatePublishedMessage(m, true, false).message().find("MessageGroupId"), std::string::npos);
  m.group_id = "g";
  EXPECT_NE(ValidatePublishedMessage(m, true, false).message().find("ContentBasedDeduplication"), std::string::npos);
  EXPECT_TRUE(ValidatePublishedMessage(m, true, true).ok());
  EXPECT_EQ(m.deduplication_id.size(), 64u);  // SHA-256 of the body
  PublishedMessage standard = Message("x");
  standard.deduplication_id = "d";
  EXPECT_FALSE(ValidatePublishedMessage(standard, false, false).ok());
}

TEST(PublishRulesTest, AttributeTypes) {
  PublishedMessage m = Message("x");
  m.attributes = {{"n", {{"DataType", "Number"}, {"StringValue", "abc"}}}};
  EXPECT_EQ(ValidatePublishedMessage(m, false, false).aws_code(), "ParameterValueInvalid");
  m.attributes = {{"n", {{"DataType", "Date"}, {"StringValue", "1"}}}};
  EXPECT_NE(ValidatePublishedMessage(m, false, false).message().find("supported type prefixes"), std::string::npos);
  m.attributes = {{"n", {{"DataType", "String"}, {"StringValue", ""}}}};
  EXPECT_FALSE(ValidatePublishedMessage(m, false, false).ok());
  m.attributes = {{"n", {{"DataType", "Number.int"}, {"StringValue", "12"}}},
                  {"a", {{"DataType", "String.Array"}, {"StringValue", R"(["x",1])"}}},
                  {"b", {{"DataType", "Binary"}, {"BinaryValue", "AAE="}}},
                  {"s", {{"DataType", "String"}, {"StringValue", "v"}}}};
  EXPECT_TRUE(ValidatePublishedMessage(m, false, false).ok());
  nlohmann::json seen = FilterPolicyAttributes(m.attributes);
  EXPECT_EQ(seen["n"], 12.0);
  EXPECT_EQ(seen["a"], nlohmann::json::parse(R"(["x",1])"));
  EXPECT_EQ(seen["s"], "v");
  EXPECT_FALSE(seen.contains("b"));
}

TEST(TagsTest, FiftyTagsAtMost) {
  TagMap tags;
  TagMap more;
  for (int i = 0; i < 50; ++i) more["k" + std::to_string(i)] = "v";
  EXPECT_TRUE(MergeTags(tags, more).ok());
  EXPECT_EQ(MergeTags(tags, {{"one-more", "v"}}).aws_code(), "TagLimitExceeded");
  EXPECT_EQ(tags.size(), 50u);
  EXPECT_TRUE(MergeTags(tags, {{"k1", "changed"}}).ok());
  EXPECT_EQ(tags["k1"], "changed");
}

TEST(RecordsTest, RoundTrip) {
  Topic t;
  t.arn = "arn:aws:sns:us-east-1:0:t.fifo";
  t.fifo = true;
  t.attributes = {{"DisplayName", "d"}};
  t.tags = {{"k", "v"}};
  t.subscriptions_deleted = 3;
  auto back = DecodeTopic(EncodeTopic(t));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->arn, t.arn);
  EXPECT_TRUE(back->fifo);
  EXPECT_EQ(back->attributes, t.attributes);
  EXPECT_EQ(back->tags, t.tags);
  EXPECT_EQ(back->subscriptions_deleted, 3u);
  Subscription s;
  s.arn = t.arn + ":id";
  s.topic_arn = t.arn;
  s.protocol = "https";
  s.endpoint = "https://x";
  s.pending_confirmation = true;
  s.token = "tok";
  auto sb = DecodeSubscription(EncodeSubscription(s));
  ASSERT_TRUE(sb);
  EXPECT_EQ(sb->token, "tok");
  EXPECT_TRUE(sb->pending_confirmation);
  EXPECT_FALSE(DecodeTopic("{}"));
}

}  // namespace
}  // namespace skybox::services::sns
