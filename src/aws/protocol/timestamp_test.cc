#include "aws/protocol/timestamp.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

TEST(TimestampTest, ParsesEveryWireFormat) {
  EXPECT_EQ(ParseTimestamp("1398796238"), 1398796238.0);
  EXPECT_DOUBLE_EQ(*ParseTimestamp("1398796238.5"), 1398796238.5);
  EXPECT_EQ(ParseTimestamp("2014-04-29T18:30:38Z"), 1398796238.0);
  EXPECT_DOUBLE_EQ(*ParseTimestamp("2014-04-29T18:30:38.250Z"), 1398796238.25);
  EXPECT_EQ(ParseTimestamp("2014-04-29T20:30:38+02:00"), 1398796238.0);
  EXPECT_EQ(ParseTimestamp("Tue, 29 Apr 2014 18:30:38 GMT"), 1398796238.0);
}

TEST(TimestampTest, RejectsGarbage) {
  EXPECT_FALSE(ParseTimestamp(""));
  EXPECT_FALSE(ParseTimestamp("yesterday"));
  EXPECT_FALSE(ParseTimestamp("2014-13-29T18:30:38Z"));
  EXPECT_FALSE(ParseTimestamp("2014-04-29T18:30:38Zjunk"));
  EXPECT_FALSE(ParseTimestamp("Tue, 29 Foo 2014 18:30:38 GMT"));
}

TEST(TimestampTest, Formats) {
  EXPECT_EQ(FormatIso8601(1398796238.0), "2014-04-29T18:30:38.000Z");
  EXPECT_EQ(FormatIso8601(1398796238.1234), "2014-04-29T18:30:38.123Z");
  EXPECT_EQ(FormatIso8601Seconds(1398796238.9), "2014-04-29T18:30:38Z");
  EXPECT_EQ(FormatRfc822(1398796238.0), "Tue, 29 Apr 2014 18:30:38 GMT");
  EXPECT_EQ(FormatEpochSeconds(1398796238.0), "1398796238");
  EXPECT_EQ(FormatEpochSeconds(1398796238.5), "1398796238.5");
  EXPECT_EQ(FormatTimestamp(0, TimestampFormat::kDefault, TimestampFormat::kRfc822),
            "Thu, 01 Jan 1970 00:00:00 GMT");
  EXPECT_EQ(FormatTimestamp(0, TimestampFormat::kUnixTimestamp, TimestampFormat::kRfc822), "0");
}

}  // namespace
}  // namespace skybox::aws
