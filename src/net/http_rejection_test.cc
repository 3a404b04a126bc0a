// HttpHandler::OnRejected: what net/ tells the layer above about the requests it refuses,
// and how it writes the answer.
#include <gtest/gtest.h>

#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "net/http_test_client.h"
#include "net/http_test_server.h"

namespace skybox::net {
namespace {

using namespace std::chrono_literals;
using testing::Echo;
using testing::RunningServer;
using testing::TestClient;
using testing::TestOptions;

// What OnRejected saw, copied on the loop thread.
struct SeenRejection {
  int status = 0;
  std::string reason;
  std::optional<HttpRequest> head;
};

// A server whose OnRejected answers in a protocol's own format (as the AWS layer does) and
// records each call.
class RejectionRecordingServer {
 public:
  explicit RejectionRecordingServer(HttpServerOptions options = TestOptions())
      : server_(std::move(options), Echo,
                [this](int status, std::string_view reason, const HttpRequest* head) {
                  std::lock_guard<std::mutex> lock(mu_);
                  seen_.push_back({status, std::string(reason),
                                   head ? std::optional<HttpRequest>(*head) : std::nullopt});
                  HttpResponse response;
                  response.status = 200;  // net/ must keep its own status
                  response.SetHeader("Content-Type", "application/xml");
                  response.SetHeader("Connection", "keep-alive");  // net/ must force close
                  response.SetHeader("x-amz-request-id", "REQ1");
                  response.body = "<Error><Message>" + std::string(reason) + "</Message></Error>";
                  return response;
                }) {}

  uint16_t port() const { return server_.port(); }
  std::vector<SeenRejection> seen() {
    std::lock_guard<std::mutex> lock(mu_);
    return seen_;
  }

 private:
  std::mutex mu_;
  std::vector<SeenRejection> seen_;
  RunningServer server_;
};

// Sends `request`, expects the hook's response with `status`, then a close.
SeenRejection ExpectHookAnswer(RejectionRecordingServer& server, const std::string& request,
                               int status) {
  TestClient client(server.port());
  client.Send(request);
  auto response = client.ReadResponse(false, 3s);
  EXPECT_TRUE(response);
  if (!response) return {};
  EXPECT_EQ(response->status, status);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_EQ(response->Header("x-amz-request-id"), "REQ1");
  EXPECT_EQ(response->Header("content-type"), "application/xml");
  EXPECT_EQ(response->body.rfind("<Error><Message>", 0), 0u) << response->body;
  EXPECT_TRUE(client.WaitForClose(2s));
  auto seen = server.seen();
  EXPECT_EQ(seen.size(), 1u);
  return seen.empty() ? SeenRejection{} : seen.back();
}

TEST(HttpRejectionHookTest, TooLargeContentLengthCarriesTheHead) {
  HttpServerOptions options = TestOptions();
  options.max_body_bytes = 1000;
  RejectionRecordingServer server(options);
  SeenRejection seen = ExpectHookAnswer(
      server,
      "PUT /bucket/key?x=1 HTTP/1.1\r\nHost: t\r\nX-Amz-Content-Sha256: UNSIGNED-PAYLOAD\r\n"
      "Content-Length: 5000\r\n\r\n" + std::string(100, 'b'),
      413);
  EXPECT_EQ(seen.status, 413);
  EXPECT_EQ(seen.reason, "request body too large");
  ASSERT_TRUE(seen.head);
  EXPECT_EQ(seen.head->method, "PUT");
  EXPECT_EQ(seen.head->target, "/bucket/key?x=1");
  EXPECT_EQ(seen.head->Header("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(seen.head->remote_address, "127.0.0.1");
  EXPECT_TRUE(seen.head->body.empty());
}

TEST(HttpRejectionHookTest, BodyTimeoutCarriesTheHeadWithoutTheBody) {
  HttpServerOptions options = TestOptions();
  options.body_timeout = 150ms;
  RejectionRecordingServer server(options);
  SeenRejection seen = ExpectHookAnswer(
      server, "PUT /o HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc", 408);
  ASSERT_TRUE(seen.head);
  EXPECT_EQ(seen.head->target, "/o");
  EXPECT_TRUE(seen.head->body.empty());
}

TEST(HttpRejectionHookTest, UnsupportedTransferEncodingCarriesTheHead) {
  RejectionRecordingServer server;
  SeenRejection seen = ExpectHookAnswer(
      server, "POST /q HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
  ASSERT_TRUE(seen.head);
  EXPECT_EQ(seen.head->method, "POST");
  EXPECT_EQ(seen.head->Header("transfer-encoding"), "gzip");
}

TEST(HttpRejectionHookTest, MalformedHeadHasNoHead) {
  RejectionRecordingServer server;
  SeenRejection seen = ExpectHookAnswer(server, "HELLO\r\n\r\n", 400);
  EXPECT_EQ(seen.reason, "bad request");
  EXPECT_FALSE(seen.head);
}

TEST(HttpRejectionHookTest, HeadTimeoutHasNoHead) {
  HttpServerOptions options = TestOptions();
  options.header_timeout = 150ms;
  RejectionRecordingServer server(options);
  SeenRejection seen = ExpectHookAnswer(server, "GET / HTTP/1.1\r\nHost:", 408);
  EXPECT_EQ(seen.reason, "request head not received in time");
  EXPECT_FALSE(seen.head);
}

TEST(HttpRejectionHookTest, ThrowingHookFallsBackToPlainText) {
  RunningServer server(TestOptions(), Echo,
                       [](int, std::string_view, const HttpRequest*) -> HttpResponse {
                         throw std::runtime_error("hook bug");
                       });
  TestClient client(server.port());
  client.Send("HELLO\r\n\r\n");
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(response->Header("content-type"), "text/plain");
  EXPECT_EQ(response->body, "bad request\n");
  EXPECT_TRUE(client.WaitForClose(2s));
}

}  // namespace
}  // namespace skybox::net
