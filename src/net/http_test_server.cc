#include "net/http_test_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <utility>

namespace skybox::net::testing {

FunctionHandler::FunctionHandler(HandleFn fn, RejectFn reject)
    : fn_(std::move(fn)), reject_(std::move(reject)) {}

void FunctionHandler::Handle(HttpRequest request, HttpReply reply) {
  fn_(std::move(request), std::move(reply));
}

HttpResponse FunctionHandler::OnRejected(int status, std::string_view reason,
                                         const HttpRequest* head) {
  if (!reject_) return HttpHandler::OnRejected(status, reason, head);
  return reject_(status, reason, head);
}

void Echo(HttpRequest request, HttpReply reply) {
  HttpResponse response;
  response.body = request.method + " " + request.target + " " + request.body;
  reply(std::move(response));
}

HttpServerOptions TestOptions() {
  HttpServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.handle_signals = false;
  options.shutdown_deadline = std::chrono::seconds(2);
  return options;
}

std::string Get(const std::string& target, const std::string& extra) {
  return "GET " + target + " HTTP/1.1\r\nHost: t\r\n" + extra + "\r\n";
}

RunningServer::RunningServer(HttpServerOptions options, HandleFn fn, RejectFn reject)
    : handler_(std::move(fn), std::move(reject)) {
  auto server = HttpServer::Create(std::move(options), &handler_);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(server).value();
  runner_ = std::thread([this] {
    server_->Run();
    finished_ = true;
  });
}

RunningServer::~RunningServer() { Stop(); }

void RunningServer::Stop() {
  server_->Shutdown();
  if (runner_.joinable()) runner_.join();
}

}  // namespace skybox::net::testing
