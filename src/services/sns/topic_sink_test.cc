// The fan-out of a topic's messages, against an in-memory store: which subscriptions get a
// follow-up, in which shape, and what is recorded instead.
#include "services/sns/topic_sink.h"

#include <gtest/gtest.h>

#include <future>

#include "services/sns/notification.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

class TopicSinkTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions o;
    o.ephemeral = true;
    store_ = std::move(storage::Store::Open(o)).value();
    outbox_ = std::move(delivery::Outbox::Open(store_.get(), &sinks_)).value();
    SnsOptions options;
    options.endpoint = [] { return std::string("127.0.0.1:4566"); };
    options.clock_ms = [this] { return now_ms_; };
    options.max_recorded_deliveries = 20;
    backend_ = std::move(SnsBackend::Open(store_.get(), outbox_.get(), options)).value();
  }
  void TearDown() override {
    outbox_->Stop();
    backend_.reset();
    outbox_.reset();
    store_->Close();
  }

  Topic& AddTopic(std::string name, bool fifo = false) {
    auto lock = backend_->Lock();
    Topic t;
    t.arn = "arn:aws:sns:us-east-1:000000000000:" + name;
    t.fifo = fifo;
    return backend_->State().topics[t.arn] = t;
  }
  void AddSubscription(const Topic& topic, std::string id, std::string protocol, std::string endpoint,
                       AttributeMap attributes = {}, bool pending = false) {
    auto lock = backend_->Lock();
    Subscription s;
    s.arn = topic.arn + ":" + id;
    s.topic_arn = topic.arn;
    s.protocol = std::move(protocol);
    s.endpoint = std::move(endpoint);
    s.attributes = std::move(attributes);
    s.pending_confirmation = pending;
    backend_->State().subscriptions[s.arn] = s;
  }
  delivery::DeliveryResult Deliver(delivery::Envelope e) {
    std::promise<delivery::DeliveryResult> result;
    TopicSink sink(backend_);
    sink.Deliver(std::move(e), [&](delivery::DeliveryResult r) { result.set_value(std::move(r)); });
    return result.get_future().get();
  }
  static delivery::Envelope Published(const Topic& topic, std::string body, json attributes = json::object()) {
    delivery::Envelope e;
    e.target = topic.arn;
    e.body = std::move(body);
    e.message_attributes = std::move(attributes);
    e.context = {{"MessageId", "m-1"}, {"Timestamp", int64_t{1764403200000}}, {"Subject", "s"}};
    return e;
  }

  int64_t now_ms_ = 1764403200000;
  std::unique_ptr<storage::Store> store_;
  delivery::SinkRegistry sinks_;
  std::shared_ptr<delivery::Outbox> outbox_;
  std::shared_ptr<SnsBackend> backend_;
};

TEST_F(TopicSinkTest, UnknownTopicIsRejected) {
  delivery::Envelope e;
  e.target = "arn:aws:sns:us-east-1:000000000000:gone";
  e.body = "x";
  EXPECT_EQ(Deliver(e).outcome, delivery::Outcome::kReject);
}

TEST_F(TopicSinkTest, FansOutToConfirmedMatchingSubscriptions) {
  Topic& topic = AddTopic("orders");
  AddSubscription(topic, "a", "sqs", "arn:aws:sqs:us-east-1:000000000000:all");
  AddSubscription(topic, "b", "sqs", "arn:aws:sqs:us-east-1:000000000000:red",
                  {{"FilterPolicy", R"({"color":["red"]})"}});
  AddSubscription(topic, "c", "sqs", "arn:aws:sqs:us-east-1:000000000000:raw",
                  {{"RawMessageDelivery", "true"},
                   {"RedrivePolicy", R"({"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"})"}});
  AddSubscription(topic, "d", "https", "https://example.test/hook", {}, /*pending=*/true);
  json attributes = {{"color", {{"DataType", "String"}, {"StringValue", "blue"}}}};
  auto result = Deliver(Published(topic, "hello", attributes));
  ASSERT_EQ(result.outcome, delivery::Outcome::kDelivered);
  ASSERT_EQ(result.follow_ups.size(), 2u);  // not the red filter, not the pending one
  const delivery::Envelope& all = result.follow_ups[0];
  EXPECT_EQ(all.target, "arn:aws:sqs:us-east-1:000000000000:all");
  json note = json::parse(all.body);
  EXPECT_EQ(note["Type"], "Notification");
  EXPECT_EQ(note["MessageId"], "m-1");
  EXPECT_EQ(note["Subject"], "s");
  EXPECT_EQ(note["Timestamp"], "2025-11-29T08:00:00.000Z");
  EXPECT_EQ(note["MessageAttributes"]["color"]["Value"], "blue");
  EXPECT_EQ(note["UnsubscribeURL"],
            "http://127.0.0.1:4566/?Action=Unsubscribe&SubscriptionArn=arn%3Aaws%3Asns%3Aus-east-1%3A000000000000"
            "%3Aorders%3Aa&Version=2010-03-31");
  EXPECT_TRUE(all.message_attributes.empty());
  const delivery::Envelope& raw = result.follow_ups[1];
  EXPECT_EQ(raw.body, "hello");
  EXPECT_EQ(raw.message_attributes, attributes);
  EXPECT_EQ(raw.dead_letter_target, "arn:aws:sqs:us-east-1:000000000000:dlq");
}

TEST_F(TopicSinkTest, HttpGetsHeadersAndTheDeliveryPolicy) {
  Topic& topic = AddTopic("web");
  topic.attributes["DeliveryPolicy"] =
      R"({"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":2,"maxDelayTarget":2,"numRetries":5}}})";
  AddSubscription(topic, "h", "http", "http://127.0.0.1:9/hook");
  auto result = Deliver(Published(topic, "hi"));
  ASSERT_EQ(result.follow_ups.size(), 1u);
  const delivery::Envelope& e = result.follow_ups[0];
  EXPECT_EQ(e.target, "http://127.0.0.1:9/hook");
  EXPECT_EQ(e.retry.max_attempts, 6u);
  EXPECT_EQ(e.retry.min_delay_ms, 2000);
  auto header = [&](std::string_view name) {
    for (const auto& [k, v] : e.http_headers) {
      if (k == name) return v;
    }
    return std::string();
  };
  EXPECT_EQ(header("x-amz-sns-message-type"), "Notification");
  EXPECT_EQ(header("x-amz-sns-message-id"), "m-1");
  EXPECT_EQ(header("x-amz-sns-subscription-arn"), topic.arn + ":h");
  EXPECT_EQ(header("Content-Type"), "text/plain; charset=UTF-8");
  json note = json::parse(e.body);
  EXPECT_FALSE(note["Signature"].get<std::string>().empty());
  EXPECT_EQ(note["SigningCertURL"], backend_->SigningCertUrl(**backend_->signer()));
  EXPECT_EQ(*(*backend_->signer())->Sign(StringToSign({.type = "Notification",
                                                   .message_id = "m-1",
                                                   .topic_arn = topic.arn,
                                                   .subject = "s",
                                                   .message = "hi",
                                                   .timestamp = "2025-11-29T08:00:00.000Z"}),
                                     "1"),
            note["Signature"]);
}

TEST_F(TopicSinkTest, FifoKeepsGroupAndDeduplicationIds) {
  Topic& topic = AddTopic("orders.fifo", /*fifo=*/true);
  AddSubscription(topic, "q", "sqs", "arn:aws:sqs:us-east-1:000000000000:orders.fifo");
  delivery::Envelope e = Published(topic, "m");
  e.group_id = "g";
  e.deduplication_id = "d";
  auto result = Deliver(e);
  ASSERT_EQ(result.follow_ups.size(), 1u);
  EXPECT_EQ(result.follow_ups[0].group_id, "g");
  EXPECT_EQ(result.follow_ups[0].deduplication_id, "d");
}

TEST_F(TopicSinkTest, BodyScopeFiltersAndRecordedProtocols) {
  Topic& topic = AddTopic("mail");
  AddSubscription(topic, "e", "email", "dev@example.com",
                  {{"FilterPolicy", R"({"size":[{"numeric":[">",10]}]})"}, {"FilterPolicyScope", "MessageBody"}});
  EXPECT_TRUE(Deliver(Published(topic, R"({"size":3})")).follow_ups.empty());
  EXPECT_EQ(backend_->RecordedDeliveries(10).size(), 0u);
  Deliver(Published(topic, R"({"size":30})"));
  json recorded = backend_->RecordedDeliveries(10);
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0]["Protocol"], "email");
  EXPECT_EQ(recorded[0]["Message"], R"({"size":30})");
}

TEST_F(TopicSinkTest, ExpiredDeduplicationRecordsArePruned) {
  storage::WriteBatch batch;
  auto lock = backend_->Lock();
  for (int i = 0; i < 1100; ++i) {
    DedupRecord record{now_ms_ + (i < 1000 ? -1 : 60000), "m", "1"};
    std::string key = SnsBackend::DedupKey("t", std::to_string(i));
    backend_->PutDedup(batch, key, record);
    backend_->State().dedup[key] = record;
  }
  backend_->PruneDedup(batch);
  EXPECT_EQ(backend_->State().dedup.size(), 100u);
}

TEST_F(TopicSinkTest, RecordedDeliveriesAreBounded) {
  Topic& topic = AddTopic("mail");
  AddSubscription(topic, "e", "email", "dev@example.com");
  // The fixture keeps 20: pruning runs every 2 records and keeps the newest 20 stored ones.
  for (int i = 0; i < 60; ++i) Deliver(Published(topic, "m" + std::to_string(i)));
  json recorded = backend_->RecordedDeliveries(1000);
  EXPECT_GE(recorded.size(), 20u);
  EXPECT_LE(recorded.size(), 22u);
  EXPECT_EQ(recorded.back()["Message"], "m59");
}

}  // namespace
}  // namespace skybox::services::sns
