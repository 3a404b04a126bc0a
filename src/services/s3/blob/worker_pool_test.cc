#include "services/s3/blob/worker_pool.h"

#include <atomic>
#include <chrono>
#include <future>

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(WorkerPoolTest, RunsTasksOnItsThreadsInParallel) {
  // Two tasks that each wait for the other can only both finish on two threads.
  std::promise<void> a_started, b_started;
  std::shared_future<void> a_seen = a_started.get_future().share();
  std::shared_future<void> b_seen = b_started.get_future().share();
  std::atomic<int> done{0};
  {
    WorkerPool pool(2, "test-parallel");
    pool.Post([&] { a_started.set_value(); b_seen.wait(); ++done; });
    pool.Post([&] { b_started.set_value(); a_seen.wait(); ++done; });
  }
  EXPECT_EQ(done.load(), 2);
}

TEST(WorkerPoolTest, DestructionRunsEveryQueuedTaskIncludingOnesPostedByTasks) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(1, "test-drain");
    std::promise<void> release;
    auto gate = release.get_future().share();
    pool.Post([gate] { gate.wait(); });  // holds the only thread while we queue more
    for (int i = 0; i < 100; ++i) pool.Post([&] { ++ran; });
    pool.Post([&] { pool.Post([&] { ++ran; }); });
    release.set_value();
  }
  EXPECT_EQ(ran.load(), 101);
}

TEST(WorkerPoolTest, ExportsQueueDepth) {
  Gauge& depth = MetricsRegistry::Global().GetGauge(
      "skybox_worker_queue_depth", "Tasks waiting for a worker thread, by pool.",
      {{"pool", "test-depth"}});
  std::promise<void> release;
  auto gate = release.get_future().share();
  {
    WorkerPool pool(1, "test-depth");
    std::promise<void> started;
    pool.Post([&] { started.set_value(); gate.wait(); });
    started.get_future().wait();
    pool.Post([] {});
    pool.Post([] {});
    EXPECT_EQ(depth.Value(), 2);
    release.set_value();
  }
  EXPECT_EQ(depth.Value(), 0);
}

TEST(WorkerPoolTest, ZeroThreadsStillRunsTasks) {
  std::atomic<bool> ran{false};
  {
    WorkerPool pool(0, "test-zero");
    pool.Post([&] { ran = true; });
  }
  EXPECT_TRUE(ran);
}

}  // namespace
}  // namespace skybox::s3
