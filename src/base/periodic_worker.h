// PeriodicWorker: a background thread that runs one pass of some housekeeping (DynamoDB TTL
// expiry, S3 lifecycle, EventBridge schedules) every `interval`, and stops promptly when asked.
// Passes may block (they wait for commits); they never run on an event loop. A pass that scans
// a lot of data takes long: after a pass of duration T the next starts no sooner than
// kIdleFactor * T later, so housekeeping uses at most about a tenth of a core however much data
// it has to look at.
//
// Thread-safety: Start and Stop may be called from any thread; Stop joins, so never call it
// from the pass itself.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace skybox {

class PeriodicWorker {
 public:
  static constexpr int kIdleFactor = 9;

  PeriodicWorker(std::chrono::milliseconds interval, std::function<void()> pass)
      : interval_(interval), pass_(std::move(pass)) {}
  ~PeriodicWorker() { Stop(); }
  PeriodicWorker(const PeriodicWorker&) = delete;
  PeriodicWorker& operator=(const PeriodicWorker&) = delete;

  // Starts the thread; the first pass runs one interval from now.
  void Start();
  // Lets a running pass finish, then joins the thread. Idempotent.
  void Stop();

 private:
  const std::chrono::milliseconds interval_;
  const std::function<void()> pass_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // GUARDED_BY(mu_)
  std::thread thread_;
};

}  // namespace skybox
