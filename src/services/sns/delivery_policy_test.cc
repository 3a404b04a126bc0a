#include "services/sns/delivery_policy.h"

#include <gtest/gtest.h>

namespace skybox::services::sns {
namespace {

TEST(DeliveryPolicyTest, DefaultIsThreeRetriesTwentySecondsApart) {
  delivery::RetryPolicy p = HttpRetryPolicy("", "");
  EXPECT_EQ(p.max_attempts, 4u);
  EXPECT_EQ(p.min_delay_ms, 20000);
  EXPECT_EQ(p.max_delay_ms, 20000);
  EXPECT_EQ(p.backoff, delivery::Backoff::kLinear);
  EXPECT_EQ(HttpContentType("", ""), "text/plain; charset=UTF-8");
}

TEST(DeliveryPolicyTest, SubscriptionPolicyMapsPhasesOneToOne) {
  std::string sub = R"({"healthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":5,"numRetries":6,
      "numNoDelayRetries":1,"numMinDelayRetries":2,"numMaxDelayRetries":1,"backoffFunction":"exponential"},
      "requestPolicy":{"headerContentType":"application/json"}})";
  ASSERT_TRUE(ValidateSubscriptionDeliveryPolicy(sub).ok());
  delivery::RetryPolicy p = HttpRetryPolicy("", sub);
  EXPECT_EQ(p.max_attempts, 7u);
  EXPECT_EQ(p.immediate_retries, 1u);
  EXPECT_EQ(p.min_delay_retries, 2u);
  EXPECT_EQ(p.max_delay_retries, 1u);
  EXPECT_EQ(p.min_delay_ms, 1000);
  EXPECT_EQ(p.max_delay_ms, 5000);
  EXPECT_EQ(p.backoff, delivery::Backoff::kExponential);
  EXPECT_EQ(HttpContentType("", sub), "application/json");
}

TEST(DeliveryPolicyTest, TopicCanForbidSubscriptionOverrides) {
  std::string topic = R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":2,"maxDelayTarget":2,"numRetries":1},
      "disableSubscriptionOverrides":true}})";
  ASSERT_TRUE(ValidateTopicDeliveryPolicy(topic).ok());
  std::string sub = R"({"healthyRetryPolicy":{"numRetries":9}})";
  delivery::RetryPolicy p = HttpRetryPolicy(topic, sub);
  EXPECT_EQ(p.max_attempts, 2u);
  EXPECT_EQ(p.min_delay_ms, 2000);
  auto effective = EffectiveTopicPolicy(topic);
  EXPECT_EQ(effective["http"]["defaultHealthyRetryPolicy"]["numRetries"], 1);
  EXPECT_EQ(effective["http"]["defaultRequestPolicy"]["headerContentType"], "text/plain; charset=UTF-8");
}

TEST(DeliveryPolicyTest, SubscriptionPolicyOverridesTheTopicsFieldByField) {
  std::string topic = R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":1,"maxDelayTarget":1,"numRetries":3}}})";
  std::string sub = R"({"healthyRetryPolicy":{"numRetries":2}})";
  delivery::RetryPolicy p = HttpRetryPolicy(topic, sub);
  EXPECT_EQ(p.max_attempts, 3u);
  EXPECT_EQ(p.min_delay_ms, 1000) << "the delays the subscription leaves out are the topic's";
  EXPECT_EQ(p.max_delay_ms, 1000);
}

TEST(DeliveryPolicyTest, RequestPolicyMustBeAnObjectWithAStringContentType) {
  EXPECT_FALSE(ValidateTopicDeliveryPolicy(R"({"http":{"defaultRequestPolicy":"x"}})").ok());
  EXPECT_FALSE(ValidateSubscriptionDeliveryPolicy(R"({"requestPolicy":{"headerContentType":5}})").ok());
  EXPECT_EQ(HttpContentType(R"({"http":{"defaultRequestPolicy":"x"}})", ""), "text/plain; charset=UTF-8");
}

TEST(DeliveryPolicyTest, RejectsInconsistentPolicies) {
  auto bad = [](std::string_view p) { return ValidateSubscriptionDeliveryPolicy(p); };
  EXPECT_EQ(bad("not json").aws_code(), "InvalidParameter");
  EXPECT_FALSE(bad(R"({"healthyRetryPolicy":{"minDelayTarget":30,"maxDelayTarget":20}})").ok());
  EXPECT_FALSE(bad(R"({"healthyRetryPolicy":{"numRetries":101}})").ok());
  EXPECT_FALSE(bad(R"({"healthyRetryPolicy":{"numRetries":1,"numNoDelayRetries":2}})").ok());
  EXPECT_FALSE(bad(R"({"healthyRetryPolicy":{"backoffFunction":"cubic"}})").ok());
  EXPECT_TRUE(bad(R"({"healthyRetryPolicy":{"numRetries":0}})").ok());
  EXPECT_NE(bad(R"({"healthyRetryPolicy":{"minDelayTarget":0}})").message().find("DeliveryPolicy"),
            std::string::npos);
}

}  // namespace
}  // namespace skybox::services::sns
