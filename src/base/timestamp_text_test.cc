#include "base/timestamp_text.h"

#include <gtest/gtest.h>

namespace skybox {
namespace {

TEST(TimestampTextTest, ParsesEveryWireFormat) {
  EXPECT_EQ(ParseTimestamp("1398796238"), 1398796238.0);
  EXPECT_DOUBLE_EQ(*ParseTimestamp("1398796238.5"), 1398796238.5);
  EXPECT_EQ(ParseTimestamp("2014-04-29T18:30:38Z"), 1398796238.0);
  EXPECT_DOUBLE_EQ(*ParseTimestamp("2014-04-29T18:30:38.250Z"), 1398796238.25);
  EXPECT_EQ(ParseTimestamp("2014-04-29T20:30:38+02:00"), 1398796238.0);
  EXPECT_EQ(ParseTimestamp("Tue, 29 Apr 2014 18:30:38 GMT"), 1398796238.0);
}

TEST(TimestampTextTest, RejectsGarbage) {
  EXPECT_FALSE(ParseTimestamp(""));
  EXPECT_FALSE(ParseTimestamp("yesterday"));
  EXPECT_FALSE(ParseTimestamp("2014-13-29T18:30:38Z"));
  EXPECT_FALSE(ParseTimestamp("2014-04-29T18:30:38Zjunk"));
  EXPECT_FALSE(ParseTimestamp("Tue, 29 Foo 2014 18:30:38 GMT"));
}

TEST(TimestampTextTest, EachFormAlone) {
  EXPECT_EQ(ParseIso8601Timestamp("2014-04-29"), 1398729600.0);
  EXPECT_EQ(ParseIso8601Timestamp("2014-04-29T18:30:38Z"), 1398796238.0);
  EXPECT_FALSE(ParseIso8601Timestamp("1398796238"));
  EXPECT_FALSE(ParseIso8601Timestamp("Tue, 29 Apr 2014 18:30:38 GMT"));
  EXPECT_EQ(ParseEpochTimestamp("-1"), -1.0);
  EXPECT_FALSE(ParseEpochTimestamp("2014-04-29"));
  EXPECT_EQ(ParseRfc822Timestamp("Tue, 29 Apr 2014 18:30:38 GMT"), 1398796238.0);
  EXPECT_FALSE(ParseRfc822Timestamp("2014-04-29T18:30:38Z"));
}

TEST(TimestampTextTest, ImpossibleTimesAndEmptyNumbers) {
  EXPECT_FALSE(ParseIso8601Timestamp("2026-02-30"));
  EXPECT_FALSE(ParseIso8601Timestamp("2026-02-29T00:00:00Z"));  // not a leap year
  EXPECT_EQ(ParseIso8601Timestamp("2024-02-29T00:00:00Z"), 1709164800.0);
  EXPECT_FALSE(ParseIso8601Timestamp("2026-04-31T00:00:00Z"));
  EXPECT_FALSE(ParseIso8601Timestamp("2026-01-01T00:00:00+24:00"));
  EXPECT_FALSE(ParseIso8601Timestamp("2026-01-01T00:00:00+05:60"));
  EXPECT_EQ(ParseIso8601Timestamp("2026-01-01T05:30:00+05:30"), 1767225600.0);
  EXPECT_FALSE(ParseRfc822Timestamp("Mon, 30 Feb 2026 00:00:00 GMT"));
  EXPECT_FALSE(ParseEpochTimestamp("."));
  EXPECT_FALSE(ParseEpochTimestamp("-."));
  EXPECT_FALSE(ParseEpochTimestamp("-"));
  EXPECT_EQ(ParseEpochTimestamp(".5"), 0.5);
}

}  // namespace
}  // namespace skybox
