#include "services/delivery/http_post.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>

#include <openssl/ssl.h>

namespace skybox::services::delivery {
namespace {

struct Url {
  bool tls = false;
  std::string host;
  std::string port;
  std::string target;  // path and query
};

bool ParseUrl(std::string_view url, Url& out) {
  std::string_view rest;
  if (url.substr(0, 7) == "http://") {
    rest = url.substr(7);
  } else if (url.substr(0, 8) == "https://") {
    rest = url.substr(8);
    out.tls = true;
  } else {
    return false;
  }
  size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  out.target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (out.target[0] == '?') out.target.insert(0, "/");
  if (size_t at = authority.rfind('@'); at != std::string_view::npos) authority = authority.substr(at + 1);
  size_t colon = authority.rfind(':');
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    out.host = std::string(authority.substr(1, close - 1));
    colon = authority.find(':', close);
  } else {
    out.host = std::string(authority.substr(0, colon));
  }
  out.port = colon == std::string_view::npos ? (out.tls ? "443" : "80") : std::string(authority.substr(colon + 1));
  return !out.host.empty() && !out.port.empty();
}

// A connected socket, or -1 with `error` set.
int Connect(const Url& url, std::chrono::milliseconds timeout, std::string& error) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found); rc != 0) {
    error = std::string("cannot resolve ") + url.host + ": " + gai_strerror(rc);
    return -1;
  }
  std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, &freeaddrinfo);
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int rc = connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int soerr = 0;
      socklen_t len = sizeof soerr;
      rc = poll(&p, 1, static_cast<int>(timeout.count())) == 1 &&
                   getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0
               ? 0
               : -1;
    }
    if (rc == 0) {
      // Back to blocking, with a timeout on every read and write.
      fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      timeval tv{static_cast<time_t>(timeout.count() / 1000), static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
      setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      return fd;
    }
    close(fd);
  }
  error = "cannot connect to " + url.host + ":" + url.port;
  return -1;
}

// One connection's byte stream, plain or TLS.
class Connection {
 public:
  explicit Connection(int fd) : fd_(fd) {}
  ~Connection() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool StartTls(const std::string& host, std::string& error) {
    static SSL_CTX* context = [] {
      SSL_CTX* c = SSL_CTX_new(TLS_client_method());
      SSL_CTX_set_verify(c, SSL_VERIFY_NONE, nullptr);
      return c;
    }();
    ssl_ = SSL_new(context);
    SSL_set_fd(ssl_, fd_);
    SSL_set_tlsext_host_name(ssl_, host.c_str());
    if (SSL_connect(ssl_) != 1) {
      error = "TLS handshake with " + host + " failed";
      return false;
    }
    return true;
  }

  bool WriteAll(std::string_view data) {
    while (!data.empty()) {
      long n = ssl_ != nullptr ? SSL_write(ssl_, data.data(), static_cast<int>(std::min<size_t>(data.size(), 1 << 20)))
                               : send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) {
        if (ssl_ == nullptr && errno == EINTR) continue;
        return false;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }

  // Some bytes of the answer; 0 at its end or on an error (or the timeout).
  long Read(char* buffer, size_t size) {
    for (;;) {
      long n = ssl_ != nullptr ? SSL_read(ssl_, buffer, static_cast<int>(size)) : recv(fd_, buffer, size, 0);
      if (n < 0 && ssl_ == nullptr && errno == EINTR) continue;
      return n < 0 ? 0 : n;
    }
  }

 private:
  int fd_;
  SSL* ssl_ = nullptr;
};

// The status code of "HTTP/1.1 200 OK", or 0.
int StatusOf(std::string_view status_line) {
  if (status_line.substr(0, 5) != "HTTP/") return 0;
  size_t space = status_line.find(' ');
  if (space == std::string_view::npos || status_line.size() < space + 4) return 0;
  int status = 0;
  auto digits = status_line.substr(space + 1, 3);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), status);
  return ec == std::errc() && end == digits.data() + digits.size() ? status : 0;
}

}  // namespace

HttpPostResult HttpPost(std::string_view url, const std::vector<std::pair<std::string, std::string>>& headers,
                        std::string_view body, std::chrono::milliseconds timeout) {
  Url parsed;
  if (!ParseUrl(url, parsed)) return {0, "not an http(s) URL"};
  HttpPostResult result;
  int fd = Connect(parsed, timeout, result.error);
  if (fd < 0) return result;
  Connection connection(fd);
  if (parsed.tls && !connection.StartTls(parsed.host, result.error)) return result;
  bool default_port = parsed.port == (parsed.tls ? "443" : "80");
  std::string host = parsed.host.find(':') != std::string::npos ? "[" + parsed.host + "]" : parsed.host;
  std::string request = "POST " + parsed.target + " HTTP/1.1\r\nHost: " + host +
                        (default_port ? "" : ":" + parsed.port) + "\r\nContent-Length: " +
                        std::to_string(body.size()) + "\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) request += name + ": " + value + "\r\n";
  request += "\r\n";
  if (!connection.WriteAll(request) || !connection.WriteAll(body)) return {0, "sending to " + parsed.host + " failed"};
  std::string answer;
  char buffer[1024];
  while (answer.find("\r\n") == std::string::npos && answer.size() < 8192) {
    long n = connection.Read(buffer, sizeof buffer);
    if (n <= 0) break;
    answer.append(buffer, static_cast<size_t>(n));
  }
  result.status = StatusOf(answer.substr(0, answer.find("\r\n")));
  if (result.status == 0) result.error = "no HTTP answer from " + parsed.host + " within the timeout";
  return result;
}

}  // namespace skybox::services::delivery
