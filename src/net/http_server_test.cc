#include "net/http_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/metrics.h"
#include "net/http_test_client.h"
#include "net/http_test_server.h"

namespace skybox::net {
namespace {

using namespace std::chrono_literals;
using testing::Echo;
using testing::FunctionHandler;
using testing::Get;
using testing::RunningServer;
using testing::TestClient;
using testing::TestOptions;

TEST(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  RunningServer server;
  TestClient client(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(Get("/r" + std::to_string(i))));
    auto response = client.ReadResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 200);
    EXPECT_EQ(response->body, "GET /r" + std::to_string(i) + " ");
    EXPECT_EQ(response->Header("server"), "Skybox");
    EXPECT_FALSE(response->Header("date").empty());
    EXPECT_EQ(response->Header("connection"), "");
  }
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  // The first request is answered late, from another thread; the others at once.
  RunningServer server(TestOptions(), [](HttpRequest request, HttpReply reply) {
    if (request.target == "/slow") {
      std::thread([request, reply] {
        std::this_thread::sleep_for(50ms);
        Echo(request, reply);
      }).detach();
      return;
    }
    Echo(std::move(request), std::move(reply));
  });
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/slow") + Get("/b") + Get("/c")));
  for (const char* target : {"/slow", "/b", "/c"}) {
    auto response = client.ReadResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->body, std::string("GET ") + target + " ");
  }
}

TEST(HttpServerTest, HeadAnnouncesLengthWithoutBody) {
  RunningServer server;
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("HEAD /x HTTP/1.1\r\nHost: t\r\n\r\n" + Get("/y")));
  auto head = client.ReadResponse(/*head_request=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->Header("content-length"), "8");  // "HEAD /x "
  auto next = client.ReadResponse();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "GET /y ");
}

TEST(HttpServerTest, Http10IsAnsweredAndClosed) {
  RunningServer server;
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("GET /old HTTP/1.0\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose(1s));
}

TEST(HttpServerTest, ExpectContinueAcceptedThenBodyRead) {
  RunningServer server;
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(
      "PUT /o HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n"));
  auto interim = client.ReadResponse();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.Send("hello"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "PUT /o hello");
}

TEST(HttpServerTest, ExpectContinueWithTooLargeBodyGets413AtOnce) {
  HttpServerOptions options = TestOptions();
  options.max_body_bytes = 1000;
  RunningServer server(options);
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(
      "PUT /o HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_TRUE(client.WaitForClose(2s));
}

TEST(HttpServerTest, ChunkedBodyIsReassembled) {
  RunningServer server;
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("POST /c HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "4\r\nWiki\r\n5\r\npedia\r\n"));
  std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(client.Send("E\r\n in\r\n\r\nchunks.\r\n0\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "POST /c Wikipedia in\r\n\r\nchunks.");
}

struct LimitCase {
  const char* name;
  std::string request;
  int status;
};

class HttpServerLimitTest : public ::testing::TestWithParam<LimitCase> {};

TEST_P(HttpServerLimitTest, AnswersErrorAndCloses) {
  HttpServerOptions options = TestOptions();
  options.max_header_bytes = 4096;
  options.max_url_bytes = 1024;
  options.max_body_bytes = 1 << 20;
  RunningServer server(options);
  TestClient client(server.port());
  client.Send(GetParam().request);
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, GetParam().status);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_FALSE(response->body.empty());
  EXPECT_TRUE(client.WaitForClose(2s));
}

INSTANTIATE_TEST_SUITE_P(
    Errors, HttpServerLimitTest,
    ::testing::Values(
        LimitCase{"malformed", "HELLO\r\n\r\n", 400},
        LimitCase{"header_too_large", Get("/", "X-Big: " + std::string(5000, 'h') + "\r\n"), 431},
        LimitCase{"url_too_long", Get("/" + std::string(2000, 'u')), 414},
        LimitCase{"url_longer_than_head", Get("/" + std::string(9000, 'u')), 414},
        LimitCase{"body_too_large",
                  "PUT / HTTP/1.1\r\nHost: t\r\nContent-Length: 2000000\r\n\r\n" +
                      std::string(1000, 'b'),
                  413},
        LimitCase{"transfer_encoding",
                  "PUT / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: br\r\n\r\n", 501},
        LimitCase{"missing_host", "GET / HTTP/1.1\r\nAccept: */*\r\n\r\n", 400},
        LimitCase{"obs_fold", Get("/", "X-Folded: one\r\n two\r\n"), 400}),
    [](const ::testing::TestParamInfo<LimitCase>& info) { return info.param.name; });

TEST(HttpServerTest, SlowlorisIsCutOffAfterHeaderTimeoutInTotal) {
  HttpServerOptions options = TestOptions();
  options.header_timeout = 300ms;
  RunningServer server(options);
  TestClient client(server.port());
  auto start = std::chrono::steady_clock::now();
  std::string head = "GET /slow HTTP/1.1\r\nX-Trickle: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  bool cut = false;
  for (char c : head) {
    if (!client.Send(std::string(1, c))) {
      cut = true;
      break;
    }
    if (!client.Silent(40ms)) {  // the server answered (408) or closed
      cut = true;
      break;
    }
  }
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(cut);
  EXPECT_GE(elapsed, 250ms);
  EXPECT_LT(elapsed, 1500ms);
}

TEST(HttpServerTest, StalledBodyIsCutOffAndCounted) {
  Counter& timeouts = MetricsRegistry::Global().GetCounter(
      "skybox_http_rejected_total", "", {{"reason", "body_timeout"}});
  uint64_t before = timeouts.Value();
  HttpServerOptions options = TestOptions();
  options.body_timeout = 200ms;
  RunningServer server(options);
  TestClient client(server.port());
  ASSERT_TRUE(client.Send("PUT /o HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc"));
  auto response = client.ReadResponse(false, 2s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 408);
  EXPECT_TRUE(client.WaitForClose(2s));
  EXPECT_EQ(timeouts.Value(), before + 1);
}

TEST(HttpServerTest, IdleKeepAliveConnectionIsClosed) {
  HttpServerOptions options = TestOptions();
  options.idle_timeout = 200ms;
  RunningServer server(options);
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/")));
  ASSERT_TRUE(client.ReadResponse());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose(2s));
  EXPECT_GE(std::chrono::steady_clock::now() - start, 150ms);
}

TEST(HttpServerTest, SilentNewConnectionIsClosedAfterHeaderTimeout) {
  HttpServerOptions options = TestOptions();
  options.header_timeout = 200ms;
  options.idle_timeout = 10s;
  RunningServer server(options);
  TestClient client(server.port());
  auto start = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose(2s));
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_GE(elapsed, 150ms);
  EXPECT_LT(elapsed, 1500ms);
}

TEST(HttpServerTest, KeepAliveWaitBetweenRequestsStillGetsIdleTimeout) {
  HttpServerOptions options = TestOptions();
  options.header_timeout = 100ms;
  options.idle_timeout = 2s;
  RunningServer server(options);
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/first")));
  ASSERT_TRUE(client.ReadResponse());
  EXPECT_TRUE(client.Silent(400ms));  // well past header_timeout, still open
  ASSERT_TRUE(client.Send(Get("/second")));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET /second ");
}

// Sends `piece` every `every` until the server answers or `limit` passes.
void TrickleUntilAnswered(TestClient& client, const std::string& piece,
                          std::chrono::milliseconds every, std::chrono::milliseconds limit) {
  auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (!client.Send(piece) || !client.Silent(every)) return;
  }
}

TEST(HttpServerTest, BodyTrickledUnderTheMinimumRateIsCut) {
  Counter& too_slow = MetricsRegistry::Global().GetCounter(
      "skybox_http_rejected_total", "", {{"reason", "body_too_slow"}});
  uint64_t before = too_slow.Value();
  HttpServerOptions options = TestOptions();
  options.body_timeout = 300ms;
  options.min_body_bytes_per_second = 1000;
  RunningServer server(options);
  TestClient client(server.port());
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(client.Send("PUT /o HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n"));
  // 20 bytes per 100 ms: every piece well within body_timeout, 200 B/s on average.
  TrickleUntilAnswered(client, std::string(20, 'b'), 100ms, 3s);
  auto response = client.ReadResponse(false, 1s);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 408);
  EXPECT_EQ(response->Header("connection"), "close");
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1500ms);
  EXPECT_TRUE(client.WaitForClose(2s));
  EXPECT_EQ(too_slow.Value(), before + 1);
}

TEST(HttpServerTest, SteadyBodyOverManyTimeoutWindowsIsServed) {
  HttpServerOptions options = TestOptions();
  options.body_timeout = 150ms;
  options.min_body_bytes_per_second = 1000;
  RunningServer server(options);
  TestClient client(server.port());
  const int pieces = 12;  // 1 KiB per 50 ms, ~20 KB/s for ~4 body_timeout windows
  ASSERT_TRUE(client.Send("PUT /o HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                          std::to_string(pieces * 1024) + "\r\n\r\n"));
  for (int i = 0; i < pieces; ++i) {
    ASSERT_TRUE(client.Send(std::string(1024, 'b')));
    if (i + 1 < pieces) {
      ASSERT_TRUE(client.Silent(50ms)) << "cut after piece " << i;
    }
  }
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "PUT /o " + std::string(pieces * 1024, 'b'));
}

TEST(HttpServerTest, ConnectionLimitPausesAndResumesAccepting) {
  HttpServerOptions options = TestOptions();
  options.max_connections = 2;
  RunningServer server(options);
  TestClient first(server.port()), second(server.port());
  for (TestClient* c : {&first, &second}) {
    ASSERT_TRUE(c->Send(Get("/")));
    ASSERT_TRUE(c->ReadResponse());
  }
  TestClient third(server.port());  // the kernel completes the handshake; we do not accept
  ASSERT_TRUE(third.Send(Get("/third")));
  EXPECT_TRUE(third.Silent(300ms));
  first.Close();
  auto response = third.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "GET /third ");
}

TEST(HttpServerTest, ReplyFromAnotherThread) {
  RunningServer server(TestOptions(), [](HttpRequest request, HttpReply reply) {
    std::thread([request = std::move(request), reply = std::move(reply)] {
      HttpResponse response;
      response.status = 201;
      response.body = "from worker";
      reply(std::move(response));
    }).detach();
  });
  TestClient client(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(Get("/")));
    auto response = client.ReadResponse();
    ASSERT_TRUE(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "from worker");
  }
}

TEST(HttpServerTest, HandlerThatThrowsGets500UnlessItAlreadyReplied) {
  RunningServer server(TestOptions(), [](HttpRequest request, HttpReply reply) {
    if (request.target == "/replied") {
      HttpResponse response;
      response.body = "done";
      reply(std::move(response));
    }
    throw std::runtime_error("handler bug");
  });
  TestClient client(server.port());
  ASSERT_TRUE(client.Send(Get("/replied")));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "done");
  ASSERT_TRUE(client.Send(Get("/silent")));  // the same connection serves the next request
  response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
}

TEST(HttpServerTest, ReplyAfterClientLeftIsDropped) {
  std::promise<HttpReply> held;
  RunningServer server(TestOptions(), [&held](HttpRequest, HttpReply reply) {
    held.set_value(std::move(reply));
  });
  auto future = held.get_future();
  {
    TestClient client(server.port());
    ASSERT_TRUE(client.Send(Get("/")));
    ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
  }
  HttpReply reply = future.get();
  std::this_thread::sleep_for(20ms);
  reply(HttpResponse{});
  reply(HttpResponse{});  // a second call is ignored too
  TestClient next(server.port());
  EXPECT_TRUE(next.connected());
}

TEST(HttpServerTest, GracefulShutdownWaitsForInFlightRequest) {
  std::promise<HttpReply> held;
  auto future = held.get_future();
  std::atomic<bool> shutdown_started{false};
  HttpServerOptions options = TestOptions();
  options.on_shutdown_started = [&] { shutdown_started = true; };
  RunningServer server(options, [&held](HttpRequest request, HttpReply reply) {
    if (request.target == "/hold") {
      held.set_value(std::move(reply));
      return;
    }
    Echo(std::move(request), std::move(reply));
  });
  TestClient idle(server.port());
  ASSERT_TRUE(idle.Send(Get("/")));
  ASSERT_TRUE(idle.ReadResponse());
  TestClient busy(server.port());
  ASSERT_TRUE(busy.Send(Get("/hold")));
  ASSERT_EQ(future.wait_for(2s), std::future_status::ready);

  server.server().Shutdown();
  EXPECT_TRUE(shutdown_started);
  EXPECT_TRUE(idle.WaitForClose(1s));
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(server.finished());
  EXPECT_FALSE(TestClient(server.port()).connected());  // no longer accepting

  HttpResponse done;
  done.body = "done";
  future.get()(std::move(done));
  auto response = busy.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "done");
  EXPECT_EQ(response->Header("connection"), "close");
  auto start = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_TRUE(server.finished());
}

TEST(HttpServerTest, ShutdownCutsRequestsStillRunningAtTheDeadline) {
  std::promise<HttpReply> held;
  HttpServerOptions options = TestOptions();
  options.shutdown_deadline = 200ms;
  RunningServer server(options, [&held](HttpRequest, HttpReply reply) {
    held.set_value(std::move(reply));
  });
  TestClient busy(server.port());
  ASSERT_TRUE(busy.Send(Get("/never")));
  auto future = held.get_future();
  ASSERT_EQ(future.wait_for(2s), std::future_status::ready);
  server.Stop();
  EXPECT_TRUE(server.finished());
  EXPECT_TRUE(busy.WaitForClose(1s));
  future.get()(HttpResponse{});  // too late, and harmless while the server object lives
}

TEST(HttpServerTest, BusyPortGivesAClearError) {
  RunningServer server;
  FunctionHandler handler(Echo);
  HttpServerOptions options = TestOptions();
  options.port = server.port();
  auto second = HttpServer::Create(options, &handler);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(),
            "cannot listen on 127.0.0.1:" + std::to_string(server.port()) +
                ": address already in use");
}

TEST(HttpServerTest, BadAddressGivesAClearError) {
  FunctionHandler handler(Echo);
  HttpServerOptions options = TestOptions();
  options.address = "not-an-ip";
  auto server = HttpServer::Create(options, &handler);
  ASSERT_FALSE(server.ok());
  EXPECT_NE(server.status().message().find("cannot listen on not-an-ip"), std::string::npos);
}

// Not a test: serves "ok" (or SKYBOX_NET_BENCH_BODY_BYTES bytes) on SKYBOX_NET_BENCH_PORT for
// SKYBOX_NET_BENCH_SECONDS so wrk can measure the HTTP layer alone (see README.md).
// Run with --gtest_also_run_disabled_tests.
TEST(HttpServerBench, DISABLED_ServeOkForLoadGenerator) {
  const char* port = std::getenv("SKYBOX_NET_BENCH_PORT");
  const char* seconds = std::getenv("SKYBOX_NET_BENCH_SECONDS");
  HttpServerOptions options = TestOptions();
  options.threads = 0;
  options.port = static_cast<uint16_t>(port ? std::atoi(port) : 8090);
  const char* body_bytes = std::getenv("SKYBOX_NET_BENCH_BODY_BYTES");
  std::string body = body_bytes ? std::string(std::atoi(body_bytes), 'x') : "ok";
  RunningServer server(options, [&body](HttpRequest, HttpReply reply) {
    HttpResponse response;
    response.body = body;
    reply(std::move(response));
  });
  std::this_thread::sleep_for(std::chrono::seconds(seconds ? std::atoi(seconds) : 10));
}

}  // namespace
}  // namespace skybox::net
