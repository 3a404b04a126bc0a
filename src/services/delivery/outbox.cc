#include "services/delivery/outbox.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <queue>
#include <thread>
#include <type_traits>

#include "base/log.h"

namespace skybox::services::delivery {
namespace {

int64_t WallClockMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string KeyOf(uint64_t id) {
  std::string key(8, '\0');
  for (int i = 7; i >= 0; --i, id >>= 8) key[i] = static_cast<char>(id & 0xFF);
  return key;
}

uint64_t IdOf(std::string_view key) {
  uint64_t id = 0;
  for (unsigned char c : key) id = (id << 8) | c;
  return id;
}

// Envelopes of one FIFO target and message group travel one at a time.
std::string LaneOf(const Envelope& e) { return e.group_id.empty() ? std::string() : e.target + '\n' + e.group_id; }

// After a failed commit of a delivery's outcome, the envelope is tried again this much later.
constexpr int64_t kCommitRetryMs = 1000;

}  // namespace

// The dispatcher: a due-time heap of envelope ids, one thread popping due ids and handing them
// to their sinks, and the bookkeeping of FIFO lanes and of each sink's deliveries in flight (a
// slow sink, such as an unreachable HTTP endpoint, holds up only its own envelopes). Outcomes
// are committed from the sinks' completion threads.
class Outbox::Dispatcher {
 public:
  Dispatcher(Outbox* outbox, const SinkRegistry* sinks, OutboxOptions options)
      : outbox_(outbox), sinks_(sinks), options_(std::move(options)) {}
  ~Dispatcher() { Stop(); }

  int64_t Now() const { return options_.clock_ms ? options_.clock_ms() : WallClockMs(); }

  void Schedule(uint64_t id, int64_t due_ms) {
    {
      std::lock_guard lock(mu_);
      due_.push({due_ms, id});
      ++pending_;
    }
    wake_.notify_one();
  }

  // Schedules an envelope an earlier run left (called in id order, before Start): the first of
  // each FIFO lane at its next-attempt time, the others behind it, so a restart keeps order.
  void Recover(uint64_t id, const std::optional<Envelope>& envelope) {
    std::lock_guard lock(mu_);
    ++pending_;
    std::string lane = envelope ? LaneOf(*envelope) : std::string();
    if (!lane.empty() && !lane_heads_.emplace(lane, id).second) {
      lane_waiting_[lane].push_back(id);
      return;
    }
    due_.push({envelope ? envelope->not_before_ms : 0, id});
  }

  void Start() {
    std::lock_guard lock(mu_);
    if (thread_.joinable() || stopping_) return;
    thread_ = std::thread([this] { Run(); });
  }

  void Stop() {
    {
      std::unique_lock lock(mu_);
      stopping_ = true;
      wake_.notify_all();
      // A delivery in flight finishes and commits its outcome; a sink that never answers is
      // given up on after the deadline (its envelope stays stored for the next start).
      idle_.wait_for(lock, std::chrono::seconds(10), [this] { return in_flight_ == 0; });
    }
    if (thread_.joinable()) thread_.join();
  }

  OutboxStats Stats() const {
    std::lock_guard lock(mu_);
    return {pending_, delivered_, retried_, dead_lettered_, dropped_};
  }

 private:
  struct Due {
    int64_t due_ms;
    uint64_t id;
    bool operator>(const Due& o) const { return due_ms != o.due_ms ? due_ms > o.due_ms : id > o.id; }
  };

  void Run() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
      if (due_.empty()) {
        wake_.wait(lock);
        continue;
      }
      int64_t now = Now();
      if (due_.top().due_ms > now) {
        wake_.wait_for(lock, std::chrono::milliseconds(due_.top().due_ms - now));
        continue;
      }
      uint64_t id = due_.top().id;
      due_.pop();
      ++in_flight_;
      lock.unlock();
      Dispatch(id);
      lock.lock();
    }
  }

  // Reads envelope `id` and hands it to its sink, unless its FIFO lane is busy with an earlier
  // envelope or its sink with max_in_flight others (it then waits for them).
  void Dispatch(uint64_t id) {
    auto stored = outbox_->store_->Get(outbox_->ns_, KeyOf(id));
    if (!stored.ok()) {
      Log(LogLevel::kError, "outbox read failed", {{"error", stored.status().ToString()}});
      return Finish(id, {}, nullptr, true, Now() + kCommitRetryMs);
    }
    if (!stored->has_value()) return Finish(id, {}, nullptr, false);  // already finished
    std::optional<Envelope> envelope = DecodeEnvelope(**stored);
    if (!envelope) {
      Log(LogLevel::kError, "outbox envelope unreadable: removed", {{"id", std::to_string(id)}});
      return Complete(id, {}, DeliveryResult::Delivered(), nullptr);
    }
    std::string lane = LaneOf(*envelope);
    Sink* sink = sinks_->Find(envelope->target);
    {
      std::lock_guard lock(mu_);
      if (!lane.empty()) {
        auto [head, first] = lane_heads_.emplace(lane, id);
        if (!first && head->second != id) return Park(lane_waiting_[lane], id);
      }
      if (sink != nullptr) {
        if (sink_busy_[sink] >= options_.max_in_flight) return Park(sink_waiting_[sink], id);
        ++sink_busy_[sink];
      }
    }
    if (sink == nullptr) {
      std::string error = "no delivery target for " + envelope->target;
      return Complete(id, std::move(*envelope), DeliveryResult::Reject(std::move(error)), nullptr);
    }
    Envelope copy = *envelope;
    const std::string target = envelope->target;
    auto self = outbox_->shared_from_this();
    auto done = [self, id, sink, envelope = std::move(*envelope)](DeliveryResult result) mutable {
      self->dispatcher_->Complete(id, std::move(envelope), std::move(result), sink);
    };
    try {
      sink->Deliver(std::move(copy), std::move(done));
    } catch (const std::exception& e) {  // a sink's bug must not take the process down
      Log(LogLevel::kError, "delivery sink failed", {{"target", target}, {"error", e.what()}});
      Complete(id, DecodeEnvelope(**stored).value(), DeliveryResult::Reject(e.what()), sink);
    }
  }

  // Sets `id` aside until what blocks it finishes (called with mu_ held).
  void Park(std::deque<uint64_t>& waiting, uint64_t id) {
    waiting.push_back(id);
    --in_flight_;
    idle_.notify_all();
  }

  // Commits what the delivery of `id` led to: its removal (with follow-ups, or a dead-letter
  // copy) or its next attempt.
  void Complete(uint64_t id, Envelope envelope, DeliveryResult result, Sink* sink) {
    storage::WriteBatch batch;
    std::vector<uint64_t> staged;
    const std::string lane = LaneOf(envelope);
    int64_t now = Now();
    bool finished = true;
    if (result.outcome == Outcome::kDelivered) {
      batch.Delete(outbox_->ns_, KeyOf(id));
      for (auto& follow_up : result.follow_ups) staged.push_back(outbox_->Stage(batch, std::move(follow_up)));
      Count(delivered_);
    } else {
      envelope.attempts++;
      envelope.last_error = result.error;
      const char* exhausted = nullptr;  // which limit ended the retries
      if (envelope.retry.max_age_ms > 0 && now - envelope.created_ms >= envelope.retry.max_age_ms) {
        exhausted = "MaximumEventAgeInSeconds";
      } else if (envelope.attempts >= envelope.retry.max_attempts) {
        exhausted = "MaximumRetryAttempts";
      }
      if (result.outcome != Outcome::kReject && exhausted == nullptr) {
        envelope.not_before_ms = now + RetryDelayMs(envelope.retry, envelope.attempts);
        batch.Put(outbox_->ns_, KeyOf(id), EncodeEnvelope(envelope));
        finished = false;
        Count(retried_);
      } else {
        batch.Delete(outbox_->ns_, KeyOf(id));
        DeadLetter(batch, std::move(envelope), result.outcome == Outcome::kReject ? nullptr : exhausted, staged);
      }
    }
    int64_t next_attempt = finished ? 0 : envelope.not_before_ms;
    auto self = outbox_->shared_from_this();
    outbox_->store_->Commit(std::move(batch), [self, id, staged = std::move(staged), finished, next_attempt, lane,
                                               sink](Status s) {
      Dispatcher& d = *self->dispatcher_;
      if (!s.ok()) {
        Log(LogLevel::kError, "outbox commit failed", {{"error", s.ToString()}});
        return d.Finish(id, lane, sink, true, d.Now() + kCommitRetryMs);
      }
      self->Committed(staged);
      d.Finish(id, lane, sink, !finished, next_attempt);
    });
  }

  void DeadLetter(storage::WriteBatch& batch, Envelope envelope, const char* exhausted, std::vector<uint64_t>& staged) {
    if (envelope.dead_letter_target.empty()) {
      Log(LogLevel::kWarn, "event dropped after failed deliveries",
          {{"target", envelope.target}, {"source", envelope.source_arn}, {"error", envelope.last_error},
           {"attempts", std::to_string(envelope.attempts)}});
      Count(dropped_);
      return;
    }
    envelope.context["dead_letter_from"] = envelope.target;
    envelope.context["dead_letter_error"] = envelope.last_error;
    if (!envelope.dead_letter_attributes.empty()) {
      auto& attributes = envelope.dead_letter_attributes;
      attributes["ERROR_MESSAGE"] = envelope.last_error;
      attributes["RETRY_ATTEMPTS"] = std::to_string(envelope.attempts - 1);
      if (exhausted != nullptr) attributes["EXHAUSTED_RETRY_CONDITION"] = exhausted;
      for (const auto& [name, value] : attributes) {
        envelope.message_attributes[name] = {{"DataType", "String"}, {"StringValue", value}};
      }
      attributes.clear();
    }
    envelope.target = std::exchange(envelope.dead_letter_target, std::string());
    envelope.attempts = 0;
    envelope.retry = RetryPolicy{};
    staged.push_back(outbox_->Stage(batch, std::move(envelope)));
    Count(dead_lettered_);
  }

  // Ends one dispatch of `id`: reschedules it at `again_at` when `again`, lets the next
  // envelope of its lane go once this one is done, and frees its place at `sink`.
  void Finish(uint64_t id, const std::string& lane, Sink* sink, bool again, int64_t again_at = 0) {
    {
      std::lock_guard lock(mu_);
      --in_flight_;
      if (sink != nullptr) {
        --sink_busy_[sink];
        Unpark(sink_waiting_, sink);
      }
      if (again) {
        due_.push({again_at, id});
      } else {
        --pending_;
        if (!lane.empty() && !Unpark(lane_waiting_, lane)) lane_heads_.erase(lane);
      }
    }
    wake_.notify_all();
    idle_.notify_all();
  }

  // Moves the first id parked under `key` back to the due heap (called with mu_ held); false
  // when none waits. A lane's next envelope becomes its head.
  template <typename Key>
  bool Unpark(std::map<Key, std::deque<uint64_t>>& parked, const Key& key) {
    auto waiting = parked.find(key);
    if (waiting == parked.end()) return false;
    uint64_t next = waiting->second.front();
    waiting->second.pop_front();
    if (waiting->second.empty()) parked.erase(waiting);
    if constexpr (std::is_same_v<Key, std::string>) lane_heads_[key] = next;
    due_.push({0, next});
    return true;
  }

  void Count(uint64_t& counter) {
    std::lock_guard lock(mu_);
    ++counter;
  }

  Outbox* outbox_;
  const SinkRegistry* sinks_;
  const OutboxOptions options_;

  mutable std::mutex mu_;
  std::condition_variable wake_, idle_;
  std::priority_queue<Due, std::vector<Due>, std::greater<>> due_;  // guarded by mu_
  std::map<std::string, uint64_t> lane_heads_;                      // guarded by mu_
  std::map<std::string, std::deque<uint64_t>> lane_waiting_;        // guarded by mu_
  std::map<Sink*, size_t> sink_busy_;                               // guarded by mu_
  std::map<Sink*, std::deque<uint64_t>> sink_waiting_;              // guarded by mu_
  size_t in_flight_ = 0;                                            // guarded by mu_
  bool stopping_ = false;                                           // guarded by mu_
  uint64_t pending_ = 0, delivered_ = 0, retried_ = 0, dead_lettered_ = 0, dropped_ = 0;  // guarded by mu_
  std::thread thread_;
};

Outbox::Outbox(storage::Store* store, const SinkRegistry* sinks, OutboxOptions options)
    : store_(store), dispatcher_(std::make_unique<Dispatcher>(this, sinks, std::move(options))) {}

Outbox::~Outbox() { Stop(); }

Result<std::shared_ptr<Outbox>> Outbox::Open(storage::Store* store, const SinkRegistry* sinks, OutboxOptions options) {
  std::shared_ptr<Outbox> outbox(new Outbox(store, sinks, std::move(options)));
  SKYBOX_ASSIGN_OR_RETURN(outbox->ns_, store->OpenNamespace("outbox"));
  // What an earlier run left undelivered goes first, each at its stored next-attempt time.
  auto it = store->NewIterator(outbox->ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    uint64_t id = IdOf(it->key());
    if (id >= outbox->next_id_) outbox->next_id_ = id + 1;
    outbox->dispatcher_->Recover(id, DecodeEnvelope(it->value()));
  }
  SKYBOX_RETURN_IF_ERROR(it->status());
  return outbox;
}

uint64_t Outbox::Stage(storage::WriteBatch& batch, Envelope envelope) {
  uint64_t id = next_id_.fetch_add(1);
  if (envelope.created_ms == 0) envelope.created_ms = dispatcher_->Now();
  batch.Put(ns_, KeyOf(id), EncodeEnvelope(envelope));
  return id;
}

void Outbox::Committed(const std::vector<uint64_t>& ids) {
  for (uint64_t id : ids) dispatcher_->Schedule(id, 0);
}

void Outbox::Submit(std::vector<Envelope> envelopes, std::function<void(Status)> done) {
  storage::WriteBatch batch;
  std::vector<uint64_t> ids;
  for (auto& e : envelopes) ids.push_back(Stage(batch, std::move(e)));
  auto self = shared_from_this();
  store_->Commit(std::move(batch), [self, ids = std::move(ids), done = std::move(done)](Status s) {
    if (s.ok()) self->Committed(ids);
    done(s);
  });
}

void Outbox::Start() { dispatcher_->Start(); }
void Outbox::Stop() { dispatcher_->Stop(); }
OutboxStats Outbox::Stats() const { return dispatcher_->Stats(); }

}  // namespace skybox::services::delivery
