#include "base/http_date.h"

#include <gtest/gtest.h>

#include "base/civil_date.h"

namespace skybox {
namespace {

TEST(HttpDateTest, ParsesTheThreeForms) {
  // Expected values from python3 calendar.timegm(email.utils.parsedate(...)).
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), 784111777);
  EXPECT_EQ(ParseHttpDate("Sun Nov 06 08:49:37 1994"), 784111777);
  EXPECT_EQ(ParseHttpDate("  Thu, 01 Jan 1970 00:00:00 GMT "), 0);
  EXPECT_EQ(ParseHttpDate("Tue, 29 Feb 2000 23:59:59 GMT"), 951868799);
  EXPECT_EQ(ParseHttpDate("Fri, 31 Dec 9999 23:59:59 GMT"), 253402300799);
  EXPECT_EQ(ParseHttpDate("Sunday, 29-Nov-26 05:30:00 GMT"), 1795930200);
}

TEST(HttpDateTest, RejectsMalformedDates) {
  for (std::string_view bad :
       {"", "yesterday", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 94 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
        "Sun, 29 Feb 1900 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 00 Nov 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z",
        "Sun, 06 Nov 1994 08:49:37 GMTx", "Sun, 06 Nov 1994 08:4a:37 GMT"}) {
    EXPECT_EQ(ParseHttpDate(bad), std::nullopt) << bad;
  }
}

TEST(HttpDateTest, ImfFixdateAloneIsExact) {
  EXPECT_EQ(ParseImfFixdate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(ParseImfFixdate("Sun, 30 Aug 2015 12:36:00 GMT"), 1440938160);
  for (std::string_view other : {"Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                                 " Sun, 06 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMT ",
                                 "Sun, 31 Feb 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 +0000"}) {
    EXPECT_EQ(ParseImfFixdate(other), std::nullopt) << other;
  }
}

TEST(HttpDateTest, ParsesWhatBaseFormats) {
  EXPECT_EQ(FormatHttpDate(1795930200), "Sun, 29 Nov 2026 05:30:00 GMT");
  for (int64_t t = 0; t < 4'000'000'000; t += 7'777'777) {
    EXPECT_EQ(ParseHttpDate(FormatHttpDate(t)), t);
  }
}

}  // namespace
}  // namespace skybox
