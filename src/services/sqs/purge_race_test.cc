// PurgeQueue is accepted before its batch is durable: operations on the purged messages that
// arrive meanwhile (DeleteMessage, ChangeMessageVisibility) must find them gone, and must not
// bring them back or skew the stored message count.
#include <future>
#include <gtest/gtest.h>
#include "services/sqs/sqs_service_fixture.h"

namespace skybox::services {
namespace {

class PurgeRaceTest : public SqsServiceTest {
 protected:
  // Blocks the committer thread inside a commit callback until the returned promise is set.
  std::shared_ptr<std::promise<void>> HoldCommitter() {
    auto release = std::make_shared<std::promise<void>>();
    auto running = std::make_shared<std::promise<void>>();
    auto held = release->get_future().share();
    store_->Commit(storage::WriteBatch(), [running, held](Status) { running->set_value(); held.wait(); });
    running->get_future().wait();
    return release;
  }
  // A queue holding one received ("in flight") message: its URL and the receipt handle.
  std::pair<std::string, std::string> QueueWithReceivedMessage() {
    std::string q = (*Call("CreateQueue", {{"QueueName", "q"}}))["QueueUrl"];
    Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "a"}});
    auto r = Call("ReceiveMessage", {{"QueueUrl", q}});
    return {q, (*r)["Messages"][0]["ReceiptHandle"]};
  }
  std::string Attr(const std::string& url, const char* name) {
    auto r = Call("GetQueueAttributes", {{"QueueUrl", url}, {"AttributeNames", {"All"}}});
    return (*r)["Attributes"][name];
  }
};

TEST_F(PurgeRaceTest, DeleteDuringPurge) {
  auto [q, handle] = QueueWithReceivedMessage();
  auto release = HoldCommitter();
  auto purge = CallAsync("PurgeQueue", {{"QueueUrl", q}});
  auto del = CallAsync("DeleteMessage", {{"QueueUrl", q}, {"ReceiptHandle", handle}});
  release->set_value();
  EXPECT_TRUE(purge.get().ok());
  EXPECT_TRUE(del.get().ok());
  Call("SendMessage", {{"QueueUrl", q}, {"MessageBody", "b"}});
  EXPECT_EQ(Attr(q, "ApproximateNumberOfMessages"), "1");
  Restart();
  EXPECT_EQ(Attr(q, "ApproximateNumberOfMessages"), "1");
  auto got = Call("ReceiveMessage", {{"QueueUrl", q}});
  EXPECT_EQ((*got)["Messages"].size(), 1u);
}

TEST_F(PurgeRaceTest, ChangeVisibilityDuringPurge) {
  auto [q, handle] = QueueWithReceivedMessage();
  auto release = HoldCommitter();
  auto purge = CallAsync("PurgeQueue", {{"QueueUrl", q}});
  auto cv = CallAsync("ChangeMessageVisibility", {{"QueueUrl", q}, {"ReceiptHandle", handle}, {"VisibilityTimeout", 0}});
  release->set_value();
  EXPECT_TRUE(purge.get().ok());
  auto changed = cv.get();
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.status().aws_code(), "MessageNotInflight");
  auto got = Call("ReceiveMessage", {{"QueueUrl", q}});
  EXPECT_FALSE((*got).contains("Messages")) << "purged message came back: " << (*got).dump();
  EXPECT_EQ(Attr(q, "ApproximateNumberOfMessages"), "0");
}

}  // namespace
}  // namespace skybox::services
