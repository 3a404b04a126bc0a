// http_replay: a closed-loop HTTP/1.1 load generator that costs the machine as little as
// possible per request, so that on a small machine the server, not the client, is what a
// benchmark measures (wrk with a Lua request() function spends 14-18 us of CPU per 4 KiB PUT here,
// as much as a lean server needs for the whole request).
//
// Every connection keeps one request in flight. Request i of thread t is
//   <METHOD> <path> HTTP/1.1, Host, Content-Length, then the body
// where <path> walks the lines of --paths (thread t takes lines t, t + threads, ...; it starts
// over when it runs out) and the body is --body-size bytes of 's' or the bytes of --body-file. The header is formatted into
// the connection's buffer and sent with the shared body in one writev. Responses must carry a
// Content-Length (S3, nginx and moto all do); a chunked response is reported and stops the run.
// A server that closes after each response (HTTP/1.0, as moto_server's werkzeug, or
// Connection: close) gets a new connection per request, counted as reconnects.
//
// Output, one line: requests=N seconds=S rps=R non_2xx=K p50_us=A p99_us=B reconnects=C
// and, when an answer was not 2xx, the first such answer on stderr. Exit status 1 on a socket
// error, a chunked answer or any non-2xx answer.
//
// Build: g++ -O2 -std=c++20 bench/http_replay.cc -o http_replay -pthread
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <latch>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";
  int port = 0;
  std::string method = "PUT";
  std::string paths_file;
  size_t body_size = 4096;
  std::string body_file;  // when set, the body is this file's bytes instead
  int connections = 64;
  int threads = 2;
  double duration_s = 10;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "http_replay: %s\n", message.c_str());
  std::exit(2);
}

Options ParseOptions(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string_view flag = argv[i];
    if (i + 1 >= argc) Die("missing value after " + std::string(flag));
    std::string value = argv[++i];
    if (flag == "--target") {
      size_t colon = value.rfind(':');
      if (colon == std::string::npos) Die("--target wants HOST:PORT");
      o.host = value.substr(0, colon);
      o.port = std::atoi(value.c_str() + colon + 1);
    } else if (flag == "--method") {
      o.method = value;
    } else if (flag == "--paths") {
      o.paths_file = value;
    } else if (flag == "--body-size") {
      o.body_size = std::strtoul(value.c_str(), nullptr, 10);
    } else if (flag == "--body-file") {
      o.body_file = value;
    } else if (flag == "--connections") {
      o.connections = std::atoi(value.c_str());
    } else if (flag == "--threads") {
      o.threads = std::atoi(value.c_str());
    } else if (flag == "--duration") {
      o.duration_s = std::atof(value.c_str());
    } else {
      Die("unknown flag " + std::string(flag));
    }
  }
  if (o.port <= 0 || o.paths_file.empty()) {
    Die("usage: http_replay --target HOST:PORT --paths FILE [--method PUT] [--body-size 4096] "
        "[--body-file FILE] [--connections 64] [--threads 2] [--duration 10]");
  }
  if (o.threads < 1 || o.connections < o.threads) Die("need 1 <= threads <= connections");
  return o;
}

struct Shared {
  Options options;
  std::vector<std::string> paths;
  std::string body;
  std::atomic<bool> stop{false};
  std::atomic<bool> failed{false};
  std::atomic<bool> reported_non_2xx{false};
};

struct Connection {
  int fd = -1;
  std::string request_head;
  std::string response;
  Clock::time_point sent_at;
};

struct ThreadResult {
  uint64_t requests = 0;
  uint64_t non_2xx = 0;
  uint64_t reconnects = 0;
  std::vector<uint32_t> latencies_us;
};

int Connect(const Options& o) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) Die("socket: " + std::string(std::strerror(errno)));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr) != 1) Die("bad host " + o.host);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    Die("connect: " + std::string(std::strerror(errno)));
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Sends the next request of this thread on `c` (blocking until the kernel took all of it).
bool Send(Shared& shared, Connection& c, size_t& next_path, size_t stride) {
  const Options& o = shared.options;
  const std::string& path = shared.paths[next_path];
  next_path += stride;
  if (next_path >= shared.paths.size()) next_path %= stride;
  c.request_head.clear();
  c.request_head.append(o.method).append(" ").append(path).append(" HTTP/1.1\r\nHost: ");
  c.request_head.append(o.host).append(":").append(std::to_string(o.port));
  c.request_head.append("\r\nContent-Length: ").append(std::to_string(shared.body.size()));
  c.request_head.append("\r\n\r\n");
  iovec parts[2] = {{c.request_head.data(), c.request_head.size()},
                    {shared.body.data(), shared.body.size()}};
  size_t total = parts[0].iov_len + parts[1].iov_len;
  c.sent_at = Clock::now();
  size_t sent = 0;
  while (sent < total) {
    iovec rest[2];
    int count = 0;
    size_t skip = sent;
    for (const iovec& part : parts) {
      if (skip >= part.iov_len) {
        skip -= part.iov_len;
        continue;
      }
      rest[count++] = {static_cast<char*>(part.iov_base) + skip, part.iov_len - skip};
      skip = 0;
    }
    ssize_t n = writev(c.fd, rest, count);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

// How a response at the start of the received bytes is framed.
struct Frame {
  size_t length = 0;       // of the complete response; 0 while more bytes are needed
  bool chunked = false;    // not supported: the run stops
  bool closes = false;     // the server closes the connection after it (HTTP/1.0 or Connection: close)
};

Frame FrameOf(std::string_view data) {
  Frame frame;
  size_t end = data.find("\r\n\r\n");
  if (end == std::string_view::npos) return frame;
  std::string_view head = data.substr(0, end + 2);
  frame.closes = head.substr(0, 8) == "HTTP/1.0";
  size_t body = 0;
  size_t line = head.find("\r\n") + 2;
  while (line < head.size()) {
    size_t eol = head.find("\r\n", line);
    std::string_view field = head.substr(line, eol - line);
    line = eol + 2;
    size_t colon = field.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = field.substr(0, colon);
    std::string_view value = field.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    auto is = [&](std::string_view want) {
      return name.size() == want.size() && strncasecmp(name.data(), want.data(), want.size()) == 0;
    };
    auto value_is = [&](std::string_view want) {
      return value.size() >= want.size() && strncasecmp(value.data(), want.data(), want.size()) == 0;
    };
    if (is("content-length")) {
      body = std::strtoul(std::string(value).c_str(), nullptr, 10);
    } else if (is("transfer-encoding")) {
      frame.chunked = true;
      return frame;
    } else if (is("connection")) {
      if (value_is("close")) frame.closes = true;
      if (value_is("keep-alive")) frame.closes = false;
    }
  }
  size_t total = end + 4 + body;
  if (data.size() >= total) frame.length = total;
  return frame;
}

int StatusOf(std::string_view response) {
  if (response.size() < 12 || response.substr(0, 5) != "HTTP/") return 0;
  return std::atoi(std::string(response.substr(9, 3)).c_str());
}

void RunThread(Shared& shared, int index, int connection_count, ThreadResult& result, std::latch& connected) {
  const size_t stride = static_cast<size_t>(shared.options.threads);
  size_t next_path = static_cast<size_t>(index) % shared.paths.size();
  int epoll_fd = epoll_create1(0);
  std::vector<Connection> connections(static_cast<size_t>(connection_count));
  auto open = [&](Connection& c) {
    c.fd = Connect(shared.options);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = &c;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c.fd, &event);
  };
  for (auto& c : connections) open(c);
  connected.arrive_and_wait();  // the clock starts once every connection is up
  for (auto& c : connections) {
    if (!Send(shared, c, next_path, stride)) shared.failed = true;
  }
  result.latencies_us.reserve(1 << 20);
  std::vector<epoll_event> events(static_cast<size_t>(connection_count));
  char buffer[65536];
  while (!shared.stop.load(std::memory_order_relaxed) && !shared.failed.load()) {
    int ready = epoll_wait(epoll_fd, events.data(), connection_count, 50);
    for (int i = 0; i < ready && !shared.stop.load(std::memory_order_relaxed); ++i) {
      auto& c = *static_cast<Connection*>(events[i].data.ptr);
      ssize_t n = read(c.fd, buffer, sizeof buffer);
      if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
      if (n <= 0) {
        std::fprintf(stderr, "http_replay: connection closed by the server\n");
        shared.failed = true;
        break;
      }
      c.response.append(buffer, static_cast<size_t>(n));
      Frame frame = FrameOf(c.response);
      if (frame.chunked) {
        std::fprintf(stderr, "http_replay: chunked answers are not supported\n");
        shared.failed = true;
        break;
      }
      if (frame.length == 0) continue;
      const size_t length = frame.length;
      auto elapsed = Clock::now() - c.sent_at;
      result.latencies_us.push_back(static_cast<uint32_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(elapsed).count()));
      ++result.requests;
      int status = StatusOf(c.response);
      if (status < 200 || status > 299) {
        ++result.non_2xx;
        if (!shared.reported_non_2xx.exchange(true)) {
          std::fprintf(stderr, "http_replay: first non-2xx answer:\n%.*s\n",
                       static_cast<int>(std::min<size_t>(length, 2000)), c.response.data());
        }
      }
      c.response.erase(0, length);
      if (!c.response.empty()) {
        std::fprintf(stderr, "http_replay: bytes after a response nobody asked for\n");
        shared.failed = true;
        break;
      }
      if (frame.closes) {  // a server without keep-alive: a new connection for the next request
        close(c.fd);
        open(c);
        ++result.reconnects;
      }
      if (!shared.stop.load(std::memory_order_relaxed) && !Send(shared, c, next_path, stride)) {
        shared.failed = true;
      }
    }
  }
  for (auto& c : connections) close(c.fd);
  close(epoll_fd);
}

std::vector<std::string> ReadPaths(const std::string& file) {
  std::ifstream in(file);
  if (!in) Die("cannot read " + file);
  std::vector<std::string> paths;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) paths.push_back(line);
  }
  if (paths.empty()) Die(file + " has no paths");
  return paths;
}

}  // namespace

int main(int argc, char** argv) {
  Shared shared;
  shared.options = ParseOptions(argc, argv);
  shared.paths = ReadPaths(shared.options.paths_file);
  if (shared.options.body_file.empty()) {
    shared.body.assign(shared.options.body_size, 's');
  } else {
    std::ifstream in(shared.options.body_file, std::ios::binary);
    if (!in) Die("cannot read " + shared.options.body_file);
    shared.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  const int threads = shared.options.threads;
  std::vector<ThreadResult> results(static_cast<size_t>(threads));
  std::vector<std::thread> workers;
  std::latch connected(threads + 1);
  for (int t = 0; t < threads; ++t) {
    int count = shared.options.connections / threads + (t < shared.options.connections % threads);
    workers.emplace_back(RunThread, std::ref(shared), t, count, std::ref(results[static_cast<size_t>(t)]),
                         std::ref(connected));
  }
  connected.arrive_and_wait();
  const Clock::time_point start = Clock::now();
  auto deadline = start + std::chrono::duration<double>(shared.options.duration_s);
  while (Clock::now() < deadline && !shared.failed.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  shared.stop = true;
  // Answers that arrive after this moment are not counted (each thread stops at its next wake).
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (auto& w : workers) w.join();
  uint64_t requests = 0, non_2xx = 0, reconnects = 0;
  std::vector<uint32_t> latencies;
  for (auto& r : results) {
    requests += r.requests;
    non_2xx += r.non_2xx;
    reconnects += r.reconnects;
    latencies.insert(latencies.end(), r.latencies_us.begin(), r.latencies_us.end());
  }
  auto percentile = [&](double p) -> uint32_t {
    if (latencies.empty()) return 0;
    size_t at = static_cast<size_t>(p * static_cast<double>(latencies.size() - 1));
    std::nth_element(latencies.begin(), latencies.begin() + static_cast<long>(at), latencies.end());
    return latencies[at];
  };
  uint32_t p50 = percentile(0.50), p99 = percentile(0.99);
  std::printf("requests=%llu seconds=%.3f rps=%.0f non_2xx=%llu p50_us=%u p99_us=%u reconnects=%llu\n",
              static_cast<unsigned long long>(requests), seconds, static_cast<double>(requests) / seconds,
              static_cast<unsigned long long>(non_2xx), p50, p99, static_cast<unsigned long long>(reconnects));
  return shared.failed.load() || non_2xx > 0 ? 1 : 0;
}
