// HttpServer: the HTTP/1.1 front door. Accepts TCP connections, parses requests with limits
// and timeouts, hands each complete request to an HttpHandler and writes its reply.
//
// Threading: `threads` event loops (one io_context each, one thread each). A single acceptor
// on loop 0 deals accepted connections round-robin to the loops; a connection then lives on
// its loop for good, and the handler is called on that loop's thread. Replies may come from
// any thread; they are posted back to the connection's loop.
//
// Thread-safety: Create/Run/destroy from one thread; Shutdown() and port() from any thread.
// Lifetime: the handler must outlive the server, and must not call a reply after the server
// is destroyed (drain worker threads that hold replies before destroying the server).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/result.h"
#include "net/http_message.h"

namespace skybox::net {

struct HttpServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 4566;  // 0 = any free port (see HttpServer::port())
  int threads = 0;       // event loops; 0 = one per core
  size_t max_header_bytes = 16 * 1024;   // request line + fields; bigger -> 431
  size_t max_url_bytes = 8 * 1024;       // request-target; bigger -> 414
  uint64_t max_body_bytes = 32ull << 20;  // bigger -> 413 (before any body byte is read)
  // Limit for bodies the handler streams (HttpHandler::WantsBodyStream): 5 GiB S3 objects
  // plus aws-chunked framing.
  uint64_t max_streamed_body_bytes = 6ull << 30;
  size_t max_connections = 10000;        // at the limit, accepting pauses until one closes
  // Time allowed to receive a whole request head, counted from its first byte; for the first
  // request on a connection, counted from the accept.
  std::chrono::milliseconds header_timeout = std::chrono::seconds(10);
  // How long a keep-alive connection may wait for its next request; also bounds a response
  // write to a client that does not read.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(60);
  // Longest wait for the next piece of a request body.
  std::chrono::milliseconds body_timeout = std::chrono::seconds(30);
  // Once a body has been arriving for body_timeout, its average rate since its start must
  // stay at or above this, else 408 (a trickle under body_timeout per piece would otherwise
  // hold the connection forever). 0 disables the check.
  uint64_t min_body_bytes_per_second = 1024;
  // After Shutdown(), in-flight requests get this long to finish before connections are cut.
  std::chrono::milliseconds shutdown_deadline = std::chrono::seconds(10);
  std::string server_header = "Skybox";
  // SIGINT/SIGTERM start a graceful shutdown: caught from Create() on, acted upon in Run().
  bool handle_signals = true;
  // Called once, on the thread that started the shutdown, when a shutdown begins.
  std::function<void()> on_shutdown_started;
};

class HttpServer {
 public:
  // Binds and listens on options.address:options.port at once. Fails with a Status such as
  // "cannot listen on 127.0.0.1:4566: address already in use" or an invalid-address error.
  // `handler` is not owned.
  static Result<std::unique_ptr<HttpServer>> Create(HttpServerOptions options,
                                                    HttpHandler* handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // The port actually bound (the kernel's choice when 0 was asked).
  uint16_t port() const;

  // Runs the event loops on this thread plus threads-1 others; returns after a shutdown
  // (Shutdown() or a signal) has completed and every connection is closed. Call once.
  void Run();

  // Starts a graceful shutdown: stop accepting, close idle connections, let in-flight
  // requests finish (answered with `Connection: close`) until shutdown_deadline, then close
  // the rest. Idempotent; may be called before or during Run().
  void Shutdown();

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace skybox::net
