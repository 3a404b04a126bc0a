// Conversions between proleptic Gregorian calendar dates and days since 1970-01-01, for code
// that formats or computes dates without a time-zone library (HTTP dates, cron schedules), and
// the text forms of an instant in UTC that HTTP and AWS use.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace skybox {

struct CivilDate {
  int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};

// English abbreviations of the months (January first) and weekdays (Sunday first), as HTTP
// dates and their older forms spell them.
inline constexpr std::array<std::string_view, 12> kMonthAbbreviations = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
inline constexpr std::array<std::string_view, 7> kWeekdayAbbreviations = {"Sun", "Mon", "Tue", "Wed",
                                                                         "Thu", "Fri", "Sat"};

// Days since 1970-01-01 (negative before it) of year-month-day.
int64_t DaysFromCivil(int64_t year, int month, int day);
// The date `days` after 1970-01-01.
CivilDate CivilFromDays(int64_t days);

// Text forms of an instant in UTC. Years beyond 9999 print with as many digits as they need.
// "Sun, 06 Nov 1994 08:49:37 GMT": RFC 7231's IMF-fixdate (Date, Last-Modified, Expires).
std::string FormatHttpDate(int64_t epoch_seconds);
// "1994-11-06T08:49:37.123Z": ISO 8601 with milliseconds.
std::string FormatIsoMillis(int64_t epoch_ms);
// "1994-11-06T08:49:37Z": ISO 8601 to the second.
std::string FormatIsoSeconds(int64_t epoch_seconds);
// "19941106T084937Z": ISO 8601's basic format, as SigV4's X-Amz-Date.
std::string FormatIsoBasic(int64_t epoch_seconds);

}  // namespace skybox
