// HttpSink: delivers envelopes whose target is an http:// or https:// URL by POSTing the body
// with the envelope's headers. A 2xx answer is delivered; anything else (an error status, no
// answer within the timeout, a refused connection) is retried per the envelope's policy.
//
// Thread-safety: Deliver may be called from any thread; the POSTs run on the sink's own small
// thread pool, so a slow endpoint never blocks the dispatcher. Destruction answers every queued
// delivery with a retry and joins the threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "services/delivery/sink.h"

namespace skybox::services::delivery {

class HttpSink : public Sink {
 public:
  explicit HttpSink(size_t threads = 4, std::chrono::milliseconds timeout = std::chrono::seconds(15));
  ~HttpSink() override;

  void Deliver(Envelope envelope, std::function<void(DeliveryResult)> done) override;

 private:
  struct Job {
    Envelope envelope;
    std::function<void(DeliveryResult)> done;
  };
  void Work();

  const std::chrono::milliseconds timeout_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::deque<Job> jobs_;  // guarded by mu_
  bool stopping_ = false;  // guarded by mu_
  std::vector<std::thread> threads_;
};

}  // namespace skybox::services::delivery
