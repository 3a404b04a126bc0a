#include "services/event_pattern/numeric.h"

#include <gtest/gtest.h>

namespace skybox::services::event_pattern {
namespace {

using nlohmann::json;

TEST(Numeric, ToMicrosIsExactForIntegersAndSixDecimals) {
  EXPECT_EQ(ToMicros(json(5)), 5'000'000);
  EXPECT_EQ(ToMicros(json(5.0)), 5'000'000);
  EXPECT_EQ(ToMicros(json(301.8)), 301'800'000);
  EXPECT_EQ(ToMicros(json(-0.000001)), -1);
  EXPECT_EQ(ToMicros(json(0.1 + 0.2)), 300'000);  // binary error stays below a micro-unit
  EXPECT_EQ(ToMicros(json(5'000'000'000LL)), kMaxNumericMicros);
  EXPECT_EQ(ToMicros(json(-5e9)), -kMaxNumericMicros);
}

TEST(Numeric, ToMicrosRejectsOutOfRangeAndNonNumbers) {
  EXPECT_FALSE(ToMicros(json(5'000'000'001LL)).has_value());
  EXPECT_FALSE(ToMicros(json(18446744073709551615ULL)).has_value());
  EXPECT_FALSE(ToMicros(json(-6e9)).has_value());
  EXPECT_FALSE(ToMicros(json("5")).has_value());
  EXPECT_FALSE(ToMicros(json(nullptr)).has_value());
}

TEST(Numeric, ParsesEveryOperatorShape) {
  auto eq = ParseNumericExpression(json::parse(R"(["=", 5])"));
  ASSERT_TRUE(eq.ok());
  EXPECT_TRUE(eq->Contains(5'000'000));
  EXPECT_FALSE(eq->Contains(5'000'001));
  auto range = ParseNumericExpression(json::parse(R"([">", 0, "<=", 5])"));
  ASSERT_TRUE(range.ok());
  EXPECT_FALSE(range->Contains(0));
  EXPECT_TRUE(range->Contains(1));
  EXPECT_TRUE(range->Contains(5'000'000));
  EXPECT_FALSE(range->Contains(5'000'001));
  auto below = ParseNumericExpression(json::parse(R"(["<", -1])"));
  ASSERT_TRUE(below.ok());
  EXPECT_TRUE(below->Contains(-kMaxNumericMicros));
  EXPECT_FALSE(below->Contains(-1'000'000));
}

}  // namespace
}  // namespace skybox::services::event_pattern
