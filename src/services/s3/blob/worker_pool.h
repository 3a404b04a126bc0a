// WorkerPool: a fixed set of threads for blocking work (blob writes + fsync, link, copy,
// remove) that must never run on an event loop.
//
// The queue is unbounded so Post never blocks its caller (an event loop must not wait for a
// slow disk); backpressure belongs to the caller, which bounds its own in-flight work (e.g. one
// outstanding write per upload stream). The queue depth is exported as the gauge
// skybox_worker_queue_depth{pool="<name>"} so a disk that cannot keep up shows.
//
// Tasks run in FIFO order across the threads; they must not throw (a throw terminates). A task
// may Post more tasks. Destruction runs every queued task (including ones posted meanwhile by
// tasks), then joins the threads; Post from other threads must have stopped by then.
//
// Thread-safety: Post may be called from any thread concurrently.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/metrics.h"

namespace skybox::s3 {

class WorkerPool {
 public:
  // Starts `threads` threads (at least one) named after `name` (for metrics and debuggers).
  WorkerPool(size_t threads, std::string name);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task` to run on one of the pool's threads. Never blocks on the queue.
  void Post(std::function<void()> task);

 private:
  void Run();

  const std::string name_;
  Gauge& queue_depth_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                    // GUARDED_BY(mu_)
  std::vector<std::thread> threads_;
};

}  // namespace skybox::s3
