// Structured logging: one line per event, as text (`key=value`) or JSON, to stderr.
//
// Every request-scoped line carries the request id as a field. Secrets (secret keys,
// signatures, session tokens) must never be passed as field values; log the access key id
// at most.
//
// Lines are written by a background thread, so logging never blocks on a slow stderr; when
// the output falls more than 4 MiB behind, lines are dropped and the number dropped is
// reported. Call FlushLogs() before exiting.
//
// Thread-safety: all functions may be called from any thread; each line is written whole.
#pragma once

#include <cstdio>
#include <initializer_list>
#include <string>
#include <string_view>

namespace skybox {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };
enum class LogFormat { kText, kJson };

struct LogField {
  std::string_view key;
  std::string value;
};

// Parses "debug" / "info" / "warn" / "error"; false for anything else.
bool ParseLogLevel(std::string_view text, LogLevel* out);
// Parses "text" / "json"; false for anything else.
bool ParseLogFormat(std::string_view text, LogFormat* out);

// Sets the process-wide threshold and format. `out` must outlive all logging.
void ConfigureLogging(LogLevel level, LogFormat format, std::FILE* out = stderr);

bool LogEnabled(LogLevel level);

// Queues one line if `level` passes the threshold.
void Log(LogLevel level, std::string_view message, std::initializer_list<LogField> fields = {});

// Blocks until every line queued so far has been written and flushed.
void FlushLogs();

}  // namespace skybox
