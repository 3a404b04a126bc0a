#include "net/log_throttle.h"

#include <gtest/gtest.h>

namespace skybox::net {
namespace {

using namespace std::chrono_literals;

TEST(LogThrottleTest, LogsFirstThenOncePerIntervalWithSuppressedCount) {
  LogThrottle throttle(10s);
  LogThrottle::Clock::time_point t0{};
  EXPECT_EQ(throttle.Admit(t0), 0u);
  // ~20 failures a second, as with EMFILE and a 50 ms back-off.
  for (int i = 1; i < 200; ++i) EXPECT_FALSE(throttle.Admit(t0 + i * 50ms)) << i;
  EXPECT_EQ(throttle.Admit(t0 + 10s), 199u);
  EXPECT_FALSE(throttle.Admit(t0 + 10s + 50ms));
  // After a quiet spell the next failure is logged at once.
  EXPECT_EQ(throttle.Admit(t0 + 60s), 1u);
}

}  // namespace
}  // namespace skybox::net
