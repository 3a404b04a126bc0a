// SqsBackend: ReceiveMessage and long polling. A receive that finds nothing parks a Waiter on
// the queue; it is retried when a commit makes a message receivable (send, visibility made
// shorter, a dead-letter move) and when a wake timer fires at the next time a message becomes
// visible on its own (visibility timeout or delay ending). No thread sleeps or polls.
#include <algorithm>

#include "services/sqs/keys.h"
#include "services/sqs/sqs_backend.h"

namespace skybox::services::sqs {

void SqsBackend::Receive(const std::shared_ptr<Queue>& q, ReceiveRequest request, int wait_seconds,
                         aws::CallDone done) {
  {
    std::lock_guard lock(q->mu);
    if (!request.attempt_id.empty()) {
      auto it = q->receive_attempts.find(request.attempt_id);
      if (it != q->receive_attempts.end() && it->second.expires_ms > Now()) {
        aws::Document out = aws::Document::object();
        out["Messages"] = it->second.messages;
        return done(std::move(out));
      }
    }
    if (ReceiveLocked(q, request, done, wait_seconds == 0)) return;
    if (wait_seconds > 0 && !shutting_down_ && !q->deleted) {
      auto w = std::make_shared<Waiter>();
      w->request = std::move(request);
      w->done = std::move(done);
      auto deadline = TimerQueue::Clock::now() + std::chrono::seconds(wait_seconds);
      w->deadline_timer = timers_->Schedule(deadline, [this, q, w] { ExpireWaiter(q, w); });
      q->waiters.push_back(std::move(w));
      q->waiter_count = q->waiters.size();
      ScheduleWakeLocked(q);
      return;
    }
  }
  done(aws::Document::object());
}

void SqsBackend::ExpireWaiter(const std::shared_ptr<Queue>& q, const std::shared_ptr<Waiter>& w) {
  {
    std::lock_guard lock(q->mu);
    auto it = std::find(q->waiters.begin(), q->waiters.end(), w);
    if (it == q->waiters.end()) return;  // answered meanwhile
    q->waiters.erase(it);
    q->waiter_count = q->waiters.size();
  }
  w->done(aws::Document::object());
}

void SqsBackend::NotifyReceivable(const std::shared_ptr<Queue>& q) {
  if (q->waiter_count.load() == 0) return;
  timers_->Post([this, q] { WakeWaiters(q); });
}

void SqsBackend::WakeWaiters(const std::shared_ptr<Queue>& q) {
  std::lock_guard lock(q->mu);
  while (!q->waiters.empty()) {
    std::shared_ptr<Waiter> w = q->waiters.front();
    if (!ReceiveLocked(q, w->request, w->done)) break;
    timers_->Cancel(w->deadline_timer);
    q->waiters.pop_front();
  }
  q->waiter_count = q->waiters.size();
  if (!q->waiters.empty()) ScheduleWakeLocked(q);
}

void SqsBackend::ScheduleWakeLocked(const std::shared_ptr<Queue>& q) {
  int64_t now = Now();
  int64_t next = 0;
  auto it = store_->NewIterator(visibility_ns_, {VisibilityKey(q->meta.id, now + 1, 0), MessagePrefix(q->meta.id + 1)});
  it->SeekToFirst();
  if (it->Valid()) {
    if (auto e = ParseVisibilityKey(it->key())) next = e->visible_at_ms;
  }
  for (const auto& [sequence, change] : q->pending) {
    if (change.state && change.state->visible_at_ms > now && (next == 0 || change.state->visible_at_ms < next)) {
      next = change.state->visible_at_ms;
    }
  }
  if (next == 0 || (q->wake_timer != 0 && q->wake_at_ms <= next)) return;
  if (q->wake_timer != 0) timers_->Cancel(q->wake_timer);
  auto delay = std::chrono::milliseconds(next - now);
  q->wake_at_ms = next;
  q->wake_timer = timers_->Schedule(TimerQueue::Clock::now() + delay, [this, q] {
    {
      std::lock_guard lock(q->mu);
      q->wake_timer = 0;
      q->wake_at_ms = 0;
    }
    WakeWaiters(q);
  });
}

void SqsBackend::BeginShutdown() {
  shutting_down_ = true;
  std::vector<std::shared_ptr<Queue>> queues;
  {
    std::lock_guard lock(registry_mu_);
    for (auto& [key, q] : queues_) queues.push_back(q);
  }
  for (auto& q : queues) {
    std::list<std::shared_ptr<Waiter>> waiters;
    {
      std::lock_guard lock(q->mu);
      waiters.swap(q->waiters);
      q->waiter_count = 0;
    }
    for (auto& w : waiters) {
      timers_->Cancel(w->deadline_timer);
      w->done(aws::Document::object());
    }
  }
}

}  // namespace skybox::services::sqs
