#include "base/periodic_worker.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace skybox {
namespace {

TEST(PeriodicWorkerTest, RunsPassesEveryIntervalUntilStopped) {
  std::atomic<int> passes{0};
  PeriodicWorker worker(std::chrono::milliseconds(5), [&] { ++passes; });
  worker.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  worker.Stop();
  int seen = passes.load();
  EXPECT_GE(seen, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(passes.load(), seen);  // none after Stop
}

TEST(PeriodicWorkerTest, LongPassesAreFollowedByProportionalRest) {
  std::atomic<int> passes{0};
  // Each pass takes 50 ms, so the next waits at least 450 ms despite the 1 ms interval.
  PeriodicWorker worker(std::chrono::milliseconds(1), [&] {
    ++passes;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  });
  worker.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  worker.Stop();
  EXPECT_EQ(passes.load(), 1);
}

}  // namespace
}  // namespace skybox
