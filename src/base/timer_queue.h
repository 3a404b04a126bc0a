// TimerQueue: one background thread that runs callbacks at (or soon after) their deadlines.
//
// For services that must act when time passes (SQS long polls ending, messages becoming
// visible again, delays ending) without sleep-polling: schedule a callback for the moment
// something can change and cancel it when it no longer matters.
//
// Callbacks run one at a time on the timer thread, in deadline order (ties in scheduling
// order). They must be quick: a slow callback delays every later one. A callback may
// Schedule or Cancel (including itself). Destroying the queue stops the thread; callbacks
// not yet run are dropped without being called.
//
// Thread-safety: every method may be called from any thread concurrently.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <utility>

namespace skybox {

class TimerQueue {
 public:
  using Clock = std::chrono::steady_clock;
  using TimerId = uint64_t;  // never 0

  TimerQueue();
  ~TimerQueue();
  TimerQueue(const TimerQueue&) = delete;
  TimerQueue& operator=(const TimerQueue&) = delete;

  // Runs `callback` on the timer thread once `deadline` has passed. Returns an id for Cancel.
  TimerId Schedule(Clock::time_point deadline, std::function<void()> callback);
  // Runs `callback` on the timer thread as soon as possible.
  TimerId Post(std::function<void()> callback) { return Schedule(Clock::now(), std::move(callback)); }
  // True when the timer was pending and will now never run; false when it already ran (or is
  // running) or was never scheduled.
  bool Cancel(TimerId id);
  // Number of pending timers; for tests.
  size_t pending() const;

 private:
  void Run();

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;               // guarded by mu_
  TimerId next_id_ = 1;                 // guarded by mu_
  // (deadline, id) -> callback; ids grow, so ties run in scheduling order. Guarded by mu_.
  std::map<std::pair<Clock::time_point, TimerId>, std::function<void()>> timers_;
  std::map<TimerId, Clock::time_point> deadlines_;  // guarded by mu_
  std::thread thread_;
};

}  // namespace skybox
