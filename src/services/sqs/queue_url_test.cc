#include "services/sqs/queue_url.h"

#include <gtest/gtest.h>

namespace skybox::services::sqs {
namespace {

TEST(QueueUrlTest, MakesUrlsFromTheRequestHost) {
  EXPECT_EQ(MakeQueueUrl("127.0.0.1:4566", "000000000000", "jobs"), "http://127.0.0.1:4566/000000000000/jobs");
}

TEST(QueueUrlTest, AcceptsEveryFormClientsSend) {
  for (const char* url : {"http://127.0.0.1:4566/000000000000/jobs", "http://localhost:4566/000000000000/jobs",
                          "https://sqs.us-east-1.amazonaws.com/000000000000/jobs",
                          "http://sqs.eu-west-1.localhost.localstack.cloud:4566/000000000000/jobs",
                          "http://localhost:4566/queue/us-east-1/000000000000/jobs", "/000000000000/jobs"}) {
    auto ref = ParseQueueUrl(url);
    ASSERT_TRUE(ref) << url;
    EXPECT_EQ(ref->account_id, "000000000000") << url;
    EXPECT_EQ(ref->name, "jobs") << url;
  }
}

TEST(QueueUrlTest, RejectsUrlsWithoutAccountAndName) {
  EXPECT_FALSE(ParseQueueUrl("http://localhost:4566/"));
  EXPECT_FALSE(ParseQueueUrl("http://localhost:4566/jobs"));
  EXPECT_FALSE(ParseQueueUrl("http://localhost:4566/notanaccount/jobs"));
  EXPECT_FALSE(ParseQueueUrl("http://localhost:4566/000000000000/bad name"));
}

TEST(QueueUrlTest, QueueNameRules) {
  EXPECT_TRUE(IsValidQueueName("a"));
  EXPECT_TRUE(IsValidQueueName("Jobs_1-x"));
  EXPECT_TRUE(IsValidQueueName(std::string(80, 'a')));
  EXPECT_FALSE(IsValidQueueName(std::string(81, 'a')));
  EXPECT_TRUE(IsValidQueueName(std::string(75, 'a') + ".fifo"));
  EXPECT_FALSE(IsValidQueueName(std::string(76, 'a') + ".fifo"));
  EXPECT_FALSE(IsValidQueueName(""));
  EXPECT_FALSE(IsValidQueueName(".fifo"));
  EXPECT_FALSE(IsValidQueueName("a.b"));
  EXPECT_TRUE(HasFifoSuffix("x.fifo"));
  EXPECT_FALSE(HasFifoSuffix("fifo"));
}

TEST(QueueUrlTest, ArnsRoundTrip) {
  std::string arn = QueueArn("us-east-1", "000000000000", "dlq");
  EXPECT_EQ(arn, "arn:aws:sqs:us-east-1:000000000000:dlq");
  auto ref = ParseQueueArn(arn);
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->name, "dlq");
  EXPECT_FALSE(ParseQueueArn("arn:aws:sns:us-east-1:000000000000:topic"));
  EXPECT_FALSE(ParseQueueArn("garbage"));
}

}  // namespace
}  // namespace skybox::services::sqs
