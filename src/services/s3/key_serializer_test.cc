#include "services/s3/key_serializer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace skybox::s3 {
namespace {

// Handoffs run at once on the releasing thread: the order of events is the order of calls.
class KeySerializerTest : public ::testing::Test {
 protected:
  KeySerializer writers_{[](std::function<void()> task) { task(); }};
  std::vector<std::string> events_;

  // Starts a work that records "<name>+" when it runs and keeps its release in `held`.
  void Hold(const std::string& key, bool shared, const std::string& name, KeySerializer::Release& held) {
    auto work = [this, name, &held](KeySerializer::Release release) {
      events_.push_back(name + "+");
      held = std::move(release);
    };
    shared ? writers_.RunShared(key, work) : writers_.Run(key, work);
  }
};

TEST_F(KeySerializerTest, ExclusiveWorksOnOneKeyRunOneAfterAnother) {
  KeySerializer::Release a, b, other;
  Hold("k", false, "a", a);
  Hold("k", false, "b", b);
  Hold("other", false, "o", other);  // another key does not wait
  EXPECT_EQ(events_, (std::vector<std::string>{"a+", "o+"}));
  a();
  EXPECT_EQ(events_, (std::vector<std::string>{"a+", "o+", "b+"}));
  b();
  other();
}

TEST_F(KeySerializerTest, SharedWorksRunTogetherAndAnExclusiveOneWaitsForAll) {
  KeySerializer::Release s1, s2, x;
  Hold("bucket", true, "s1", s1);
  Hold("bucket", true, "s2", s2);
  Hold("bucket", false, "x", x);
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+", "s2+"}));
  s1();
  EXPECT_EQ(events_.size(), 2u);  // s2 still holds it
  s2();
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+", "s2+", "x+"}));
  x();
}

TEST_F(KeySerializerTest, SharedWorksArrivingAfterAWaitingExclusiveOneQueueBehindIt) {
  KeySerializer::Release s1, x, s2, s3, y;
  Hold("bucket", true, "s1", s1);
  Hold("bucket", false, "x", x);   // waits for s1
  Hold("bucket", true, "s2", s2);  // would starve x if it joined s1
  Hold("bucket", true, "s3", s3);
  Hold("bucket", false, "y", y);
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+"}));
  s1();
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+", "x+"}));
  x();  // both shared works that queued behind x start together; y waits for them
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+", "x+", "s2+", "s3+"}));
  s3();
  s2();
  EXPECT_EQ(events_, (std::vector<std::string>{"s1+", "x+", "s2+", "s3+", "y+"}));
  y();
  // Everything released: the key is free again for either kind.
  KeySerializer::Release again;
  Hold("bucket", false, "z", again);
  EXPECT_EQ(events_.back(), "z+");
  again();
}

TEST_F(KeySerializerTest, RunAllTakesEveryKeyInOrder) {
  KeySerializer::Release first, all;
  Hold("b", false, "first", first);
  writers_.RunAll({"a", "b"}, [this, &all](KeySerializer::Release release) {
    events_.push_back("all+");
    all = std::move(release);
  });
  KeySerializer::Release a_after;
  Hold("a", false, "a", a_after);  // "a" is held by RunAll while it waits for "b"
  EXPECT_EQ(events_, (std::vector<std::string>{"first+"}));
  first();
  EXPECT_EQ(events_, (std::vector<std::string>{"first+", "all+"}));
  all();
  EXPECT_EQ(events_, (std::vector<std::string>{"first+", "all+", "a+"}));
  a_after();
}

TEST_F(KeySerializerTest, ASecondReleaseOfOneHoldStopsTheProcess) {
  KeySerializer::Release held;
  Hold("k", true, "s", held);
  held();
  EXPECT_DEATH(held(), "");
}

// Threads taking one key shared and exclusively, released from other threads and started by a
// real handoff: an exclusive holder never overlaps another holder, and every work runs.
TEST(KeySerializerThreadsTest, ExclusiveHoldersNeverOverlapAnyHolder) {
  std::mutex tasks_mu;
  std::vector<std::thread> handoffs;
  KeySerializer writers([&](std::function<void()> task) {
    std::lock_guard lock(tasks_mu);
    handoffs.emplace_back(std::move(task));
  });
  std::atomic<int> shared_in{0}, exclusive_in{0}, ran{0}, released{0};
  std::atomic<bool> overlap{false};
  constexpr int kThreads = 4, kWorks = 300;
  std::vector<std::thread> callers;
  for (int t = 0; t < kThreads; ++t) {
    callers.emplace_back([&, t] {
      for (int i = 0; i < kWorks; ++i) {
        const bool shared = (i + t) % 3 != 0;
        auto work = [&, shared](KeySerializer::Release release) {
          if (shared) {
            if (exclusive_in.load() != 0) overlap = true;
            ++shared_in;
          } else {
            if (exclusive_in.fetch_add(1) != 0 || shared_in.load() != 0) overlap = true;
          }
          ++ran;
          std::thread([&, shared, release = std::move(release)] {  // released elsewhere
            if (shared) {
              --shared_in;
            } else {
              --exclusive_in;
            }
            release();
            ++released;
          }).detach();
        };
        shared ? writers.RunShared("bucket", work) : writers.Run("bucket", work);
      }
    });
  }
  for (std::thread& c : callers) c.join();
  // Every work ran and was released (the serializer outlives the last release).
  for (int waited = 0; released.load() < kThreads * kWorks && waited < 20000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_EQ(released.load(), kThreads * kWorks);
  EXPECT_EQ(ran.load(), kThreads * kWorks);
  EXPECT_FALSE(overlap.load());
  std::lock_guard lock(tasks_mu);
  for (std::thread& h : handoffs) h.join();
}

}  // namespace
}  // namespace skybox::s3
