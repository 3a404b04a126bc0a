#include "services/events/schedule.h"

#include <gtest/gtest.h>

#include "services/events/event_envelope.h"

namespace skybox::services::events {
namespace {

constexpr int64_t kSunday0807 = 1795939650000;  // 2026-11-29T08:07:30Z, a Sunday

std::string Next(const std::string& expression, int64_t now = kSunday0807) {
  auto schedule = Schedule::Parse(expression);
  EXPECT_TRUE(schedule.ok()) << expression;
  if (!schedule.ok()) return "invalid";
  std::optional<int64_t> next = schedule->NextFire(now, now);
  return next ? FormatEventTime(*next) : "never";
}

TEST(ScheduleTest, CronFieldsAndWildcards) {
  EXPECT_EQ(Next("cron(0/15 * * * ? *)"), "2026-11-29T08:15:00Z");
  EXPECT_EQ(Next("cron(*/5 * * * ? *)"), "2026-11-29T08:10:00Z");
  EXPECT_EQ(Next("cron(0 10 * * ? *)"), "2026-11-29T10:00:00Z");
  EXPECT_EQ(Next("cron(15,45 12 * * ? *)"), "2026-11-29T12:15:00Z");
  EXPECT_EQ(Next("cron(0 18 ? * MON-FRI *)"), "2026-11-30T18:00:00Z");
  EXPECT_EQ(Next("cron(0 18 ? * 2-6 *)"), "2026-11-30T18:00:00Z");
  EXPECT_EQ(Next("cron(0 8 1 * ? *)"), "2026-12-01T08:00:00Z");
  EXPECT_EQ(Next("cron(0 8 1 JAN ? *)"), "2027-01-01T08:00:00Z");
  EXPECT_EQ(Next("cron(0 7 * * ? *)"), "2026-11-30T07:00:00Z");  // today's 07:00 is past
}

TEST(ScheduleTest, LastWeekdayAndNthDays) {
  EXPECT_EQ(Next("cron(0 0 L * ? *)"), "2026-11-30T00:00:00Z");
  EXPECT_EQ(Next("cron(0 9 ? * 6L *)"), "2026-12-25T09:00:00Z");  // November's last Friday has passed
  EXPECT_EQ(Next("cron(0 9 ? * 3#2 *)"), "2026-12-08T09:00:00Z");  // second Tuesday
  EXPECT_EQ(Next("cron(0 9 15W * ? *)"), "2026-12-15T09:00:00Z");
  EXPECT_EQ(Next("cron(0 9 1W 5 ? 2027)"), "2027-05-03T09:00:00Z");  // the 1st is a Saturday
  EXPECT_EQ(Next("cron(0 9 LW * ? *)"), "2026-11-30T09:00:00Z");
}

TEST(ScheduleTest, YearsThatEnded) {
  EXPECT_EQ(Next("cron(0 12 * * ? 2025)"), "never");
  EXPECT_EQ(Next("cron(0 12 * * ? 2030-2031)"), "2030-01-01T12:00:00Z");
}

TEST(ScheduleTest, RateKeepsItsPeriod) {
  auto rate = Schedule::Parse("rate(5 minutes)");
  ASSERT_TRUE(rate.ok());
  constexpr int64_t k0805 = 1795939200000 + 5 * 60'000;
  EXPECT_EQ(rate->NextFire(k0805, kSunday0807), k0805 + 5 * 60'000);
  // A fire missed (e.g. while stopped) is not caught up: the next one is a period from now.
  EXPECT_EQ(rate->NextFire(1795939200000, kSunday0807 + 60'000), kSunday0807 + 6 * 60'000);
  EXPECT_TRUE(Schedule::Parse("rate(1 minute)").ok());
  EXPECT_TRUE(Schedule::Parse("rate(1 hour)").ok());
  EXPECT_TRUE(Schedule::Parse("rate(7 days)").ok());
}

TEST(ScheduleTest, RejectsWhatAwsRejects) {
  for (const char* bad : {"rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 weeks)", "rate(5)",
                          "cron(* * * * * *)", "cron(0 12 * * ?)", "cron(60 * * * ? *)", "cron(0 24 * * ? *)",
                          "cron(0 12 ? * 8 *)", "cron(0 12 ? ? ? *)", "cron(0 12 32 * ? *)", "every 5 minutes",
                          "cron(0 12 * 13 ? *)", "cron(0 12 ? * 2#6 *)", "cron(0 12 * * ? 1969)", ""}) {
    auto parsed = Schedule::Parse(bad);
    EXPECT_FALSE(parsed.ok()) << bad;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.status().message(), "Parameter ScheduleExpression is not valid.");
    }
  }
}

}  // namespace
}  // namespace skybox::services::events
