#include "net/http_server.h"

#include <utility>  // before Boost headers (std::exchange with g++ 12)

#include <algorithm>
#include <atomic>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <optional>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

#include "base/log.h"
#include "net/event_loop.h"
#include "net/listener.h"
#include "net/server_state.h"

namespace skybox::net {

class HttpServer::Impl {
 public:
  Impl(HttpServerOptions options, HttpHandler* handler) {
    state_.options = std::move(options);
    state_.limits = {state_.options.max_header_bytes, state_.options.max_url_bytes,
                     state_.options.max_body_bytes, state_.options.max_streamed_body_bytes};
    state_.handler = handler;
    int threads = state_.options.threads > 0
                      ? state_.options.threads
                      : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    std::vector<EventLoop*> raw;
    for (int i = 0; i < threads; ++i) {
      loops_.push_back(std::make_unique<EventLoop>(state_.options.shutdown_deadline));
      raw.push_back(loops_.back().get());
    }
    listener_.emplace(std::move(raw), state_);
    state_.connection_closed = [this] { listener_->OnConnectionClosed(); };
  }

  Status Open() {
    SKYBOX_RETURN_IF_ERROR(listener_->Open(state_.options.address, state_.options.port));
    // Catch signals from now on, not from Run(): a SIGTERM that arrives once the caller has
    // announced readiness must start a graceful shutdown, never kill the process.
    if (state_.options.handle_signals) {
      signals_.emplace(loops_[0]->context(), SIGINT, SIGTERM);
      signals_->async_wait([this](boost::system::error_code ec, int signal) {
        if (ec) return;
        Log(LogLevel::kInfo, "shutting down", {{"signal", std::to_string(signal)}});
        Shutdown();
      });
    }
    return Status::Ok();
  }
  uint16_t port() const { return listener_->port(); }

  void Run() {
    listener_->Start();
    std::vector<std::thread> threads;
    for (size_t i = 1; i < loops_.size(); ++i) {
      threads.emplace_back([loop = loops_[i].get()] { loop->Run(); });
      pthread_setname_np(threads.back().native_handle(), ("http-loop-" + std::to_string(i)).c_str());
    }
    loops_[0]->Run();
    for (std::thread& t : threads) t.join();
  }

  void Shutdown() {
    if (shutting_down_.exchange(true)) return;
    if (state_.options.on_shutdown_started) state_.options.on_shutdown_started();
    listener_->Stop();
    boost::asio::post(loops_[0]->context(), [this] {
      if (signals_) signals_->cancel();
    });
    for (auto& loop : loops_) {
      boost::asio::post(loop->context(), [l = loop.get()] { l->BeginDrain(); });
    }
  }

 private:
  ServerState state_;
  // Declared after state_ and before the objects bound to their io_contexts, so those are
  // destroyed first.
  std::vector<std::unique_ptr<EventLoop>> loops_;
  std::optional<Listener> listener_;
  std::optional<boost::asio::signal_set> signals_;
  std::atomic<bool> shutting_down_{false};
};

Result<std::unique_ptr<HttpServer>> HttpServer::Create(HttpServerOptions options,
                                                       HttpHandler* handler) {
  auto impl = std::make_unique<Impl>(std::move(options), handler);
  SKYBOX_RETURN_IF_ERROR(impl->Open());
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() = default;

uint16_t HttpServer::port() const { return impl_->port(); }
void HttpServer::Run() { impl_->Run(); }
void HttpServer::Shutdown() { impl_->Shutdown(); }

}  // namespace skybox::net
