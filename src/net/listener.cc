#include "net/listener.h"

#include <boost/asio/post.hpp>
#include <cctype>
#include <memory>

#include "base/log.h"
#include "net/event_loop.h"
#include "net/http_connection.h"

namespace skybox::net {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

constexpr std::chrono::milliseconds kAcceptRetryDelay(50);
// Out of file descriptors, accept fails every kAcceptRetryDelay; one line per this is plenty.
constexpr std::chrono::seconds kAcceptWarningInterval(10);

std::string HostPort(const std::string& address, uint16_t port) {
  bool v6 = address.find(':') != std::string::npos;
  return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

std::string Reason(const error_code& ec) {
  std::string text = ec.message();
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

Listener::Listener(std::vector<EventLoop*> loops, ServerState& state)
    : loops_(std::move(loops)),
      state_(state),
      acceptor_(loops_[0]->context()),
      retry_timer_(loops_[0]->context()),
      accept_warnings_(kAcceptWarningInterval) {}

Status Listener::Open(const std::string& address, uint16_t port) {
  error_code ec;
  asio::ip::address ip = asio::ip::make_address(address, ec);
  if (ec) return InvalidArgument("cannot listen on " + HostPort(address, port) +
                                 ": not an IP address");
  tcp::endpoint endpoint(ip, port);
  auto fail = [&](const error_code& e) {
    return Status(StatusCode::kUnavailable,
                  "cannot listen on " + HostPort(address, port) + ": " + Reason(e));
  };
  if (acceptor_.open(endpoint.protocol(), ec)) return fail(ec);
  // SO_REUSEADDR lets a restart bind while old connections sit in TIME_WAIT; on Linux it
  // does not let two listeners share the port.
  if (acceptor_.set_option(tcp::acceptor::reuse_address(true), ec)) return fail(ec);
  if (acceptor_.bind(endpoint, ec)) return fail(ec);
  if (acceptor_.listen(tcp::socket::max_listen_connections, ec)) return fail(ec);
  port_ = acceptor_.local_endpoint(ec).port();
  if (ec) return fail(ec);
  return Status::Ok();
}

void Listener::Start() {
  asio::post(loops_[0]->context(), [this] { Accept(); });
}

void Listener::Stop() {
  asio::post(loops_[0]->context(), [this] {
    stopped_ = true;
    error_code ignored;
    acceptor_.close(ignored);
    retry_timer_.cancel();
  });
}

void Listener::OnConnectionClosed() {
  open_connections_.fetch_sub(1);
  if (paused_.exchange(false)) asio::post(loops_[0]->context(), [this] { Accept(); });
}

void Listener::Accept() {
  if (stopped_) return;
  if (open_connections_.load() >= state_.options.max_connections) {
    paused_.store(true);
    if (open_connections_.load() >= state_.options.max_connections) {
      state_.metrics.paused_at_connection_limit.Inc();
      return;
    }
    // A connection closed between the check and the store. If it saw the pause it has
    // already scheduled Accept(); otherwise take the pause back and go on.
    if (!paused_.exchange(false)) return;
  }
  EventLoop* loop = loops_[next_loop_++ % loops_.size()];
  acceptor_.async_accept(loop->context(), [this, loop](error_code ec, tcp::socket socket) {
    OnAccept(ec, std::move(socket), loop);
  });
}

void Listener::OnAccept(error_code ec, tcp::socket socket, EventLoop* loop) {
  if (stopped_) return;
  if (ec) {
    if (auto suppressed = accept_warnings_.Admit(LogThrottle::Clock::now())) {
      Log(LogLevel::kWarn, "accept failed",
          {{"error", ec.message()}, {"suppressed_since_last", std::to_string(*suppressed)}});
    }
    retry_timer_.expires_after(kAcceptRetryDelay);
    retry_timer_.async_wait([this](error_code e) {
      if (!e) Accept();
    });
    return;
  }
  open_connections_.fetch_add(1);
  auto connection = std::make_shared<HttpConnection>(std::move(socket), *loop, state_);
  asio::post(loop->context(), [connection] { connection->Start(); });
  Accept();
}

}  // namespace skybox::net
