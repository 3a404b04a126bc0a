#include "net/http_test_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>

namespace skybox::net::testing {

std::string TestResponse::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

TestClient::TestClient(uint16_t port) {
  fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) Close();
  int one = 1;
  if (fd_ >= 0) ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
}

TestClient::~TestClient() { Close(); }

void TestClient::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool TestClient::Send(std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

int TestClient::Receive(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0) return -1;
  char buf[16384];
  ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
  if (n <= 0) return 0;
  pending_.append(buf, static_cast<size_t>(n));
  return 1;
}

std::optional<TestResponse> TestClient::ReadResponse(bool head_request,
                                                     std::chrono::milliseconds timeout) {
  size_t end;
  while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
    if (Receive(timeout) <= 0) return std::nullopt;
  }
  std::string head = pending_.substr(0, end + 2);
  pending_.erase(0, end + 4);
  TestResponse response;
  response.status = std::atoi(head.c_str() + head.find(' ') + 1);
  size_t line = head.find("\r\n") + 2;
  while (line < head.size()) {
    size_t eol = head.find("\r\n", line);
    std::string field = head.substr(line, eol - line);
    size_t colon = field.find(':');
    std::string name = field.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t value = field.find_first_not_of(' ', colon + 1);
    response.headers[name] = value == std::string::npos ? "" : field.substr(value);
    line = eol + 2;
  }
  size_t length = std::strtoull(response.Header("content-length").c_str(), nullptr, 10);
  if (head_request || response.status < 200) length = 0;
  while (pending_.size() < length) {
    if (Receive(timeout) <= 0) return std::nullopt;
  }
  response.body = pending_.substr(0, length);
  pending_.erase(0, length);
  return response;
}

bool TestClient::WaitForClose(std::chrono::milliseconds timeout) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    int r = Receive(left);
    if (r == 0) return true;
    if (r < 0) return false;
  }
}

bool TestClient::Silent(std::chrono::milliseconds timeout) {
  size_t before = pending_.size();
  return Receive(timeout) == -1 && pending_.size() == before;
}

}  // namespace skybox::net::testing
