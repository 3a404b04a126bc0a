// LogThrottle: keeps a warning that can repeat many times a second (accept failing while file
// descriptors are exhausted) from flooding the log: the first occurrence is logged, then at
// most one per interval, each saying how many were left out since the previous line.
// Internal to net/.
//
// Thread-safety: none; owned by one thread (the listener's loop).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>

namespace skybox::net {

class LogThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit LogThrottle(Clock::duration interval) : interval_(interval) {}

  // Records one occurrence at `now`. Returns the number of occurrences suppressed since the
  // last logged one when this one should be logged, nullopt when it should be suppressed.
  std::optional<uint64_t> Admit(Clock::time_point now);

 private:
  Clock::duration interval_;
  std::optional<Clock::time_point> last_logged_;
  uint64_t suppressed_ = 0;
};

}  // namespace skybox::net
