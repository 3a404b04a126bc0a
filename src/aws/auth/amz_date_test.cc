#include "aws/auth/amz_date.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

using std::chrono::system_clock;

TEST(AmzDateTest, ParsesAndFormatsIsoBasic) {
  auto t = ParseAmzDate("20150830T123600Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->time_since_epoch().count(), 1440938160);
  EXPECT_EQ(FormatAmzDate(system_clock::time_point(*t)), "20150830T123600Z");
}

TEST(AmzDateTest, FormatTruncatesSubSeconds) {
  auto t = system_clock::time_point(*ParseAmzDate("20240229T235959Z")) +
           std::chrono::milliseconds(999);
  EXPECT_EQ(FormatAmzDate(t), "20240229T235959Z");
}

TEST(AmzDateTest, RejectsMalformedIsoBasic) {
  for (const char* bad : {"", "20150830T123600", "20150830 123600Z", "2015083OT123600Z",
                          "20150230T123600Z", "20151301T000000Z", "20150830T243600Z",
                          "20150830T126000Z", "20150830T123600Z "}) {
    EXPECT_FALSE(ParseAmzDate(bad).has_value()) << bad;
  }
}

TEST(AmzDateTest, RequestDateIsAnImfFixdateOnly) {
  EXPECT_FALSE(ParseRequestDate("Sun, 30 Foo 2015 12:36:00 GMT").has_value());
  EXPECT_FALSE(ParseRequestDate("Sunday, 30-Aug-15 12:36:00 GMT").has_value());
  EXPECT_FALSE(ParseRequestDate("Sun Aug 30 12:36:00 2015").has_value());
  EXPECT_FALSE(ParseRequestDate("Sun, 30 Aug 2015 12:36:00 CET").has_value());
  EXPECT_FALSE(ParseRequestDate(" Sun, 30 Aug 2015 12:36:00 GMT").has_value());
  EXPECT_FALSE(ParseRequestDate("Sun, 31 Feb 2015 12:36:00 GMT").has_value());
}

TEST(AmzDateTest, RequestDateTakesTheNamesOfUtc) {
  // botocore signs a request that carries a Date header with email.utils.formatdate's "-0000";
  // Go's RFC1123 (rclone --s3-v2-auth, goamz) writes "UTC".
  for (const char* text : {"Sun, 30 Aug 2015 12:36:00 GMT", "Sun, 30 Aug 2015 12:36:00 -0000",
                           "Sun, 30 Aug 2015 12:36:00 +0000", "Sun, 30 Aug 2015 12:36:00 UTC",
                           "Sun, 30 Aug 2015 12:36:00 UT"}) {
    auto t = ParseRequestDate(text);
    ASSERT_TRUE(t.has_value()) << text;
    EXPECT_EQ(FormatAmzDate(system_clock::time_point(*t)), "20150830T123600Z") << text;
  }
  EXPECT_FALSE(ParseRequestDate("Sun, 30 Aug 2015 12:36:00 +0100").has_value());
  EXPECT_FALSE(ParseRequestDate("-0000").has_value());
}

}  // namespace
}  // namespace skybox::aws
