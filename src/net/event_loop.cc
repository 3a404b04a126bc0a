#include "net/event_loop.h"

#include "net/http_connection.h"

namespace skybox::net {

EventLoop::EventLoop(std::chrono::milliseconds shutdown_deadline)
    : work_(context_.get_executor()),
      drain_deadline_(context_),
      shutdown_deadline_(shutdown_deadline) {}

void EventLoop::Attach(HttpConnection* connection) {
  connection->loop_slot = connections_.size();
  connections_.push_back(connection);
}

void EventLoop::Detach(HttpConnection* connection) {
  size_t slot = connection->loop_slot;
  connections_[slot] = connections_.back();
  connections_[slot]->loop_slot = slot;
  connections_.pop_back();
  FinishIfDrained();
}

void EventLoop::BeginDrain() {
  if (draining_) return;
  draining_ = true;
  drain_deadline_.expires_after(shutdown_deadline_);
  drain_deadline_.async_wait([this](boost::system::error_code ec) {
    if (ec) return;
    std::vector<HttpConnection*> left = connections_;
    for (HttpConnection* c : left) c->Close();
  });
  std::vector<HttpConnection*> open = connections_;
  for (HttpConnection* c : open) c->Drain();
  FinishIfDrained();
}

void EventLoop::FinishIfDrained() {
  if (!draining_ || finished_ || !connections_.empty()) return;
  finished_ = true;
  drain_deadline_.cancel();
  work_.reset();
}

}  // namespace skybox::net
