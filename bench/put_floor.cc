// put_floor: the least a durable HTTP PUT can cost on this machine, as a yardstick for
// s3_put_vs_moto.sh. It does what any durable object store must do for a PUT and nothing more:
// read the request, MD5 the body (the ETag), append the body to one file, fdatasync it (grouped
// across connections by one syncer thread), then answer 200 with the ETag. No authentication,
// no index, no metadata, no reads: whatever Skybox spends beyond this is its own cost.
//
// Usage: put_floor PORT THREADS FILE      (listens on 127.0.0.1:PORT; FILE is truncated)
// Build: g++ -O2 -std=c++20 bench/put_floor.cc -o put_floor -lcrypto -pthread
// Stop it with a signal; FILE grows by every body received.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/evp.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

// One event loop: its connections, and the answers the syncer hands back to it.
struct Loop {
  int epoll_fd = -1;
  int wake_fd = -1;  // eventfd: answers are ready
  std::mutex mu;
  std::vector<std::pair<int, std::string>> answers;  // (socket, response), guarded by mu
};

struct Pending {
  Loop* loop;
  int fd;
  std::string body;
  std::string response;
};

std::mutex queue_mu;
std::condition_variable queue_cv;
std::vector<Pending> queue;  // guarded by queue_mu
int log_fd = -1;

[[noreturn]] void Die(const char* what) {
  std::perror(what);
  std::exit(1);
}

// Group commit: append every queued body with one write, one fdatasync, then answer them all.
void Syncer() {
  std::vector<Pending> group;
  std::string bytes;
  for (;;) {
    {
      std::unique_lock lock(queue_mu);
      queue_cv.wait(lock, [] { return !queue.empty(); });
      group.swap(queue);
    }
    bytes.clear();
    for (const Pending& p : group) bytes += p.body;
    if (write(log_fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size())) Die("write");
    if (fdatasync(log_fd) != 0) Die("fdatasync");
    for (Pending& p : group) {
      {
        std::lock_guard lock(p.loop->mu);
        p.loop->answers.emplace_back(p.fd, std::move(p.response));
      }
      uint64_t one = 1;
      if (write(p.loop->wake_fd, &one, sizeof one) != sizeof one) Die("eventfd");
    }
    group.clear();
  }
}

std::string Etag(const char* data, size_t size) {
  unsigned char md5[16];
  unsigned int length = 0;
  EVP_Digest(data, size, md5, &length, EVP_md5(), nullptr);
  static const char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char b : md5) {
    hex += kHex[b >> 4];
    hex += kHex[b & 15];
  }
  return hex;
}

// Takes every complete request off the front of `in` and queues its body.
void TakeRequests(Loop& loop, int fd, std::string& in) {
  for (;;) {
    size_t head_end = in.find("\r\n\r\n");
    if (head_end == std::string::npos) return;
    size_t length = 0;
    for (size_t line = in.find("\r\n") + 2; line < head_end;) {
      size_t eol = in.find("\r\n", line);
      if (eol - line > 15 && strncasecmp(in.data() + line, "content-length:", 15) == 0) {
        length = std::strtoul(in.c_str() + line + 15, nullptr, 10);
      }
      line = eol + 2;
    }
    const size_t body_at = head_end + 4;
    if (in.size() < body_at + length) return;
    std::string response = "HTTP/1.1 200 OK\r\nETag: \"" + Etag(in.data() + body_at, length) +
                           "\"\r\nContent-Length: 0\r\n\r\n";
    {
      std::lock_guard lock(queue_mu);
      queue.push_back({&loop, fd, in.substr(body_at, length), std::move(response)});
    }
    queue_cv.notify_one();
    in.erase(0, body_at + length);
  }
}

void Serve(int port, Loop& loop) {
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int one = 1;
  setsockopt(listener, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) Die("bind");
  if (listen(listener, 1024) != 0) Die("listen");
  loop.epoll_fd = epoll_create1(0);
  loop.wake_fd = eventfd(0, EFD_NONBLOCK);
  // Event data: -1 the listener, -2 the wake eventfd, else a connection's socket.
  auto watch = [&](int fd, int64_t tag) {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = static_cast<uint64_t>(tag);
    epoll_ctl(loop.epoll_fd, EPOLL_CTL_ADD, fd, &event);
  };
  watch(listener, -1);
  watch(loop.wake_fd, -2);
  std::vector<std::unique_ptr<std::string>> inputs(65536);
  epoll_event events[256];
  char buffer[65536];
  for (;;) {
    int ready = epoll_wait(loop.epoll_fd, events, 256, -1);
    for (int i = 0; i < ready; ++i) {
      const auto tag = static_cast<int64_t>(events[i].data.u64);
      if (tag == -1) {
        for (int fd; (fd = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK)) >= 0;) {
          setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          inputs[static_cast<size_t>(fd)] = std::make_unique<std::string>();
          watch(fd, fd);
        }
      } else if (tag == -2) {
        uint64_t count;
        if (read(loop.wake_fd, &count, sizeof count) < 0) continue;
        std::vector<std::pair<int, std::string>> answers;
        {
          std::lock_guard lock(loop.mu);
          answers.swap(loop.answers);
        }
        for (auto& [fd, response] : answers) {
          if (write(fd, response.data(), response.size()) < 0) close(fd);
        }
      } else {
        const int fd = static_cast<int>(tag);
        std::string& in = *inputs[static_cast<size_t>(fd)];
        ssize_t n;
        while ((n = read(fd, buffer, sizeof buffer)) > 0) in.append(buffer, static_cast<size_t>(n));
        if (n == 0) {
          close(fd);
          continue;
        }
        TakeRequests(loop, fd, in);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: put_floor PORT THREADS FILE\n");
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const int threads = std::atoi(argv[2]);
  log_fd = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
  if (log_fd < 0) Die("open");
  std::thread(Syncer).detach();
  std::vector<std::unique_ptr<Loop>> loops;
  std::vector<std::thread> workers;
  for (int i = 0; i < threads; ++i) {
    loops.push_back(std::make_unique<Loop>());
    workers.emplace_back(Serve, port, std::ref(*loops.back()));
  }
  for (auto& w : workers) w.join();
}
