#include "base/civil_date.h"

namespace skybox {

// Howard Hinnant's days_from_civil / civil_from_days: eras of 400 years (146,097 days) that
// start on March 1st, so the leap day is the last day of a "year".
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2), month, day};
}

namespace {

struct UtcTime {
  CivilDate date;
  int weekday;  // 0 = Sunday
  int hour, minute, second;
};

UtcTime ToUtc(int64_t epoch_seconds) {
  const int64_t days = epoch_seconds >= 0 ? epoch_seconds / 86400 : (epoch_seconds - 86399) / 86400;
  const int64_t secs = epoch_seconds - days * 86400;
  return {CivilFromDays(days), static_cast<int>(((days % 7) + 11) % 7),  // 1970-01-01 was a Thursday
          static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60)};
}

// `value` in decimal, zero-padded to `width` digits.
void AppendNumber(std::string& out, int64_t value, int width) {
  if (value < 0) {
    out += '-';
    value = -value;
  }
  char digits[20];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value > 0);
  for (int i = n; i < width; ++i) out += '0';
  while (n > 0) out += digits[--n];
}

// "1994-11-06T08:49:37", or "19941106T084937" when `basic`.
void AppendIso(std::string& out, const UtcTime& t, bool basic) {
  AppendNumber(out, t.date.year, 4);
  if (!basic) out += '-';
  AppendNumber(out, t.date.month, 2);
  if (!basic) out += '-';
  AppendNumber(out, t.date.day, 2);
  out += 'T';
  AppendNumber(out, t.hour, 2);
  if (!basic) out += ':';
  AppendNumber(out, t.minute, 2);
  if (!basic) out += ':';
  AppendNumber(out, t.second, 2);
}

std::string IsoSecondsText(int64_t epoch_seconds, bool basic) {
  std::string out;
  out.reserve(20);
  AppendIso(out, ToUtc(epoch_seconds), basic);
  out += 'Z';
  return out;
}

}  // namespace

std::string FormatHttpDate(int64_t epoch_seconds) {
  const UtcTime t = ToUtc(epoch_seconds);
  std::string out;
  out.reserve(29);
  out += kWeekdayAbbreviations[t.weekday];
  out += ", ";
  AppendNumber(out, t.date.day, 2);
  out += ' ';
  out += kMonthAbbreviations[t.date.month - 1];
  out += ' ';
  AppendNumber(out, t.date.year, 4);
  out += ' ';
  AppendNumber(out, t.hour, 2);
  out += ':';
  AppendNumber(out, t.minute, 2);
  out += ':';
  AppendNumber(out, t.second, 2);
  out += " GMT";
  return out;
}

std::string FormatIsoMillis(int64_t epoch_ms) {
  const int64_t secs = epoch_ms >= 0 ? epoch_ms / 1000 : (epoch_ms - 999) / 1000;
  std::string out;
  out.reserve(24);
  AppendIso(out, ToUtc(secs), /*basic=*/false);
  out += '.';
  AppendNumber(out, epoch_ms - secs * 1000, 3);
  out += 'Z';
  return out;
}

std::string FormatIsoSeconds(int64_t epoch_seconds) { return IsoSecondsText(epoch_seconds, /*basic=*/false); }

std::string FormatIsoBasic(int64_t epoch_seconds) { return IsoSecondsText(epoch_seconds, /*basic=*/true); }

}  // namespace skybox
