#include "base/timer_queue.h"

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace skybox {
namespace {

using namespace std::chrono_literals;

TEST(TimerQueueTest, RunsCallbacksInDeadlineOrder) {
  TimerQueue timers;
  std::mutex mu;
  std::vector<int> order;
  std::promise<void> done;
  auto now = TimerQueue::Clock::now();
  timers.Schedule(now + 30ms, [&] {
    std::lock_guard l(mu);
    order.push_back(3);
    done.set_value();
  });
  timers.Schedule(now + 10ms, [&] { std::lock_guard l(mu); order.push_back(1); });
  timers.Schedule(now + 20ms, [&] { std::lock_guard l(mu); order.push_back(2); });
  ASSERT_EQ(done.get_future().wait_for(2s), std::future_status::ready);
  std::lock_guard l(mu);
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(TimerQueueTest, DoesNotRunBeforeTheDeadline) {
  TimerQueue timers;
  std::promise<TimerQueue::Clock::time_point> ran;
  auto deadline = TimerQueue::Clock::now() + 50ms;
  timers.Schedule(deadline, [&] { ran.set_value(TimerQueue::Clock::now()); });
  auto f = ran.get_future();
  ASSERT_EQ(f.wait_for(2s), std::future_status::ready);
  EXPECT_GE(f.get(), deadline);
}

TEST(TimerQueueTest, CancelledTimersNeverRun) {
  TimerQueue timers;
  std::atomic<bool> ran{false};
  auto id = timers.Schedule(TimerQueue::Clock::now() + 20ms, [&] { ran = true; });
  EXPECT_TRUE(timers.Cancel(id));
  EXPECT_FALSE(timers.Cancel(id));
  std::promise<void> later;
  timers.Schedule(TimerQueue::Clock::now() + 40ms, [&] { later.set_value(); });
  ASSERT_EQ(later.get_future().wait_for(2s), std::future_status::ready);
  EXPECT_FALSE(ran);
  EXPECT_EQ(timers.pending(), 0u);
}

TEST(TimerQueueTest, AnEarlierTimerWakesTheThread) {
  TimerQueue timers;
  timers.Schedule(TimerQueue::Clock::now() + 10s, [] {});
  std::promise<void> soon;
  auto start = TimerQueue::Clock::now();
  timers.Post([&] { soon.set_value(); });
  ASSERT_EQ(soon.get_future().wait_for(2s), std::future_status::ready);
  EXPECT_LT(TimerQueue::Clock::now() - start, 1s);
}

// The timer thread sleeps until the earliest deadline; cancelling that very timer while it
// sleeps must not leave the thread holding a dangling deadline (ASan catches it if it does).
TEST(TimerQueueTest, CancellingTheTimerBeingWaitedForIsSafe) {
  TimerQueue timers;
  TimerQueue::TimerId far = timers.Schedule(TimerQueue::Clock::now() + 10s, [] {});
  std::this_thread::sleep_for(20ms);  // the thread is now waiting for `far`
  EXPECT_TRUE(timers.Cancel(far));
  std::promise<void> next;
  timers.Schedule(TimerQueue::Clock::now() + 5ms, [&] { next.set_value(); });
  EXPECT_EQ(next.get_future().wait_for(2s), std::future_status::ready);
}

TEST(TimerQueueTest, DestructionDropsPendingTimers) {
  std::atomic<bool> ran{false};
  {
    TimerQueue timers;
    timers.Schedule(TimerQueue::Clock::now() + 1h, [&] { ran = true; });
  }
  EXPECT_FALSE(ran);
}

}  // namespace
}  // namespace skybox
