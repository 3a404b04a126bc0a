// An HttpServer running on its own thread for the duration of a test, with a handler made of
// lambdas, for net_test.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "net/http_server.h"

namespace skybox::net::testing {

using HandleFn = std::function<void(HttpRequest, HttpReply)>;
using RejectFn = std::function<HttpResponse(int, std::string_view, const HttpRequest*)>;

// Handle() calls `fn`; OnRejected() calls `reject`, or the default hook when it is empty.
class FunctionHandler : public HttpHandler {
 public:
  explicit FunctionHandler(HandleFn fn, RejectFn reject = nullptr);
  void Handle(HttpRequest request, HttpReply reply) override;
  HttpResponse OnRejected(int status, std::string_view reason,
                          const HttpRequest* head) override;

 private:
  HandleFn fn_;
  RejectFn reject_;
};

// Answers "<METHOD> <target> <body>" at once.
void Echo(HttpRequest request, HttpReply reply);

// Port 0, two loops, no signal handling, a 2 s shutdown deadline.
HttpServerOptions TestOptions();

// "GET <target> HTTP/1.1" with a Host field, `extra` (whole field lines) and the blank line.
std::string Get(const std::string& target, const std::string& extra = "");

// Creates the server (a test failure if that fails), runs it on a thread, and shuts it down
// and joins in the destructor.
class RunningServer {
 public:
  explicit RunningServer(HttpServerOptions options = TestOptions(), HandleFn fn = Echo,
                         RejectFn reject = nullptr);
  ~RunningServer();

  uint16_t port() const { return server_->port(); }
  HttpServer& server() { return *server_; }
  void Stop();
  bool finished() const { return finished_; }

 private:
  FunctionHandler handler_;
  std::unique_ptr<HttpServer> server_;
  std::thread runner_;
  std::atomic<bool> finished_{false};
};

}  // namespace skybox::net::testing
