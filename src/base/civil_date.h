// Conversions between proleptic Gregorian calendar dates and days since 1970-01-01, for code
// that formats or computes dates without a time-zone library (HTTP dates, cron schedules).
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>

namespace skybox {

struct CivilDate {
  int64_t year;
  int month;  // 1-12
  int day;    // 1-31
};

// Days since 1970-01-01 (negative before it) of year-month-day.
int64_t DaysFromCivil(int64_t year, int month, int day);
// The date `days` after 1970-01-01.
CivilDate CivilFromDays(int64_t days);

}  // namespace skybox
