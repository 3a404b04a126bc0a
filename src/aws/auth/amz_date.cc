#include "aws/auth/amz_date.h"

#include <array>

#include "base/civil_date.h"

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

std::optional<SysSeconds> ParseHttpDate(std::string_view text) {
  // "Sun, 30 Aug 2015 12:36:00 GMT": fixed width, 29 characters.
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT") {
    return std::nullopt;
  }
  int mon = 0;
  for (size_t i = 0; i < kMonthAbbreviations.size(); ++i) {
    if (text.substr(8, 3) == kMonthAbbreviations[i]) mon = static_cast<int>(i) + 1;
  }
  if (mon == 0) return std::nullopt;
  return Compose(Digits(text, 12, 4), mon, Digits(text, 5, 2), Digits(text, 17, 2),
                 Digits(text, 20, 2), Digits(text, 23, 2));
}

std::optional<SysSeconds> ParseRequestDate(std::string_view text) {
  if (!text.ends_with(" +0000") && !text.ends_with(" -0000")) return ParseHttpDate(text);
  std::string gmt(text.substr(0, text.size() - 5));
  return ParseHttpDate(gmt + "GMT");
}

std::string FormatAmzDate(system_clock::time_point time) {
  return FormatIsoBasic(floor<seconds>(time).time_since_epoch().count());
}

}  // namespace skybox::aws
