#include "base/periodic_worker.h"

#include <algorithm>

namespace skybox {

void PeriodicWorker::Start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mu_);
    std::chrono::steady_clock::duration wait = interval_;
    while (!stopping_) {
      wake_.wait_for(lock, wait, [this] { return stopping_; });
      if (stopping_) break;
      lock.unlock();
      auto started = std::chrono::steady_clock::now();
      pass_();
      wait = std::max<std::chrono::steady_clock::duration>(interval_,
                                                           (std::chrono::steady_clock::now() - started) * kIdleFactor);
      lock.lock();
    }
  });
}

void PeriodicWorker::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace skybox
