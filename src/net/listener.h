// Listener: the listening socket. Accepts on loop 0 and deals connections round-robin to the
// event loops; pauses accepting while max_connections are open. Internal to net/.
//
// Why one acceptor instead of one SO_REUSEPORT acceptor per loop: with keep-alive, accepting
// is far off the hot path, and SO_REUSEPORT would let a second Skybox on the same port bind
// silently and take half the connections instead of failing with "address already in use".
//
// Thread-safety: Open() before the loops run; Start()/Stop() post to loop 0;
// OnConnectionClosed() from any thread.
#pragma once

#include <utility>  // before Boost headers (std::exchange with g++ 12)

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "net/log_throttle.h"
#include "net/server_state.h"

namespace skybox::net {

class EventLoop;

class Listener {
 public:
  // `loops` must outlive the listener; the acceptor runs on loops[0].
  Listener(std::vector<EventLoop*> loops, ServerState& state);

  // Binds and listens. Errors read "cannot listen on <address>:<port>: <reason>".
  Status Open(const std::string& address, uint16_t port);
  uint16_t port() const { return port_; }

  void Start();
  void Stop();
  void OnConnectionClosed();

 private:
  void Accept();
  void OnAccept(boost::system::error_code ec, boost::asio::ip::tcp::socket socket,
                EventLoop* loop);

  std::vector<EventLoop*> loops_;
  ServerState& state_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;  // backs off after accept errors such as EMFILE
  LogThrottle accept_warnings_;            // loop 0 only
  uint16_t port_ = 0;
  size_t next_loop_ = 0;
  bool stopped_ = false;  // loop 0 only
  std::atomic<size_t> open_connections_{0};
  std::atomic<bool> paused_{false};
};

}  // namespace skybox::net
