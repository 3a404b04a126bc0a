// A blocking HTTP/1.1 client over a plain socket, for net_test: it sends raw bytes (so tests
// can send malformed, pipelined or trickled requests) and reads responses one at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace skybox::net::testing {

struct TestResponse {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  std::string Header(const std::string& lower_name) const;
};

class TestClient {
 public:
  explicit TestClient(uint16_t port);
  ~TestClient();
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  // False when the peer has closed or reset the connection.
  bool Send(std::string_view bytes);
  // Reads one response head and its Content-Length body (none when `head_request` or 1xx).
  std::optional<TestResponse> ReadResponse(
      bool head_request = false, std::chrono::milliseconds timeout = std::chrono::seconds(3));
  // True when the server closes the connection within `timeout` (bytes received meanwhile
  // are discarded).
  bool WaitForClose(std::chrono::milliseconds timeout);
  // True when nothing at all arrives within `timeout` and the connection stays open.
  bool Silent(std::chrono::milliseconds timeout);
  void Close();

 private:
  // Appends what arrives within `timeout` to pending_; 0 on EOF/error, -1 on timeout.
  int Receive(std::chrono::milliseconds timeout);

  int fd_ = -1;
  std::string pending_;
};

}  // namespace skybox::net::testing
