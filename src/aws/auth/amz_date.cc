#include "aws/auth/amz_date.h"

#include <cstdint>
#include <string>

#include "base/civil_date.h"
#include "base/http_date.h"

namespace skybox::aws {
namespace {

using namespace std::chrono;

// Reads `len` decimal digits at `pos`; -1 when any is not a digit or the text is short.
int Digits(std::string_view text, size_t pos, size_t len) {
  if (pos + len > text.size()) return -1;
  int value = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    char c = text[i];
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

std::optional<SysSeconds> Compose(int y, int mon, int d, int h, int min, int s) {
  if (y < 0 || mon < 1 || d < 1 || h < 0 || h > 23 || min < 0 || min > 59 || s < 0 || s > 60) {
    return std::nullopt;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mon)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return sys_days{ymd} + hours{h} + minutes{min} + seconds{s};
}

}  // namespace

std::optional<SysSeconds> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  return Compose(Digits(text, 0, 4), Digits(text, 4, 2), Digits(text, 6, 2), Digits(text, 9, 2),
                 Digits(text, 11, 2), Digits(text, 13, 2));
}

std::optional<SysSeconds> ParseRequestDate(std::string_view text) {
  std::optional<int64_t> seconds;
  // The other names of UTC, read as GMT.
  for (std::string_view zone : {" +0000", " -0000", " UTC", " UT"}) {
    if (text.ends_with(zone)) {
      seconds = ParseImfFixdate(std::string(text.substr(0, text.size() - zone.size() + 1)) + "GMT");
      break;
    }
  }
  if (!seconds) seconds = ParseImfFixdate(text);
  if (!seconds) return std::nullopt;
  return SysSeconds(std::chrono::seconds(*seconds));
}

std::string FormatAmzDate(system_clock::time_point time) {
  return FormatIsoBasic(floor<seconds>(time).time_since_epoch().count());
}

}  // namespace skybox::aws
