#include "base/http_date.h"

#include <array>

#include "base/ascii.h"
#include "base/civil_date.h"

namespace skybox {
namespace {

constexpr std::array<std::string_view, 7> kLongDays = {
    "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

int DaysInMonth(int64_t year, int month) {
  static constexpr int kDaysIn[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDaysIn[month - 1];
}

// A left-to-right reader over the date text; every Read* fails (returns false) on mismatch.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool Literal(std::string_view lit) {
    if (s_.substr(0, lit.size()) != lit) return false;
    s_.remove_prefix(lit.size());
    return true;
  }
  // Exactly `width` digits; a leading space stands for a zero when `space_pad` (asctime day).
  bool Digits(int width, int64_t* out, bool space_pad = false) {
    if (s_.size() < static_cast<size_t>(width)) return false;
    int64_t v = 0;
    for (int i = 0; i < width; ++i) {
      char c = s_[i];
      if (space_pad && i == 0 && c == ' ') c = '0';
      if (c < '0' || c > '9') return false;
      v = v * 10 + (c - '0');
    }
    s_.remove_prefix(width);
    *out = v;
    return true;
  }
  template <size_t N>
  bool OneOf(const std::array<std::string_view, N>& names, int* index) {
    for (size_t i = 0; i < N; ++i) {
      if (Literal(names[i])) {
        *index = static_cast<int>(i) + 1;
        return true;
      }
    }
    return false;
  }
  bool Time(int64_t* h, int64_t* m, int64_t* s) {
    return Digits(2, h) && Literal(":") && Digits(2, m) && Literal(":") && Digits(2, s);
  }
  bool AtEnd() const { return s_.empty(); }

 private:
  std::string_view s_;
};

struct Fields {
  int64_t year = 0, day = 0, hour = 0, minute = 0, second = 0;
  int month = 0;
};

bool ReadImfFixdate(std::string_view text, Fields* f) {
  Cursor c(text);
  int weekday = 0;
  return c.OneOf(kWeekdayAbbreviations, &weekday) && c.Literal(", ") && c.Digits(2, &f->day) && c.Literal(" ") &&
         c.OneOf(kMonthAbbreviations, &f->month) && c.Literal(" ") && c.Digits(4, &f->year) &&
         c.Literal(" ") && c.Time(&f->hour, &f->minute, &f->second) && c.Literal(" GMT") &&
         c.AtEnd();
}

bool ReadRfc850(std::string_view text, Fields* f) {
  Cursor c(text);
  int weekday = 0;
  int64_t yy = 0;
  if (!(c.OneOf(kLongDays, &weekday) && c.Literal(", ") && c.Digits(2, &f->day) &&
        c.Literal("-") && c.OneOf(kMonthAbbreviations, &f->month) && c.Literal("-") && c.Digits(2, &yy) &&
        c.Literal(" ") && c.Time(&f->hour, &f->minute, &f->second) && c.Literal(" GMT") &&
        c.AtEnd())) {
    return false;
  }
  f->year = yy >= 70 ? 1900 + yy : 2000 + yy;
  return true;
}

bool ReadAsctime(std::string_view text, Fields* f) {
  Cursor c(text);
  int weekday = 0;
  return c.OneOf(kWeekdayAbbreviations, &weekday) && c.Literal(" ") && c.OneOf(kMonthAbbreviations, &f->month) &&
         c.Literal(" ") && c.Digits(2, &f->day, /*space_pad=*/true) && c.Literal(" ") &&
         c.Time(&f->hour, &f->minute, &f->second) && c.Literal(" ") && c.Digits(4, &f->year) &&
         c.AtEnd();
}

// Seconds since the epoch of the fields read, nullopt for an impossible date or time.
std::optional<int64_t> EpochSeconds(const Fields& f) {
  if (f.day < 1 || f.day > DaysInMonth(f.year, f.month) || f.hour > 23 || f.minute > 59 ||
      f.second > 60) {
    return std::nullopt;
  }
  return DaysFromCivil(f.year, f.month, static_cast<int>(f.day)) * 86400 + f.hour * 3600 +
         f.minute * 60 + f.second;
}

}  // namespace

std::optional<int64_t> ParseHttpDate(std::string_view text) {
  text = TrimBlanks(text);
  Fields f;
  if (!ReadImfFixdate(text, &f) && !ReadRfc850(text, &(f = Fields{})) &&
      !ReadAsctime(text, &(f = Fields{}))) {
    return std::nullopt;
  }
  return EpochSeconds(f);
}

std::optional<int64_t> ParseImfFixdate(std::string_view text) {
  Fields f;
  if (!ReadImfFixdate(text, &f)) return std::nullopt;
  return EpochSeconds(f);
}

}  // namespace skybox
