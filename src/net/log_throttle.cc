#include "net/log_throttle.h"

namespace skybox::net {

std::optional<uint64_t> LogThrottle::Admit(Clock::time_point now) {
  if (last_logged_ && now - *last_logged_ < interval_) {
    ++suppressed_;
    return std::nullopt;
  }
  last_logged_ = now;
  uint64_t suppressed = suppressed_;
  suppressed_ = 0;
  return suppressed;
}

}  // namespace skybox::net
