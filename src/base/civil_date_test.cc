#include "base/civil_date.h"

#include <gtest/gtest.h>

#include <ctime>
#include <random>

namespace skybox {
namespace {

TEST(CivilDateTest, KnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  CivilDate leap = CivilFromDays(DaysFromCivil(2024, 2, 29));
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
}

TEST(CivilDateTest, RoundTripsEveryDayOfFourCenturies) {
  for (int64_t days = -146097; days < 2 * 146097; ++days) {
    CivilDate d = CivilFromDays(days);
    ASSERT_EQ(DaysFromCivil(d.year, d.month, d.day), days);
  }
}

TEST(CivilDateTest, FormatsInstants) {
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatHttpDate(-1), "Wed, 31 Dec 1969 23:59:59 GMT");
  EXPECT_EQ(FormatHttpDate(951782400), "Tue, 29 Feb 2000 00:00:00 GMT");
  EXPECT_EQ(FormatIsoMillis(784111777123), "1994-11-06T08:49:37.123Z");
  EXPECT_EQ(FormatIsoMillis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoMillis(5), "1970-01-01T00:00:00.005Z");
  EXPECT_EQ(FormatIsoSeconds(784111777), "1994-11-06T08:49:37Z");
  EXPECT_EQ(FormatIsoBasic(784111777), "19941106T084937Z");
  EXPECT_EQ(FormatIsoSeconds(-62135596800), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatIsoSeconds(253402300799), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatIsoSeconds(253402300800), "10000-01-01T00:00:00Z");
}

TEST(CivilDateTest, FormatsAsTheCLibraryDoes) {
  std::mt19937_64 rng(7);
  std::uniform_int_distribution<int64_t> instants(-62135596800, 253402300799);
  for (int i = 0; i < 20000; ++i) {
    const int64_t secs = instants(rng);
    const std::time_t t = secs;
    std::tm tm{};
    ASSERT_NE(gmtime_r(&t, &tm), nullptr);
    char names[16], http[64], iso[64];  // strftime's %Y would not zero-pad years before 1000
    std::strftime(names, sizeof names, "%a|%b", &tm);
    std::snprintf(http, sizeof http, "%.3s, %02d %.3s %04d %02d:%02d:%02d GMT", names, tm.tm_mday, names + 4,
                  tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    ASSERT_EQ(FormatHttpDate(secs), http) << secs;
    ASSERT_EQ(FormatIsoSeconds(secs), iso) << secs;
  }
}

}  // namespace
}  // namespace skybox
