// EventLoop: one io_context run by one thread, and the connections that live on it.
// Internal to net/.
//
// Thread-safety: context() from any thread (posting is thread-safe); everything else only on
// the loop's own thread.
#pragma once

#include <utility>  // before Boost headers (std::exchange with g++ 12)

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <vector>

namespace skybox::net {

class HttpConnection;

class EventLoop {
 public:
  explicit EventLoop(std::chrono::milliseconds shutdown_deadline);
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  boost::asio::io_context& context() { return context_; }

  // Runs until BeginDrain() has closed every connection on this loop.
  void Run() { context_.run(); }

  void Attach(HttpConnection* connection);
  void Detach(HttpConnection* connection);
  bool draining() const { return draining_; }

  // Graceful shutdown of this loop: idle connections close now, busy ones after their current
  // response, and whatever is left at the shutdown deadline is cut. Once no connection is left
  // the loop stops holding work, so Run() returns.
  void BeginDrain();

 private:
  void FinishIfDrained();

  boost::asio::io_context context_{1};
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  boost::asio::steady_timer drain_deadline_;
  std::chrono::milliseconds shutdown_deadline_;
  std::vector<HttpConnection*> connections_;  // a connection knows its index (loop_slot)
  bool draining_ = false;
  bool finished_ = false;
};

}  // namespace skybox::net
