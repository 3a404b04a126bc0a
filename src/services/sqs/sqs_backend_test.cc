// The service's handlers against an in-memory store: the message lifecycle and the overlay's
// guarantee that concurrent receivers never get the same message.
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include "services/sqs/sqs_service_fixture.h"

namespace skybox::services {
namespace {

TEST_F(SqsServiceTest, SendReceiveDelete) {
  auto url = Call("CreateQueue", {{"QueueName", "q"}});
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  std::string q = (*url)["QueueUrl"];
  auto sent = Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "hello"}});
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ((*sent)["MD5OfMessageBody"], "5d41402abc4b2a76b9719d911017c592");
  auto got = Call("ReceiveMessage", {{"QueueUrl", q}, {"AttributeNames", {"All"}}});
  ASSERT_TRUE(got.ok());
  ASSERT_EQ((*got)["Messages"].size(), 1u);
  const auto& m = (*got)["Messages"][0];
  EXPECT_EQ(m["Body"], "hello");
  EXPECT_EQ(m["Attributes"]["ApproximateReceiveCount"], "1");
  // In flight: a second receive gets nothing.
  auto none = Call("ReceiveMessage", {{"QueueUrl", q}});
  EXPECT_FALSE(none->contains("Messages"));
  ASSERT_TRUE(Call("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", m["ReceiptHandle"]}}).ok());
  ASSERT_TRUE(Call("ChangeMessageVisibility", {{"QueueUrl", q}, {"ReceiptHandle", m["ReceiptHandle"]}, {"VisibilityTimeout", 0}})
                  .status().aws_code() == "MessageNotInflight");
  auto bad = Call("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", "nonsense"}});
  EXPECT_EQ(bad.status().aws_code(), "ReceiptHandleIsInvalid");
}

TEST_F(SqsServiceTest, VisibilityZeroMakesTheMessageReceivableAgain) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "v"}}))["QueueUrl"];
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "x"}});
  auto first = Call("ReceiveMessage", {{"QueueUrl", q}});
  std::string handle = (*first)["Messages"][0]["ReceiptHandle"];
  ASSERT_TRUE(Call("ChangeMessageVisibility", {{"QueueUrl", q}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 0}}).ok());
  auto second = Call("ReceiveMessage", {{"QueueUrl", q}, {"AttributeNames", {"ApproximateReceiveCount"}}});
  ASSERT_EQ((*second)["Messages"].size(), 1u);
  EXPECT_EQ((*second)["Messages"][0]["Attributes"]["ApproximateReceiveCount"], "2");
}

TEST_F(SqsServiceTest, ConcurrentReceiversNeverShareAMessage) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "c"}}))["QueueUrl"];
  constexpr int kMessages = 200;
  for (int i = 0; i < kMessages; i += 10) {
    aws::Document entries = aws::Document::array();
    for (int j = 0; j < 10; ++j) entries.push_back({{"Id", "e" + std::to_string(j)}, {"MessageBody", std::to_string(i + j)}});
    ASSERT_TRUE(Call("SendMessageBatch", {{"QueueUrl", q}, {"Entries", entries}}).ok());
  }
  std::mutex mu;
  std::multiset<std::string> seen;
  auto worker = [&] {
    for (;;) {
      auto r = Call("ReceiveMessage", {{"QueueUrl", q}, {"MaxNumberOfMessages", 10}});
      if (!r.ok() || !r->contains("Messages")) return;
      std::lock_guard l(mu);
      for (const auto& m : (*r)["Messages"]) seen.insert(m["Body"].get<std::string>());
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  EXPECT_EQ(seen.size(), static_cast<size_t>(kMessages));
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), static_cast<size_t>(kMessages));
}

TEST_F(SqsServiceTest, FifoGroupIsBlockedWhileInFlight) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "f.fifo"},
                                         {"Attributes", {{"FifoQueue", "true"}, {"ContentBasedDeduplication", "true"}}}}))["QueueUrl"];
  for (const char* body : {"a1", "a2", "b1"}) {
    std::string group(1, body[0]);
    ASSERT_TRUE(Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", body}, {"MessageGroupId", group}}).ok());
  }
  auto dup = Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "a1"}, {"MessageGroupId", "a"}});
  ASSERT_TRUE(dup.ok());
  auto first = Call("ReceiveMessage", {{"QueueUrl", q}});
  EXPECT_EQ((*first)["Messages"][0]["Body"], "a1");
  auto second = Call("ReceiveMessage", {{"QueueUrl", q}, {"MaxNumberOfMessages", 10}});
  ASSERT_EQ((*second)["Messages"].size(), 1u);
  EXPECT_EQ((*second)["Messages"][0]["Body"], "b1");
}

TEST_F(SqsServiceTest, ScanStartSkipsConsumedEntriesButNeverLiveOnes) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "hint"}}))["QueueUrl"];
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 30; ++i) Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", std::to_string(i)}});
    int received = 0;
    for (;;) {
      auto r = Call("ReceiveMessage", {{"QueueUrl", q}, {"MaxNumberOfMessages", 10}});
      if (!r->contains("Messages")) break;
      for (const auto& m : (*r)["Messages"]) {
        ++received;
        // Every third message goes back to visible: it must be found again although the
        // scan start has moved past its old position.
        if (m["Body"].get<std::string>() == "0") {
          Call("ChangeMessageVisibility", {{"QueueUrl", q}, {"ReceiptHandle", m["ReceiptHandle"]}, {"VisibilityTimeout", 0}});
        } else {
          Call("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", m["ReceiptHandle"]}});
        }
      }
      if (received > 1000) break;
    }
    // "0" keeps coming back until deleted; drain it.
    auto last = Call("ReceiveMessage", {{"QueueUrl", q}});
    if (last->contains("Messages")) {
      Call("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", (*last)["Messages"][0]["ReceiptHandle"]}});
    }
    EXPECT_GE(received, 30);
  }
}

TEST_F(SqsServiceTest, DeadLetterMovesAreReceivableFromTheTarget) {
  std::string dlq = (*Call("CreateQueue", {{"QueueName", "dead"}}))["QueueUrl"];
  // Consume from the dead-letter queue first so its scan start moves forward.
  Call("ReceiveMessage", {{"QueueUrl", dlq}});
  std::string src = (*Call("CreateQueue", {{"QueueName", "src"},
                                           {"Attributes", {{"VisibilityTimeout", "0"},
                                                           {"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dead","maxReceiveCount":1})"}}}}))["QueueUrl"];
  Call("SendMessage", {{"QueueUrl", src}, {"MessageBody", "poison"}});
  ASSERT_TRUE(Call("ReceiveMessage", {{"QueueUrl", src}})->contains("Messages"));
  EXPECT_FALSE(Call("ReceiveMessage", {{"QueueUrl", src}})->contains("Messages"));
  auto moved = Call("ReceiveMessage", {{"QueueUrl", dlq}, {"MessageSystemAttributeNames", {"DeadLetterQueueSourceArn"}}});
  ASSERT_TRUE(moved->contains("Messages"));
  EXPECT_EQ((*moved)["Messages"][0]["Body"], "poison");
  EXPECT_EQ((*moved)["Messages"][0]["Attributes"]["DeadLetterQueueSourceArn"], "arn:aws:sqs:us-east-1:000000000000:src");
}

TEST_F(SqsServiceTest, VisibilityDelayAndRetentionFollowTheClock) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "clock"},
                                         {"Attributes", {{"MessageRetentionPeriod", "60"}, {"VisibilityTimeout", "30"}}}}))["QueueUrl"];
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "delayed"}, {"DelaySeconds", 10}});
  EXPECT_FALSE(Call("ReceiveMessage", {{"QueueUrl", q}})->contains("Messages"));
  auto counts = Call("GetQueueAttributes", {{"QueueUrl", q}, {"AttributeNames", {"All"}}});
  EXPECT_EQ((*counts)["Attributes"]["ApproximateNumberOfMessagesDelayed"], "1");
  now_ms_ += 10'000;
  ASSERT_TRUE(Call("ReceiveMessage", {{"QueueUrl", q}})->contains("Messages"));
  counts = Call("GetQueueAttributes", {{"QueueUrl", q}, {"AttributeNames", {"All"}}});
  EXPECT_EQ((*counts)["Attributes"]["ApproximateNumberOfMessagesNotVisible"], "1");
  now_ms_ += 29'999;
  EXPECT_FALSE(Call("ReceiveMessage", {{"QueueUrl", q}})->contains("Messages"));
  now_ms_ += 1;
  auto again = Call("ReceiveMessage", {{"QueueUrl", q}, {"MessageSystemAttributeNames", {"ApproximateReceiveCount", "SentTimestamp"}}});
  ASSERT_TRUE(again->contains("Messages"));
  EXPECT_EQ((*again)["Messages"][0]["Attributes"]["ApproximateReceiveCount"], "2");
  EXPECT_EQ((*again)["Messages"][0]["Attributes"]["SentTimestamp"], "1700000000000");
  // Past the retention period (60 s after it was sent) the message is gone for good.
  now_ms_ += 30'000;
  EXPECT_FALSE(Call("ReceiveMessage", {{"QueueUrl", q}})->contains("Messages"));
  now_ms_ += 60'000;
  EXPECT_FALSE(Call("ReceiveMessage", {{"QueueUrl", q}})->contains("Messages"));
  counts = Call("GetQueueAttributes", {{"QueueUrl", q}, {"AttributeNames", {"All"}}});
  EXPECT_EQ((*counts)["Attributes"]["ApproximateNumberOfMessages"], "0");
  EXPECT_EQ((*counts)["Attributes"]["ApproximateNumberOfMessagesNotVisible"], "0");
}

}  // namespace
}  // namespace skybox::services
