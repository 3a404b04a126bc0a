#include "base/timer_queue.h"

namespace skybox {

TimerQueue::TimerQueue() : thread_([this] { Run(); }) {}

TimerQueue::~TimerQueue() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

TimerQueue::TimerId TimerQueue::Schedule(Clock::time_point deadline, std::function<void()> callback) {
  TimerId id;
  bool earliest;
  {
    std::lock_guard lock(mu_);
    id = next_id_++;
    timers_.emplace(std::make_pair(deadline, id), std::move(callback));
    deadlines_.emplace(id, deadline);
    earliest = timers_.begin()->first.second == id;
  }
  if (earliest) wake_.notify_all();
  return id;
}

bool TimerQueue::Cancel(TimerId id) {
  std::lock_guard lock(mu_);
  auto it = deadlines_.find(id);
  if (it == deadlines_.end()) return false;
  timers_.erase(std::make_pair(it->second, id));
  deadlines_.erase(it);
  return true;
}

size_t TimerQueue::pending() const {
  std::lock_guard lock(mu_);
  return timers_.size();
}

void TimerQueue::Run() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (timers_.empty()) {
      wake_.wait(lock);
      continue;
    }
    auto first = timers_.begin();
    if (first->first.first > Clock::now()) {
      // A copy: while waiting the lock is released and Cancel may erase this very node.
      Clock::time_point deadline = first->first.first;
      wake_.wait_until(lock, deadline);
      continue;
    }
    std::function<void()> callback = std::move(first->second);
    deadlines_.erase(first->first.second);
    timers_.erase(first);
    lock.unlock();
    callback();
    lock.lock();
  }
}

}  // namespace skybox
