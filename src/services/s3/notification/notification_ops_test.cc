#include "services/s3/notification/notification_ops.h"

#include <gtest/gtest.h>

#include <condition_variable>
#include <future>
#include <mutex>

#include <nlohmann/json.hpp>

namespace skybox::s3 {
namespace {

using aws::Document;
using namespace std::chrono_literals;
namespace delivery = ::skybox::services::delivery;

constexpr std::string_view kBucket = "photos";
constexpr std::string_view kQueue = "arn:aws:sqs:us-east-1:000000000000:uploads";
constexpr std::string_view kTopic = "arn:aws:sns:us-east-1:000000000000:news";

class RecordingSink : public delivery::Sink {
 public:
  void Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) override {
    {
      std::lock_guard lock(mu_);
      received_.push_back(std::move(envelope));
    }
    cv_.notify_all();
    done(delivery::DeliveryResult::Delivered());
  }
  std::vector<delivery::Envelope> WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, 5s, [&] { return received_.size() >= n; });
    return received_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<delivery::Envelope> received_;
};

class NotificationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(storage::Store::Open({.ephemeral = true})).value();
    ns_ = store_->OpenNamespace("s3").value();
    sinks_.Register("arn:aws:", sink_);
    outbox_ = delivery::Outbox::Open(store_.get(), &sinks_).value();
    outbox_->Start();
    notifier_ = std::make_shared<BucketNotifier>(store_.get(), ns_, outbox_, "us-east-1");
    RegisterNotificationOperations(service_, {.store = store_.get(), .ns = ns_,
                                              .require_bucket = [](std::string_view b) {
                                                if (b == kBucket) return Status::Ok();
                                                return Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "no");
                                              },
                                              .notifier = notifier_});
  }
  void TearDown() override { outbox_->Stop(); }

  Result<Document> Invoke(std::string_view operation, Document input, std::string_view bucket = kBucket) {
    input["Bucket"] = bucket;
    aws::Call call{.operation = operation, .input = std::move(input), .request_id = "REQ"};
    call.caller.account_id = "000000000000";
    std::promise<Result<Document>> promise;
    (*service_.Find(operation))(std::move(call), [&promise](Result<Document> r) { promise.set_value(std::move(r)); });
    return promise.get_future().get();
  }
  Result<Document> PutConfig(Document config) {
    return Invoke("PutBucketNotificationConfiguration", {{"NotificationConfiguration", std::move(config)}});
  }

  // Stages `event` the way the S3 core does and commits it.
  void Emit(ObjectEvent event) {
    storage::WriteBatch batch;
    batch.Put(ns_, "x", "y");
    auto ids = notifier_->Stage({std::move(event)}, batch);
    ASSERT_TRUE(ids.ok());
    std::promise<Status> committed;
    store_->Commit(std::move(batch), [&](Status st) { committed.set_value(st); });
    ASSERT_TRUE(committed.get_future().get().ok());
    notifier_->Committed(*ids);
  }

  std::unique_ptr<storage::Store> store_;
  storage::Namespace ns_;
  delivery::SinkRegistry sinks_;
  std::shared_ptr<RecordingSink> sink_ = std::make_shared<RecordingSink>();
  std::shared_ptr<delivery::Outbox> outbox_;
  std::shared_ptr<BucketNotifier> notifier_;
  aws::Service service_{"s3"};
};

Document QueueConfig(std::string prefix = "") {
  Document q = {{"Id", "uploads"}, {"QueueArn", kQueue}, {"Events", Document::array({"s3:ObjectCreated:*"})}};
  if (!prefix.empty()) q["Filter"] = {{"Key", {{"FilterRules", Document::array({{{"Name", "prefix"}, {"Value", prefix}}})}}}};
  return {{"QueueConfigurations", Document::array({q})}};
}

TEST_F(NotificationTest, PutGetRoundTripAndErrors) {
  EXPECT_EQ(Invoke("GetBucketNotificationConfiguration", {}).value(), Document::object());
  ASSERT_TRUE(PutConfig(QueueConfig()).ok());
  EXPECT_EQ(Invoke("GetBucketNotificationConfiguration", {}).value()["QueueConfigurations"][0]["QueueArn"], kQueue);
  Document bad = QueueConfig();
  bad["QueueConfigurations"][0]["Events"] = Document::array({"s3:Nothing"});
  EXPECT_EQ(PutConfig(bad).status().aws_code(), "InvalidArgument");
  EXPECT_EQ(Invoke("GetBucketNotificationConfiguration", {}, "nope").status().aws_code(), "NoSuchBucket");
}

TEST_F(NotificationTest, NewDestinationsGetOneTestEvent) {
  ASSERT_TRUE(PutConfig(QueueConfig()).ok());
  Document both = QueueConfig();
  both["TopicConfigurations"] = Document::array(
      {{{"TopicArn", kTopic}, {"Events", Document::array({"s3:ObjectRemoved:*"})}}});
  ASSERT_TRUE(PutConfig(both).ok());  // only the topic is new
  auto got = sink_->WaitFor(2);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].target, kQueue);
  EXPECT_EQ(got[1].target, kTopic);
  EXPECT_EQ(got[1].context["Subject"], "Amazon S3 Notification");
  auto body = nlohmann::json::parse(got[0].body);
  EXPECT_EQ(body["Event"], "s3:TestEvent");
  EXPECT_EQ(body["Bucket"], kBucket);
  EXPECT_EQ(body["RequestId"], "REQ");
}

TEST_F(NotificationTest, EventsFollowTheCurrentConfiguration) {
  ObjectEvent event{.name = "ObjectCreated:Put", .bucket = std::string(kBucket), .key = "in/a.jpg", .size = 3,
                    .etag = "abc", .sequence = 7, .time_ms = 1000};
  Emit(event);  // no configuration yet (and that answer is cached)
  ASSERT_TRUE(PutConfig(QueueConfig("in/")).ok());
  ASSERT_EQ(sink_->WaitFor(1).size(), 1u);  // the test event
  Emit(event);
  ObjectEvent other = event;
  other.key = "out/a.jpg";
  Emit(other);  // filtered out
  ASSERT_TRUE(PutConfig({{"EventBridgeConfiguration", Document::object()}}).ok());
  Emit(event);
  auto got = sink_->WaitFor(3);
  ASSERT_EQ(got.size(), 3u);
  auto record = nlohmann::json::parse(got[1].body)["Records"][0];
  EXPECT_EQ(got[1].target, kQueue);
  EXPECT_EQ(record["s3"]["configurationId"], "uploads");
  EXPECT_EQ(record["s3"]["object"]["key"], "in/a.jpg");
  EXPECT_EQ(got[2].target, "arn:aws:events:us-east-1:000000000000:event-bus/default");
  EXPECT_EQ(nlohmann::json::parse(got[2].body)["detail-type"], "Object Created");
}

}  // namespace
}  // namespace skybox::s3
