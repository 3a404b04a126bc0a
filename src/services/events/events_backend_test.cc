// EventsBackend with a real store and outbox: persistence across a restart, routing through
// the bus sink, and the scheduler driven by an injected clock.
#include "services/events/events_backend.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "services/events/bus_sink.h"
#include "services/events/scheduler.h"
#include "storage/test_util.h"

namespace skybox::services::events {
namespace {

constexpr char kQueue[] = "arn:aws:sqs:us-east-1:000000000000:q";

// Keeps what the outbox delivers to SQS targets.
class RecordingSink : public delivery::Sink {
 public:
  void Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) override {
    {
      std::lock_guard lock(mu_);
      received_.push_back(std::move(envelope));
    }
    changed_.notify_all();
    done(delivery::DeliveryResult::Delivered());
  }
  // Waits until `n` envelopes arrived (or 5 s), returns them.
  std::vector<delivery::Envelope> WaitFor(size_t n) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, std::chrono::seconds(5), [&] { return received_.size() >= n; });
    return received_;
  }

 private:
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<delivery::Envelope> received_;
};

Status Wait(const std::function<void(std::function<void(Status)>)>& start) {
  std::promise<Status> promise;
  start([&promise](Status s) { promise.set_value(s); });
  return promise.get_future().get();
}

class EventsBackendTest : public ::testing::Test {
 protected:
  void SetUp() override { Open(); }
  void TearDown() override { Close(); }

  void Open() {
    sinks_ = std::make_unique<delivery::SinkRegistry>();
    sinks_->Register("arn:aws:sqs:", queue_);
    storage::StoreOptions options;
    options.data_dir = dir_.path();
    auto store = storage::Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auto outbox = delivery::Outbox::Open(store_.get(), sinks_.get(), {});
    ASSERT_TRUE(outbox.ok());
    outbox_ = *outbox;
    EventsOptions events_options;
    events_options.clock_ms = [this] { return now_.load(); };
    auto backend = EventsBackend::Open(store_.get(), outbox_, events_options);
    ASSERT_TRUE(backend.ok()) << backend.status().ToString();
    backend_ = *backend;
    sinks_->Register("arn:aws:events:", std::make_shared<EventBusSink>(backend_));
    outbox_->Start();
  }
  void Close() {
    outbox_->Stop();
    backend_.reset();
    outbox_.reset();
    store_.reset();
  }

  Status PutRule(RuleRecord rule) {
    return Wait([&](auto done) {
      backend_->MutateRule(rule.account, rule.bus, rule.name, [&](std::optional<RuleRecord>& r) {
        r = rule;
        return Status::Ok();
      }, done);
    });
  }

  storage::testing::TempDir dir_;
  std::shared_ptr<RecordingSink> queue_ = std::make_shared<RecordingSink>();
  std::atomic<int64_t> now_{1795939200000};  // 2026-11-29T08:00:00Z
  std::unique_ptr<delivery::SinkRegistry> sinks_;
  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<delivery::Outbox> outbox_;
  std::shared_ptr<EventsBackend> backend_;
};

RuleRecord Rule(std::string name, std::string pattern, std::string bus = kDefaultBus) {
  RuleRecord rule;
  rule.account = "000000000000";
  rule.bus = std::move(bus);
  rule.name = std::move(name);
  rule.event_pattern = std::move(pattern);
  rule.targets = {{{"Id", "q"}, {"Arn", kQueue}}};
  return rule;
}

TEST_F(EventsBackendTest, BusesAndRulesSurviveARestart) {
  ASSERT_TRUE(Wait([&](auto done) {
                backend_->MutateBus("000000000000", "orders", [](std::optional<BusRecord>& bus) {
                  bus = BusRecord{.account = "000000000000", .name = "orders", .description = "d"};
                  return Status::Ok();
                }, done);
              }).ok());
  ASSERT_TRUE(PutRule(Rule("r1", R"({"source":["a"]})", "orders")).ok());
  EXPECT_EQ(PutRule(Rule("r2", "{}", "missing")).aws_code(), "ResourceNotFoundException");

  Close();
  Open();
  auto bus = backend_->FindBus("000000000000", "orders");
  ASSERT_TRUE(bus.has_value());
  EXPECT_EQ(bus->description, "d");
  auto buses = backend_->ListBuses("000000000000");
  ASSERT_EQ(buses.size(), 2u);
  EXPECT_EQ(buses[0].name, "default");
  EXPECT_EQ(buses[1].name, "orders");
  ASSERT_TRUE(backend_->FindRule("000000000000", "orders", "r1").has_value());

  // Deleting the bus deletes its rules.
  ASSERT_TRUE(Wait([&](auto done) {
                backend_->MutateBus("000000000000", "orders", [](std::optional<BusRecord>& b) {
                  b.reset();
                  return Status::Ok();
                }, done);
              }).ok());
  Close();
  Open();
  EXPECT_FALSE(backend_->FindBus("000000000000", "orders").has_value());
  EXPECT_FALSE(backend_->FindRule("000000000000", "orders", "r1").has_value());
}

TEST_F(EventsBackendTest, BusSinkRoutesMatchingEventsToTargets) {
  ASSERT_TRUE(PutRule(Rule("match", R"({"source":["shop"],"detail":{"total":[{"numeric":[">",10]}]}})")).ok());
  RuleRecord disabled = Rule("off", R"({"source":["shop"]})");
  disabled.state = "DISABLED";
  ASSERT_TRUE(PutRule(disabled).ok());

  delivery::Envelope small, big;
  small.target = big.target = BusArn("us-east-1", "000000000000", "default");
  small.body = R"({"id":"1","source":"shop","detail":{"total":5}})";
  big.body = R"({"id":"2","source":"shop","detail":{"total":50}})";
  ASSERT_TRUE(Wait([&](auto done) { outbox_->Submit({small, big}, done); }).ok());

  queue_->WaitFor(1);
  // Both events have been routed (the non-matching one to nowhere) once the outbox is empty.
  for (int i = 0; i < 500 && outbox_->Stats().pending > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(outbox_->Stats().pending, 0u);
  auto received = queue_->WaitFor(1);
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].body, big.body);
  EXPECT_EQ(received[0].source_arn, "arn:aws:events:us-east-1:000000000000:rule/match");
}

TEST_F(EventsBackendTest, SchedulerFiresOncePerDueTimeAndPersistsTheNextFire) {
  RuleRecord rule = Rule("tick", "");
  rule.schedule_expression = "rate(1 minute)";
  rule.next_fire_ms = backend_->FirstFire(rule.schedule_expression);
  EXPECT_EQ(rule.next_fire_ms, now_.load() + 60'000);
  ASSERT_TRUE(PutRule(rule).ok());

  Scheduler scheduler(backend_);
  EXPECT_EQ(scheduler.Tick(), 0u);
  now_ += 61'000;
  EXPECT_EQ(scheduler.Tick(), 1u);
  EXPECT_EQ(scheduler.Tick(), 0u);

  auto received = queue_->WaitFor(1);
  ASSERT_EQ(received.size(), 1u);
  auto event = nlohmann::json::parse(received[0].body);
  EXPECT_EQ(event["source"], "aws.events");
  EXPECT_EQ(event["detail-type"], "Scheduled Event");
  EXPECT_EQ(event["detail"], nlohmann::json::object());
  EXPECT_EQ(event["time"], "2026-11-29T08:01:00Z");
  EXPECT_EQ(event["resources"], nlohmann::json::array({"arn:aws:events:us-east-1:000000000000:rule/tick"}));

  // The next fire time is durable: after a restart the rule is not due again until then.
  Close();
  Open();
  EXPECT_EQ(backend_->FindRule("000000000000", "default", "tick")->next_fire_ms, 1795939200000 + 120'000);
  Scheduler after_restart(backend_);
  EXPECT_EQ(after_restart.Tick(), 0u);
  now_ += 60'000;
  EXPECT_EQ(after_restart.Tick(), 1u);
}

}  // namespace
}  // namespace skybox::services::events
