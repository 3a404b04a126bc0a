#include "services/delivery/http_sink.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <future>
#include <thread>

#include <gtest/gtest.h>

#include "services/delivery/http_post.h"

namespace skybox::services::delivery {
namespace {

using namespace std::chrono_literals;

// A one-connection-at-a-time HTTP endpoint on 127.0.0.1 answering every request with `status`;
// keeps the last request it read.
class Endpoint {
 public:
  explicit Endpoint(int status) : status_(status) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    listen(fd_, 8);
    socklen_t len = sizeof a;
    getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this] { Serve(); });
  }
  ~Endpoint() {
    shutdown(fd_, SHUT_RDWR);
    close(fd_);
    thread_.join();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook?x=1"; }
  std::string last_request() {
    std::lock_guard lock(mu_);
    return last_;
  }

 private:
  void Serve() {
    for (;;) {
      int c = accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string request;
      char buf[4096];
      // Headers, then the body by its Content-Length.
      while (request.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, n);
      }
      size_t length = std::stoul(request.substr(request.find("Content-Length: ") + 16));
      while (request.size() < request.find("\r\n\r\n") + 4 + length) {
        ssize_t n = recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, n);
      }
      {
        std::lock_guard lock(mu_);
        last_ = request;
      }
      std::string answer = "HTTP/1.1 " + std::to_string(status_) + " X\r\nContent-Length: 0\r\n\r\n";
      send(c, answer.data(), answer.size(), MSG_NOSIGNAL);
      close(c);
    }
  }

  int status_;
  int fd_;
  int port_;
  std::mutex mu_;
  std::string last_;
  std::thread thread_;
};

DeliveryResult DeliverTo(HttpSink& sink, std::string url, std::string body) {
  Envelope e;
  e.target = std::move(url);
  e.body = std::move(body);
  e.http_headers = {{"x-amz-sns-message-type", "Notification"}};
  std::promise<DeliveryResult> p;
  sink.Deliver(e, [&](DeliveryResult r) { p.set_value(std::move(r)); });
  return p.get_future().get();
}

TEST(HttpSinkTest, PostsBodyAndHeadersAndCountsTwoHundredsAsDelivered) {
  Endpoint endpoint(200);
  HttpSink sink(2, 2s);
  DeliveryResult r = DeliverTo(sink, endpoint.url(), "{\"Type\":\"Notification\"}");
  EXPECT_EQ(r.outcome, Outcome::kDelivered) << r.error;
  std::string request = endpoint.last_request();
  EXPECT_EQ(request.rfind("POST /hook?x=1 HTTP/1.1\r\n", 0), 0u) << request;
  EXPECT_NE(request.find("x-amz-sns-message-type: Notification\r\n"), std::string::npos);
  EXPECT_NE(request.find("\r\n\r\n{\"Type\":\"Notification\"}"), std::string::npos);
}

TEST(HttpSinkTest, ErrorStatusAndRefusedConnectionAreRetried) {
  Endpoint endpoint(503);
  HttpSink sink(1, 2s);
  DeliveryResult r = DeliverTo(sink, endpoint.url(), "x");
  EXPECT_EQ(r.outcome, Outcome::kRetry);
  EXPECT_EQ(r.error, "HTTP 503");
  int port;
  {
    Endpoint closed(200);
    port = std::stoi(closed.url().substr(17));
  }
  r = DeliverTo(sink, "http://127.0.0.1:" + std::to_string(port) + "/", "x");
  EXPECT_EQ(r.outcome, Outcome::kRetry);
  EXPECT_FALSE(r.error.empty());
}

TEST(HttpPostTest, RejectsWhatIsNotAnHttpUrl) {
  EXPECT_EQ(HttpPost("ftp://x/", {}, "", 1s).status, 0);
  EXPECT_EQ(HttpPost("http://", {}, "", 1s).error, "not an http(s) URL");
}

}  // namespace
}  // namespace skybox::services::delivery
