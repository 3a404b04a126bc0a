#include "aws/protocol/timestamp.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

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
