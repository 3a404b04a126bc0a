#include "base/log.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "base/civil_date.h"
#include "base/json_escape.h"

namespace skybox {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};
std::atomic<LogFormat> g_format{LogFormat::kText};
std::atomic<std::FILE*> g_out{nullptr};

// Lines are handed to one writer thread so that a slow or blocked stderr (a pipe nobody
// reads) never stalls the thread that logs, typically an event loop. The queue is bounded;
// when it is full, lines are dropped and counted, and the count is reported once it drains.
class LogSink {
 public:
  static LogSink& Get() {
    static LogSink* sink = new LogSink();  // never destroyed: logging works until exit
    return *sink;
  }

  void Push(std::string line) {
    std::lock_guard<std::mutex> lock(mu_);
    if (queued_bytes_ + line.size() > kMaxQueuedBytes) {
      ++dropped_;
      return;
    }
    queued_bytes_ += line.size();
    queue_.push_back(std::move(line));
    ready_.notify_one();
  }

  void Flush() {
    std::unique_lock<std::mutex> lock(mu_);
    drained_.wait(lock, [&] { return queue_.empty() && !writing_; });
  }

 private:
  static constexpr size_t kMaxQueuedBytes = 4 << 20;

  LogSink() { std::thread([this] { Run(); }).detach(); }

  void Run() {
    std::vector<std::string> batch;
    for (;;) {
      uint64_t dropped = 0;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return !queue_.empty() || dropped_ > 0; });
        batch.swap(queue_);
        queued_bytes_ = 0;
        dropped = dropped_;
        dropped_ = 0;
        writing_ = true;
      }
      std::FILE* out = g_out.load();
      if (out == nullptr) out = stderr;
      for (const std::string& line : batch) std::fwrite(line.data(), 1, line.size(), out);
      if (dropped > 0) {
        std::fprintf(out, "log: %llu lines dropped because the log output was not keeping up\n",
                     static_cast<unsigned long long>(dropped));
      }
      std::fflush(out);
      batch.clear();
      std::lock_guard<std::mutex> lock(mu_);
      writing_ = false;
      if (queue_.empty()) drained_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable ready_;
  std::condition_variable drained_;
  std::vector<std::string> queue_;  // guarded by mu_
  size_t queued_bytes_ = 0;         // guarded by mu_
  uint64_t dropped_ = 0;            // guarded by mu_
  bool writing_ = false;            // guarded by mu_
};

std::string_view LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug: return "debug";
    case LogLevel::kInfo: return "info";
    case LogLevel::kWarn: return "warn";
    case LogLevel::kError: return "error";
  }
  return "info";
}

std::string Timestamp() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return FormatIsoMillis(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

bool NeedsQuotes(std::string_view v) {
  if (v.empty()) return true;
  for (char c : v) {
    auto b = static_cast<unsigned char>(c);
    if (c == ' ' || c == '"' || c == '=' || b < 0x20 || b >= 0x80) return true;
  }
  return false;
}

}  // namespace

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  for (LogLevel l : {LogLevel::kDebug, LogLevel::kInfo, LogLevel::kWarn, LogLevel::kError}) {
    if (text == LevelName(l)) {
      *out = l;
      return true;
    }
  }
  return false;
}

bool ParseLogFormat(std::string_view text, LogFormat* out) {
  if (text == "text") *out = LogFormat::kText;
  else if (text == "json") *out = LogFormat::kJson;
  else return false;
  return true;
}

void ConfigureLogging(LogLevel level, LogFormat format, std::FILE* out) {
  g_level = static_cast<int>(level);
  g_format = format;
  g_out = out;
}

bool LogEnabled(LogLevel level) { return static_cast<int>(level) >= g_level.load(); }

void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields) {
  if (!LogEnabled(level)) return;
  std::string line;
  line.reserve(128);
  if (g_format.load() == LogFormat::kJson) {
    line += "{\"time\":\"" + Timestamp() + "\",\"level\":\"";
    line += LevelName(level);
    line += "\",\"msg\":\"";
    AppendJsonEscaped(line, message);
    line += '"';
    for (const LogField& f : fields) {
      line += ",\"";
      AppendJsonEscaped(line, f.key);
      line += "\":\"";
      AppendJsonEscaped(line, f.value);
      line += '"';
    }
    line += "}\n";
  } else {
    line += Timestamp();
    line += ' ';
    line += LevelName(level);
    line += ' ';
    line += message;
    for (const LogField& f : fields) {
      line += ' ';
      line += f.key;
      line += '=';
      if (NeedsQuotes(f.value)) {
        line += '"';
        AppendJsonEscaped(line, f.value);
        line += '"';
      } else {
        line += f.value;
      }
    }
    line += '\n';
  }
  LogSink::Get().Push(std::move(line));
}

void FlushLogs() { LogSink::Get().Flush(); }

}  // namespace skybox
