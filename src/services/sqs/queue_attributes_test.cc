#include "services/sqs/queue_attributes.h"

#include <gtest/gtest.h>

namespace skybox::services::sqs {
namespace {

TEST(QueueAttributesTest, DefaultsMatchAws) {
  AttributeMap a = DefaultAttributes(false);
  EXPECT_EQ(a["VisibilityTimeout"], "30");
  EXPECT_EQ(a["MessageRetentionPeriod"], "345600");
  EXPECT_EQ(a["MaximumMessageSize"], "1048576");
  EXPECT_EQ(a.count("FifoQueue"), 0u);
  AttributeMap f = DefaultAttributes(true);
  EXPECT_EQ(f["FifoQueue"], "true");
  EXPECT_EQ(f["DeduplicationScope"], "queue");
}

TEST(QueueAttributesTest, RangesAreEnforcedWithAwsErrors) {
  auto bad = ValidateAttributes({{"VisibilityTimeout", "43201"}}, false, true);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().aws_code(), "InvalidAttributeValue");
  EXPECT_EQ(bad.status().message(), "Invalid value for the parameter VisibilityTimeout.");
  EXPECT_FALSE(ValidateAttributes({{"DelaySeconds", "abc"}}, false, true).ok());
  EXPECT_FALSE(ValidateAttributes({{"MaximumMessageSize", "1023"}}, false, true).ok());
  auto ok = ValidateAttributes({{"DelaySeconds", "900"}, {"MessageRetentionPeriod", "60"}}, false, true);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ((*ok)["DelaySeconds"], "900");
}

TEST(QueueAttributesTest, UnknownReadOnlyAndFifoOnlyNames) {
  auto ro = ValidateAttributes({{"QueueArn", "x"}}, false, true);
  EXPECT_EQ(ro.status().aws_code(), "InvalidAttributeName");
  EXPECT_EQ(ro.status().message(), "Unknown Attribute QueueArn.");
  EXPECT_EQ(ValidateAttributes({{"ContentBasedDeduplication", "true"}}, false, true).status().aws_code(),
            "InvalidAttributeName");
  EXPECT_TRUE(ValidateAttributes({{"ContentBasedDeduplication", "True"}}, true, true).ok());
  EXPECT_EQ(ValidateAttributes({{"FifoQueue", "true"}}, true, false).status().aws_code(), "InvalidAttributeName");
}

TEST(QueueAttributesTest, RedrivePolicyIsValidatedAndNormalized) {
  auto ok = ValidateAttributes(
      {{"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"3"})"}},
      false, false);
  ASSERT_TRUE(ok.ok());
  auto policy = ParseRedrivePolicy((*ok)["RedrivePolicy"]);
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->max_receive_count, 3);
  EXPECT_EQ(policy->dead_letter_target_arn, "arn:aws:sqs:us-east-1:000000000000:dlq");

  auto not_json = ValidateAttributes({{"RedrivePolicy", "nope"}}, false, false);
  EXPECT_EQ(not_json.status().aws_code(), "InvalidParameterValue");
  EXPECT_NE(not_json.status().message().find("Redrive policy is not a valid JSON map."), std::string::npos);
  auto zero = ValidateAttributes({{"RedrivePolicy", R"({"deadLetterTargetArn":"a","maxReceiveCount":0})"}}, false, false);
  EXPECT_NE(zero.status().message().find("valid values are from 1 to 1000"), std::string::npos);
  EXPECT_TRUE(ValidateAttributes({{"RedrivePolicy", ""}}, false, false).ok());
}

TEST(QueueAttributesTest, RedriveAllowPolicy) {
  EXPECT_TRUE(ValidateAttributes({{"RedriveAllowPolicy", R"({"redrivePermission":"allowAll"})"}}, false, false).ok());
  EXPECT_FALSE(ValidateAttributes({{"RedriveAllowPolicy", R"({"redrivePermission":"byQueue"})"}}, false, false).ok());
  EXPECT_FALSE(ValidateAttributes(
                   {{"RedriveAllowPolicy", R"({"redrivePermission":"allowAll","sourceQueueArns":["a"]})"}}, false, false)
                   .ok());
  auto p = ParseRedriveAllowPolicy(R"({"redrivePermission":"byQueue","sourceQueueArns":["arn:a"]})");
  EXPECT_TRUE(AllowsSource(p, "arn:a"));
  EXPECT_FALSE(AllowsSource(p, "arn:b"));
  EXPECT_FALSE(AllowsSource(ParseRedriveAllowPolicy(R"({"redrivePermission":"denyAll"})"), "arn:a"));
  EXPECT_TRUE(AllowsSource(ParseRedriveAllowPolicy(""), "arn:a"));
}

TEST(QueueAttributesTest, AllExpandsByQueueType) {
  auto standard = ExpandAttributeNames(aws::Document::array({"All"}), false).value();
  EXPECT_EQ(std::count(standard.begin(), standard.end(), "FifoQueue"), 0);
  EXPECT_EQ(std::count(standard.begin(), standard.end(), "QueueArn"), 1);
  auto fifo = ExpandAttributeNames(aws::Document::array({"All", "QueueArn"}), true).value();
  EXPECT_EQ(std::count(fifo.begin(), fifo.end(), "FifoQueue"), 1);
  EXPECT_EQ(std::count(fifo.begin(), fifo.end(), "QueueArn"), 1);
}

TEST(QueueAttributesTest, UnknownAttributeNameIsRejected) {
  auto unknown = ExpandAttributeNames(aws::Document::array({"VisibilityTimeout", "Bogus"}), false);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().aws_code(), "InvalidAttributeName");
  EXPECT_EQ(unknown.status().message(), "Unknown Attribute Bogus.");
}

}  // namespace
}  // namespace skybox::services::sqs
