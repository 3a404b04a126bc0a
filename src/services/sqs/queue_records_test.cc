// The queues' side records across a restart of the service on the same store: FIFO
// deduplication, receive attempts, the PurgeQueue window, QueueDeletedRecently, message
// counts and move tasks; and the sweep of expired records.
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "services/sqs/keys.h"
#include "services/sqs/sqs_service_fixture.h"

namespace skybox::services {
namespace {

class SqsQueueRecordsTest : public SqsServiceTest {
 protected:
  std::string Fifo(const std::string& name) {
    return (*Call("CreateQueue", {{"QueueName", name}, {"Attributes", {{"FifoQueue", "true"}}}}))["QueueUrl"];
  }
  std::map<std::string, std::string> Counts(const std::string& url) {
    auto r = Call("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::map<std::string, std::string> out;
    for (const char* n : {"ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
                          "ApproximateNumberOfMessagesDelayed"}) {
      out[n] = (*r)["Attributes"][n];
    }
    return out;
  }
  // How many sqs_state records of `kind` the store holds.
  size_t StoredRecords(sqs::QueueRecordKind kind) {
    auto ns = store_->OpenNamespace("sqs_state");
    size_t n = 0;
    auto it = store_->NewIterator(*ns);
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      auto ref = sqs::ParseQueueRecordKey(it->key());
      if (ref && ref->kind == kind) ++n;
    }
    return n;
  }
};

TEST_F(SqsQueueRecordsTest, FifoDeduplicationHoldsAcrossRestartForFiveMinutes) {
  std::string q = Fifo("dedup.fifo");
  aws::Document send = {{"QueueUrl", q}, {"MessageBody", "x"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "d1"}};
  auto first = Call("SendMessage", send);
  ASSERT_TRUE(first.ok());
  Restart();
  now_ms_ += 299'999;
  auto again = Call("SendMessage", send);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)["MessageId"], (*first)["MessageId"]);
  EXPECT_EQ((*again)["SequenceNumber"], (*first)["SequenceNumber"]);
  EXPECT_EQ(Counts(q)["ApproximateNumberOfMessages"], "1");
  now_ms_ += 1;
  auto later = Call("SendMessage", send);
  ASSERT_TRUE(later.ok());
  EXPECT_NE((*later)["MessageId"], (*first)["MessageId"]);
  EXPECT_EQ(Counts(q)["ApproximateNumberOfMessages"], "2");
}

TEST_F(SqsQueueRecordsTest, ExpiredDeduplicationRecordsAreSwept) {
  std::string q = Fifo("sweep.fifo");
  for (const char* id : {"a", "b", "c"}) {
    Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "x"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", id}});
  }
  EXPECT_EQ(StoredRecords(sqs::QueueRecordKind::kDeduplication), 3u);
  now_ms_ += 300'000;
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "x"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "d"}});
  EXPECT_EQ(StoredRecords(sqs::QueueRecordKind::kDeduplication), 1u);
  now_ms_ += 300'000;
  Restart();  // expired at open: swept there
  EXPECT_EQ(StoredRecords(sqs::QueueRecordKind::kDeduplication), 0u);
}

TEST_F(SqsQueueRecordsTest, ReceiveAttemptAnswersTheSameAfterRestart) {
  std::string q = Fifo("attempt.fifo");
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "x"}, {"MessageGroupId", "g"}, {"MessageDeduplicationId", "1"}});
  aws::Document receive = {{"QueueUrl", q}, {"ReceiveRequestAttemptId", "try-1"}};
  auto first = Call("ReceiveMessage", receive);
  ASSERT_EQ((*first)["Messages"].size(), 1u);
  Restart();
  auto retry = Call("ReceiveMessage", receive);
  ASSERT_TRUE(retry->contains("Messages"));
  EXPECT_EQ((*retry)["Messages"][0]["ReceiptHandle"], (*first)["Messages"][0]["ReceiptHandle"]);
  now_ms_ += 30'000;  // the visibility timeout: the attempt has expired
  auto fresh = Call("ReceiveMessage", receive);
  ASSERT_TRUE(fresh->contains("Messages"));
  EXPECT_NE((*fresh)["Messages"][0]["ReceiptHandle"], (*first)["Messages"][0]["ReceiptHandle"]);
}

TEST_F(SqsQueueRecordsTest, PurgeWindowHoldsAcrossRestart) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "purge"}}))["QueueUrl"];
  ASSERT_TRUE(Call("PurgeQueue", {{"QueueUrl", q}}).ok());
  Restart();
  now_ms_ += 59'999;
  auto again = Call("PurgeQueue", {{"QueueUrl", q}});
  EXPECT_EQ(again.status().aws_code(), "PurgeQueueInProgress");
  EXPECT_EQ(again.status().message(), "Only one PurgeQueue operation on purge is allowed every 60 seconds.");
  now_ms_ += 1;
  EXPECT_TRUE(Call("PurgeQueue", {{"QueueUrl", q}}).ok());
}

TEST_F(SqsQueueRecordsTest, QueueDeletedRecentlyHoldsSixtySecondsAcrossRestart) {
  std::string q = (*Call("CreateQueue", {{"QueueName", "gone"}}))["QueueUrl"];
  ASSERT_TRUE(Call("DeleteQueue", {{"QueueUrl", q}}).ok());
  auto create = Call("CreateQueue", {{"QueueName", "gone"}});
  EXPECT_EQ(create.status().aws_code(), "QueueDeletedRecently");
  EXPECT_EQ(create.status().http_status(), 400);
  EXPECT_EQ(create.status().message(),
            "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
  EXPECT_TRUE(Call("CreateQueue", {{"QueueName", "other"}}).ok());
  Restart();
  now_ms_ += 59'999;
  EXPECT_EQ(Call("CreateQueue", {{"QueueName", "gone"}}).status().aws_code(), "QueueDeletedRecently");
  now_ms_ += 1;
  ASSERT_TRUE(Call("CreateQueue", {{"QueueName", "gone"}}).ok());
  // The new queue starts empty and is not "deleted" any more after a restart.
  Restart();
  EXPECT_EQ(Counts(q)["ApproximateNumberOfMessages"], "0");
}

TEST_F(SqsQueueRecordsTest, CountsFollowEveryChangeAndSurviveRestart) {
  std::string dlq = (*Call("CreateQueue", {{"QueueName", "counts-dlq"}}))["QueueUrl"];
  std::string q = (*Call("CreateQueue", {{"QueueName", "counts"},
                                         {"Attributes", {{"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:counts-dlq","maxReceiveCount":1})"}}}}))["QueueUrl"];
  for (int i = 0; i < 6; ++i) Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", std::to_string(i)}});
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "later"}, {"DelaySeconds", 60}});
  auto got = Call("ReceiveMessage", {{"QueueUrl", q}, {"MaxNumberOfMessages", 3}});
  ASSERT_EQ((*got)["Messages"].size(), 3u);
  Call("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", (*got)["Messages"][0]["ReceiptHandle"]}});
  using Counts3 = std::map<std::string, std::string>;
  auto expect = [](const std::string& visible, const std::string& in_flight, const std::string& delayed) {
    return Counts3{{"ApproximateNumberOfMessages", visible},
                   {"ApproximateNumberOfMessagesNotVisible", in_flight},
                   {"ApproximateNumberOfMessagesDelayed", delayed}};
  };
  EXPECT_EQ(Counts(q), expect("3", "2", "1"));
  Restart();
  EXPECT_EQ(Counts(q), expect("3", "2", "1"));
  // The two in flight come back after 30 s and, received again, move to the dead-letter queue.
  now_ms_ += 30'000;
  EXPECT_EQ(Counts(q), expect("5", "0", "1"));
  Call("ReceiveMessage", {{"QueueUrl", q}, {"MaxNumberOfMessages", 10}});
  EXPECT_EQ(Counts(dlq), expect("2", "0", "0"));
  EXPECT_EQ(Counts(q), expect("0", "3", "1"));
  Restart();
  EXPECT_EQ(Counts(dlq), expect("2", "0", "0"));
  EXPECT_EQ(Counts(q), expect("0", "3", "1"));
  ASSERT_TRUE(Call("PurgeQueue", {{"QueueUrl", q}}).ok());
  EXPECT_EQ(Counts(q), expect("0", "0", "0"));
  Restart();
  EXPECT_EQ(Counts(q), expect("0", "0", "0"));
}

TEST_F(SqsQueueRecordsTest, MoveTasksAreListedAfterRestart) {
  std::string dlq = (*Call("CreateQueue", {{"QueueName", "mt-dlq"}}))["QueueUrl"];
  std::string src = (*Call("CreateQueue", {{"QueueName", "mt-src"},
                                           {"Attributes", {{"VisibilityTimeout", "0"},
                                                           {"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:mt-dlq","maxReceiveCount":1})"}}}}))["QueueUrl"];
  for (int i = 0; i < 3; ++i) Call("SendMessage", {{"QueueUrl", src}, {"MessageBody", std::to_string(i)}});
  Call("ReceiveMessage", {{"QueueUrl", src}, {"MaxNumberOfMessages", 10}});
  Call("ReceiveMessage", {{"QueueUrl", src}, {"MaxNumberOfMessages", 10}});
  ASSERT_EQ(Counts(dlq)["ApproximateNumberOfMessages"], "3");
  const std::string arn = "arn:aws:sqs:us-east-1:000000000000:mt-dlq";
  auto started = Call("StartMessageMoveTask", {{"SourceArn", arn}});
  ASSERT_TRUE(started.ok()) << started.status().ToString();
  aws::Document listed;
  for (int i = 0; i < 2000; ++i) {
    listed = *Call("ListMessageMoveTasks", {{"SourceArn", arn}});
    if (listed["Results"][0]["Status"] == "COMPLETED") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(listed["Results"][0]["Status"], "COMPLETED");
  Restart();
  auto after = Call("ListMessageMoveTasks", {{"SourceArn", arn}, {"MaxResults", 10}});
  ASSERT_TRUE(after.ok());
  ASSERT_EQ((*after)["Results"].size(), 1u);
  EXPECT_EQ((*after)["Results"][0]["Status"], "COMPLETED");
  EXPECT_EQ((*after)["Results"][0]["ApproximateNumberOfMessagesMoved"], 3);
  EXPECT_EQ((*after)["Results"][0]["ApproximateNumberOfMessagesToMove"], 3);
  EXPECT_EQ(Counts(src)["ApproximateNumberOfMessages"], "3");
  EXPECT_EQ(Counts(dlq)["ApproximateNumberOfMessages"], "0");
}

TEST_F(SqsQueueRecordsTest, OnlyTheTenMostRecentMoveTasksAreKept) {
  Call("CreateQueue", {{"QueueName", "keep-dlq"}});
  Call("CreateQueue", {{"QueueName", "keep-src"},
                       {"Attributes", {{"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:keep-dlq","maxReceiveCount":1})"}}}});
  const std::string arn = "arn:aws:sqs:us-east-1:000000000000:keep-dlq";
  for (int i = 0; i < 12; ++i) {
    now_ms_ += 1;
    ASSERT_TRUE(Call("StartMessageMoveTask", {{"SourceArn", arn}}).ok());
    for (int w = 0; w < 2000; ++w) {
      auto l = Call("ListMessageMoveTasks", {{"SourceArn", arn}});
      if ((*l)["Results"][0]["Status"] == "COMPLETED") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  EXPECT_EQ(StoredRecords(sqs::QueueRecordKind::kMoveTask), 10u);
  Restart();
  auto listed = Call("ListMessageMoveTasks", {{"SourceArn", arn}, {"MaxResults", 10}});
  ASSERT_EQ((*listed)["Results"].size(), 10u);
  EXPECT_EQ((*listed)["Results"][0]["StartedTimestamp"], now_ms_.load());
}

}  // namespace
}  // namespace skybox::services
