#include "services/s3/blob/worker_pool.h"

#include <pthread.h>

#include <algorithm>
#include <utility>

namespace skybox::s3 {

WorkerPool::WorkerPool(size_t threads, std::string name)
    : name_(std::move(name)),
      queue_depth_(MetricsRegistry::Global().GetGauge(
          "skybox_worker_queue_depth", "Tasks waiting for a worker thread, by pool.",
          {{"pool", name_}})) {
  threads = std::max<size_t>(threads, 1);
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back([this] { Run(); });
    // Linux limits thread names to 15 characters.
    pthread_setname_np(threads_.back().native_handle(), name_.substr(0, 15).c_str());
  }
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::Post(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(task));
  }
  queue_depth_.Add(1);
  wake_.notify_one();
}

void WorkerPool::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to drain
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    queue_depth_.Add(-1);
    task();
  }
}

}  // namespace skybox::s3
