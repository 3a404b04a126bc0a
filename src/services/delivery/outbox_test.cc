#include "services/delivery/outbox.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <condition_variable>
#include <mutex>
#include <thread>

#include <gtest/gtest.h>

#include "storage/test_util.h"

namespace skybox::services::delivery {
namespace {

using namespace std::chrono_literals;

// Records what reaches it; answers with `answer` (delivered unless told otherwise).
class RecordingSink : public Sink {
 public:
  std::function<DeliveryResult(const Envelope&)> answer = [](const Envelope&) { return DeliveryResult::Delivered(); };

  void Deliver(Envelope envelope, std::function<void(DeliveryResult)> done) override {
    DeliveryResult r = answer(envelope);
    {
      std::lock_guard lock(mu_);
      received_.push_back(std::move(envelope));
    }
    cv_.notify_all();
    done(std::move(r));
  }

  // Waits until `n` envelopes arrived; their bodies in arrival order.
  std::vector<std::string> WaitFor(size_t n, std::chrono::milliseconds limit = 5s) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, limit, [&] { return received_.size() >= n; });
    std::vector<std::string> bodies;
    for (const auto& e : received_) bodies.push_back(e.body);
    return bodies;
  }
  std::vector<Envelope> received() {
    std::lock_guard lock(mu_);
    return received_;
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Envelope> received_;
};

Envelope To(std::string target, std::string body) {
  Envelope e;
  e.target = std::move(target);
  e.body = std::move(body);
  return e;
}

class OutboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sinks_.Register("q:", queue_);
    sinks_.Register("dlq:", dead_letters_);
    Open();
  }
  void TearDown() override { outbox_->Stop(); }
  void Open(OutboxOptions outbox_options = {}) {
    storage::StoreOptions options;
    options.data_dir = dir_.path();
    auto store = storage::Store::Open(options);
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    auto outbox = Outbox::Open(store_.get(), &sinks_, outbox_options);
    ASSERT_TRUE(outbox.ok());
    outbox_ = *outbox;
  }
  void Restart() {
    outbox_->Stop();
    outbox_.reset();
    store_->Close();
    store_.reset();
    Open();
  }
  Status Submit(std::vector<Envelope> envelopes) {
    std::promise<Status> p;
    outbox_->Submit(std::move(envelopes), [&](Status s) { p.set_value(s); });
    return p.get_future().get();
  }
  // Waits until nothing is pending.
  void Drain() {
    for (int i = 0; i < 500 && outbox_->Stats().pending > 0; ++i) std::this_thread::sleep_for(10ms);
    ASSERT_EQ(outbox_->Stats().pending, 0u);
  }

  storage::testing::TempDir dir_;
  std::unique_ptr<storage::Store> store_;
  SinkRegistry sinks_;
  std::shared_ptr<RecordingSink> queue_ = std::make_shared<RecordingSink>();
  std::shared_ptr<RecordingSink> dead_letters_ = std::make_shared<RecordingSink>();
  std::shared_ptr<Outbox> outbox_;
};

TEST_F(OutboxTest, DeliversSubmittedEnvelopesAndForgetsThem) {
  outbox_->Start();
  ASSERT_TRUE(Submit({To("q:a", "one"), To("q:a", "two")}).ok());
  auto bodies = queue_->WaitFor(2);
  ASSERT_EQ(bodies.size(), 2u);
  Drain();
  EXPECT_EQ(outbox_->Stats().delivered, 2u);
  Restart();
  outbox_->Start();
  std::this_thread::sleep_for(100ms);
  EXPECT_EQ(queue_->received().size(), 2u) << "a delivered envelope is never delivered again";
}

TEST_F(OutboxTest, StagedWithACallersChangeAndDeliveredAfterCommitted) {
  outbox_->Start();
  auto ns = *store_->OpenNamespace("objects");
  storage::WriteBatch batch;
  batch.Put(ns, "k", "v");
  uint64_t id = outbox_->Stage(batch, To("q:a", "created k"));
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  outbox_->Committed({id});
  EXPECT_EQ(queue_->WaitFor(1), std::vector<std::string>{"created k"});
}

TEST_F(OutboxTest, SurvivesARestartBeforeDelivery) {
  // Not started: the envelopes are only stored, as if the process died before delivering.
  ASSERT_TRUE(Submit({To("q:a", "kept")}).ok());
  Restart();
  outbox_->Start();
  EXPECT_EQ(queue_->WaitFor(1), std::vector<std::string>{"kept"});
}

TEST_F(OutboxTest, FollowUpsAreDeliveredInTurn) {
  auto topic = std::make_shared<RecordingSink>();
  topic->answer = [](const Envelope& e) {
    return DeliveryResult::Delivered({To("q:1", e.body + "/1"), To("q:2", e.body + "/2")});
  };
  sinks_.Register("topic:", topic);
  outbox_->Start();
  ASSERT_TRUE(Submit({To("topic:t", "m")}).ok());
  auto bodies = queue_->WaitFor(2);
  std::sort(bodies.begin(), bodies.end());
  EXPECT_EQ(bodies, (std::vector<std::string>{"m/1", "m/2"}));
}

TEST_F(OutboxTest, RetriesThenDeadLetters) {
  queue_->answer = [](const Envelope&) { return DeliveryResult::Retry("busy"); };
  outbox_->Start();
  Envelope e = To("q:a", "doomed");
  e.retry.max_attempts = 3;
  e.retry.min_delay_ms = 10;
  e.retry.max_delay_ms = 20;
  e.dead_letter_target = "dlq:x";
  ASSERT_TRUE(Submit({e}).ok());
  auto dead = dead_letters_->WaitFor(1);
  ASSERT_EQ(dead, std::vector<std::string>{"doomed"});
  EXPECT_EQ(queue_->received().size(), 3u);
  auto letter = dead_letters_->received().at(0);
  EXPECT_EQ(letter.context["dead_letter_from"], "q:a");
  EXPECT_EQ(letter.context["dead_letter_error"], "busy");
  EXPECT_TRUE(letter.message_attributes.empty()) << "no attributes unless the producer asks";
  Drain();
  EXPECT_EQ(outbox_->Stats().dead_lettered, 1u);
  EXPECT_EQ(outbox_->Stats().retried, 2u);
}

TEST_F(OutboxTest, DeadLetterAttributesSayWhy) {
  queue_->answer = [](const Envelope&) { return DeliveryResult::Retry("throttled"); };
  outbox_->Start();
  Envelope e = To("q:a", "event");
  e.retry.max_attempts = 2;
  e.retry.min_delay_ms = 5;
  e.retry.max_delay_ms = 5;
  e.dead_letter_target = "dlq:x";
  e.dead_letter_attributes = {{"RULE_ARN", "rule"}, {"TARGET_ARN", "q:a"}};
  ASSERT_TRUE(Submit({e}).ok());
  ASSERT_EQ(dead_letters_->WaitFor(1).size(), 1u);
  const nlohmann::json attributes = dead_letters_->received().at(0).message_attributes;
  auto value = [&](const char* name) { return attributes.at(name).at("StringValue").get<std::string>(); };
  EXPECT_EQ(value("RULE_ARN"), "rule");
  EXPECT_EQ(value("TARGET_ARN"), "q:a");
  EXPECT_EQ(value("ERROR_MESSAGE"), "throttled");
  EXPECT_EQ(value("RETRY_ATTEMPTS"), "1");
  EXPECT_EQ(value("EXHAUSTED_RETRY_CONDITION"), "MaximumRetryAttempts");
}

TEST_F(OutboxTest, RejectedOrUnroutableWithoutDeadLetterTargetIsDropped) {
  queue_->answer = [](const Envelope&) { return DeliveryResult::Reject("no such queue"); };
  outbox_->Start();
  ASSERT_TRUE(Submit({To("q:gone", "x"), To("nowhere:1", "y")}).ok());
  Drain();
  EXPECT_EQ(outbox_->Stats().dropped, 2u);
  EXPECT_EQ(queue_->received().size(), 1u) << "a rejection is final";
}

TEST_F(OutboxTest, OneGroupIsDeliveredInOrderEvenAcrossRetries) {
  std::atomic<int> failures{2};
  queue_->answer = [&](const Envelope& e) {
    if (e.body == "1" && failures-- > 0) return DeliveryResult::Retry("later");
    return DeliveryResult::Delivered();
  };
  outbox_->Start();
  std::vector<Envelope> batch;
  for (int i = 1; i <= 5; ++i) {
    Envelope e = To("q:fifo", std::to_string(i));
    e.group_id = "g";
    e.retry.min_delay_ms = 5;
    e.retry.max_delay_ms = 5;
    batch.push_back(e);
  }
  ASSERT_TRUE(Submit(batch).ok());
  auto bodies = queue_->WaitFor(7);
  EXPECT_EQ(bodies, (std::vector<std::string>{"1", "1", "1", "2", "3", "4", "5"}));
}

TEST_F(OutboxTest, ARejectedGroupHeadLetsTheRestOfItsGroupGo) {
  queue_->answer = [](const Envelope& e) {
    return e.body == "1" ? DeliveryResult::Reject("refused") : DeliveryResult::Delivered();
  };
  outbox_->Start();
  std::vector<Envelope> batch;
  for (int i = 1; i <= 3; ++i) {
    Envelope e = To("q:fifo", std::to_string(i));
    e.group_id = "g";
    batch.push_back(e);
  }
  ASSERT_TRUE(Submit(batch).ok());
  EXPECT_EQ(queue_->WaitFor(3), (std::vector<std::string>{"1", "2", "3"}));
}

TEST_F(OutboxTest, AGroupKeepsItsOrderAcrossARestart) {
  std::vector<Envelope> batch;
  for (int i = 1; i <= 4; ++i) {
    Envelope e = To("q:fifo", std::to_string(i));
    e.group_id = "g";
    // The head waits for a later attempt; the others are due at once, yet must stay behind it.
    e.not_before_ms = i == 1 ? 1 : 0;
    batch.push_back(e);
  }
  ASSERT_TRUE(Submit(batch).ok());
  Restart();
  outbox_->Start();
  EXPECT_EQ(queue_->WaitFor(4), (std::vector<std::string>{"1", "2", "3", "4"}));
}

TEST_F(OutboxTest, AThrowingSinkCostsItsEnvelopeNotTheProcess) {
  queue_->answer = [](const Envelope&) -> DeliveryResult { throw std::runtime_error("sink bug"); };
  outbox_->Start();
  ASSERT_TRUE(Submit({To("q:a", "x")}).ok());
  Drain();
  EXPECT_EQ(outbox_->Stats().dropped, 1u);
}

// Holds every delivery until released.
class StalledSink : public Sink {
 public:
  void Deliver(Envelope, std::function<void(DeliveryResult)> done) override {
    std::lock_guard lock(mu_);
    held_.push_back(std::move(done));
  }
  size_t Held() {
    std::lock_guard lock(mu_);
    return held_.size();
  }
  void Release() {
    std::vector<std::function<void(DeliveryResult)>> held;
    {
      std::lock_guard lock(mu_);
      held.swap(held_);
    }
    for (auto& done : held) done(DeliveryResult::Delivered());
  }

 private:
  std::mutex mu_;
  std::vector<std::function<void(DeliveryResult)>> held_;
};

TEST_F(OutboxTest, ASlowSinkHoldsUpOnlyItsOwnEnvelopes) {
  auto stalled = std::make_shared<StalledSink>();
  sinks_.Register("slow:", stalled);
  outbox_->Stop();
  outbox_.reset();
  store_->Close();
  store_.reset();
  OutboxOptions options;
  options.max_in_flight = 2;
  Open(options);
  outbox_->Start();
  ASSERT_TRUE(Submit({To("slow:1", "a"), To("slow:2", "b"), To("slow:3", "c"), To("q:a", "fast")}).ok());
  EXPECT_EQ(queue_->WaitFor(1), std::vector<std::string>{"fast"});
  EXPECT_EQ(stalled->Held(), 2u) << "at most max_in_flight per sink";
  for (int i = 0; i < 200 && outbox_->Stats().pending > 0; ++i) {
    stalled->Release();
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_EQ(outbox_->Stats().pending, 0u);
  EXPECT_EQ(outbox_->Stats().delivered, 4u);
}

}  // namespace
}  // namespace skybox::services::delivery
