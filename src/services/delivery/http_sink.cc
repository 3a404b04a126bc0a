#include "services/delivery/http_sink.h"

#include "services/delivery/http_post.h"

namespace skybox::services::delivery {

HttpSink::HttpSink(size_t threads, std::chrono::milliseconds timeout) : timeout_(timeout) {
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

HttpSink::~HttpSink() {
  std::deque<Job> left;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    left.swap(jobs_);
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
  for (auto& job : left) job.done(DeliveryResult::Retry("server stopping"));
}

void HttpSink::Deliver(Envelope envelope, std::function<void(DeliveryResult)> done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      jobs_.push_back({std::move(envelope), std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(DeliveryResult::Retry("server stopping"));
}

void HttpSink::Work() {
  for (;;) {
    Job job;
    {
      std::unique_lock lock(mu_);
      wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (stopping_) return;
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    HttpPostResult r = HttpPost(job.envelope.target, job.envelope.http_headers, job.envelope.body, timeout_);
    if (r.status >= 200 && r.status < 300) {
      job.done(DeliveryResult::Delivered());
    } else {
      job.done(DeliveryResult::Retry(r.status != 0 ? "HTTP " + std::to_string(r.status) : r.error));
    }
  }
}

}  // namespace skybox::services::delivery
