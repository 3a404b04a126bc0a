#include "services/events/routing.h"

#include <gtest/gtest.h>

namespace skybox::services::events {
namespace {

RuleRecord RuleWith(nlohmann::json targets, std::string bus = kDefaultBus) {
  RuleRecord rule;
  rule.account = "000000000000";
  rule.bus = std::move(bus);
  rule.name = "orders";
  rule.targets = std::move(targets);
  return rule;
}

TEST(RoutingTest, OneEnvelopePerTargetWithInputAndDefaults) {
  RuleRecord rule = RuleWith({{{"Id", "a"}, {"Arn", "arn:aws:sqs:us-east-1:000000000000:q1"}},
                              {{"Id", "b"}, {"Arn", "arn:aws:sns:us-east-1:000000000000:t"}, {"InputPath", "$.detail"}}});
  auto out = RuleDeliveries(rule, "us-east-1", R"({"id":"e1","detail":{"x":1}})", "e1", 0);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].target, "arn:aws:sqs:us-east-1:000000000000:q1");
  EXPECT_EQ(out[0].body, R"({"id":"e1","detail":{"x":1}})");
  EXPECT_EQ(out[0].source_arn, "arn:aws:events:us-east-1:000000000000:rule/orders");
  EXPECT_EQ(out[0].retry.max_attempts, 185u);
  EXPECT_EQ(out[0].retry.max_age_ms, 86'400'000);
  EXPECT_EQ(out[0].retry.backoff, delivery::Backoff::kExponential);
  EXPECT_TRUE(out[0].dead_letter_target.empty());
  EXPECT_EQ(out[1].body, R"({"x":1})");
}

TEST(RoutingTest, RetryPolicyDeadLetterAndFifo) {
  RuleRecord rule = RuleWith({{{"Id", "a"},
                               {"Arn", "arn:aws:sqs:us-east-1:000000000000:q.fifo"},
                               {"RetryPolicy", {{"MaximumRetryAttempts", 3}, {"MaximumEventAgeInSeconds", 60}}},
                               {"DeadLetterConfig", {{"Arn", "arn:aws:sqs:us-east-1:000000000000:dlq"}}},
                               {"SqsParameters", {{"MessageGroupId", "g1"}}}}},
                             "custom");
  auto out = RuleDeliveries(rule, "us-east-1", "{}", "e1", 0);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].retry.max_attempts, 4u);
  EXPECT_EQ(out[0].retry.max_age_ms, 60'000);
  EXPECT_EQ(out[0].dead_letter_target, "arn:aws:sqs:us-east-1:000000000000:dlq");
  EXPECT_EQ(out[0].group_id, "g1");
  EXPECT_EQ(out[0].deduplication_id, "e1");
  EXPECT_EQ(out[0].source_arn, "arn:aws:events:us-east-1:000000000000:rule/custom/orders");
}

TEST(RoutingTest, BusArns) {
  EXPECT_EQ(BusArn("eu-west-1", "123", "default"), "arn:aws:events:eu-west-1:123:event-bus/default");
  auto ref = ParseBusArn("arn:aws:events:us-east-1:000000000000:event-bus/orders");
  ASSERT_TRUE(ref.has_value());
  EXPECT_EQ(ref->account, "000000000000");
  EXPECT_EQ(ref->name, "orders");
  EXPECT_FALSE(ParseBusArn("arn:aws:events:us-east-1:000000000000:rule/x").has_value());
  EXPECT_EQ(BusNameOf(""), "default");
  EXPECT_EQ(BusNameOf("arn:aws:events:us-east-1:000000000000:event-bus/x"), "x");
  EXPECT_EQ(BusNameOf("x"), "x");
}

TEST(RoutingTest, RecordsRoundTrip) {
  RuleRecord rule = RuleWith({{{"Id", "a"}, {"Arn", "arn:x"}}});
  rule.event_pattern = R"({"source":["a"]})";
  rule.next_fire_ms = 42;
  rule.tags = {{"k", "v"}};
  auto back = DecodeRule(EncodeRule(rule));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->event_pattern, rule.event_pattern);
  EXPECT_EQ(back->targets, rule.targets);
  EXPECT_EQ(back->next_fire_ms, 42);
  EXPECT_EQ(back->tags, rule.tags);
  EXPECT_FALSE(DecodeRule("not json").has_value());
}

}  // namespace
}  // namespace skybox::services::events
