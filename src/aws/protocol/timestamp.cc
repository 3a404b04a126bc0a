#include "aws/protocol/timestamp.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "base/civil_date.h"

namespace skybox::aws {
namespace {

// Whole seconds and milliseconds, rounding to the nearest millisecond.
void Split(double epoch, std::time_t& secs, int& millis) {
  epoch = ClampTimestamp(epoch);
  double ms = std::round(epoch * 1000.0);
  secs = static_cast<std::time_t>(std::floor(ms / 1000.0));
  millis = static_cast<int>(ms - static_cast<double>(secs) * 1000.0);
}

}  // namespace

double ClampTimestamp(double epoch_seconds) {
  constexpr double kMin = -62135596800.0, kMax = 253402300799.0;
  return std::isnan(epoch_seconds) ? 0 : std::clamp(epoch_seconds, kMin, kMax);
}

std::string FormatIso8601(double epoch_seconds) {
  std::time_t secs;
  int millis;
  Split(epoch_seconds, secs, millis);
  return FormatIsoMillis(static_cast<int64_t>(secs) * 1000 + millis);
}

std::string FormatIso8601Seconds(double epoch_seconds) {
  std::time_t secs;
  int millis;
  Split(epoch_seconds, secs, millis);
  return FormatIsoSeconds(secs);
}

std::string FormatRfc822(double epoch_seconds) {
  std::time_t secs;
  int millis;
  Split(epoch_seconds, secs, millis);
  return FormatHttpDate(secs);
}

std::string FormatEpochSeconds(double epoch_seconds) {
  std::time_t secs;
  int millis;
  Split(epoch_seconds, secs, millis);
  char buf[96];
  if (millis == 0) {
    std::snprintf(buf, sizeof(buf), "%lld", static_cast<long long>(secs));
  } else {
    std::snprintf(buf, sizeof(buf), "%lld.%03d", static_cast<long long>(secs), millis);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    return s;
  }
  return buf;
}

std::string FormatTimestamp(double epoch_seconds, TimestampFormat format,
                            TimestampFormat fallback) {
  switch (format == TimestampFormat::kDefault ? fallback : format) {
    case TimestampFormat::kRfc822: return FormatRfc822(epoch_seconds);
    case TimestampFormat::kUnixTimestamp: return FormatEpochSeconds(epoch_seconds);
    default: return FormatIso8601(epoch_seconds);
  }
}

}  // namespace skybox::aws
