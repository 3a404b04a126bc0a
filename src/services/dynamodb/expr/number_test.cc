#include "services/dynamodb/expr/number.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::dynamodb {
namespace {

Number N(std::string_view text) {
  Result<Number> n = Number::Parse(text);
  EXPECT_TRUE(n.ok()) << text << ": " << n.status().ToString();
  return n.ok() ? n.value() : Number();
}

std::string Canonical(std::string_view text) { return N(text).ToString(); }

std::string ParseError(std::string_view text) {
  Result<Number> n = Number::Parse(text);
  EXPECT_FALSE(n.ok()) << text;
  if (n.ok()) return "";
  EXPECT_EQ(n.status().aws_code(), "ValidationException");
  EXPECT_EQ(n.status().http_status(), 400);
  return n.status().message();
}

const char kTooPrecise[] = "Attempting to store more than 38 significant digits in a Number";
const char kOverflow[] =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const char kUnderflow[] =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";

TEST(NumberTest, CanonicalFormStripsZerosAndExponents) {
  EXPECT_EQ(Canonical("1.50"), "1.5");
  EXPECT_EQ(Canonical("0001"), "1");
  EXPECT_EQ(Canonical("1.0"), "1");
  EXPECT_EQ(Canonical("-0"), "0");
  EXPECT_EQ(Canonical("-0.000"), "0");
  EXPECT_EQ(Canonical("0"), "0");
  EXPECT_EQ(Canonical("+7"), "7");
  EXPECT_EQ(Canonical("1.5E2"), "150");
  EXPECT_EQ(Canonical("1e3"), "1000");
  EXPECT_EQ(Canonical("1E+3"), "1000");
  EXPECT_EQ(Canonical("1E-3"), "0.001");
  EXPECT_EQ(Canonical("-12.345e1"), "-123.45");
  EXPECT_EQ(Canonical(".5"), "0.5");
  EXPECT_EQ(Canonical("5."), "5");
  EXPECT_EQ(Canonical("-.25"), "-0.25");
  EXPECT_EQ(Canonical("100"), "100");
  EXPECT_EQ(Canonical("0.000123000"), "0.000123");
  EXPECT_EQ(Canonical("123456789.987654321"), "123456789.987654321");
  EXPECT_EQ(Canonical("0e999999999999"), "0");
}

TEST(NumberTest, Accessors) {
  Number n = N("-0.0120");
  EXPECT_TRUE(n.negative());
  EXPECT_FALSE(n.is_zero());
  EXPECT_EQ(n.digits(), "12");
  EXPECT_EQ(n.exponent(), -2);
  Number big = N("1234.5");
  EXPECT_EQ(big.digits(), "12345");
  EXPECT_EQ(big.exponent(), 3);
  Number zero = N("0.00");
  EXPECT_TRUE(zero.is_zero());
  EXPECT_FALSE(zero.negative());
  EXPECT_EQ(zero.digits(), "");
  EXPECT_EQ(zero.exponent(), 0);
  EXPECT_EQ(Number::FromInt64(-42).ToString(), "-42");
  EXPECT_EQ(Number::FromInt64(INT64_MIN).ToString(), "-9223372036854775808");
}

TEST(NumberTest, RejectsMalformedText) {
  for (const char* bad : {"", " 1", "1 ", "abc", "1a", "--1", "+-1", "1..2", "1.2.3", ".", "-",
                          "e5", "1e", "1e+", "1e5.5", "NaN", "Infinity", "0x10", "1,000", "+",
                          "1e--5", "١"}) {
    std::string expected = "The parameter cannot be converted to a numeric value";
    if (*bad) expected += std::string(": ") + bad;
    EXPECT_EQ(ParseError(bad), expected) << bad;
  }
}

TEST(NumberTest, PrecisionLimit) {
  std::string d38(38, '9');
  EXPECT_EQ(Canonical(d38), d38);
  EXPECT_EQ(ParseError(d38 + "1"), kTooPrecise);
  EXPECT_EQ(ParseError("-1.23456789012345678901234567890123456789"), kTooPrecise);
  // Trailing zeros are not significant, leading zeros neither.
  EXPECT_EQ(Canonical(d38 + "000"), d38 + "000");
  EXPECT_EQ(Canonical("000" + d38), d38);
  EXPECT_EQ(Canonical("0.000" + d38), "0.000" + d38);
}

TEST(NumberTest, RangeLimits) {
  EXPECT_EQ(N("1E125").exponent(), 125);
  EXPECT_EQ(N("9.9999999999999999999999999999999999999E+125").digits(), std::string(38, '9'));
  EXPECT_EQ(N("-9.9999999999999999999999999999999999999E+125").exponent(), 125);
  EXPECT_EQ(N("1E-130").exponent(), -130);
  EXPECT_EQ(N("-1E-130").exponent(), -130);
  EXPECT_EQ(ParseError("1e126"), kOverflow);
  EXPECT_EQ(ParseError("-1e126"), kOverflow);
  EXPECT_EQ(ParseError("10E125"), kOverflow);
  EXPECT_EQ(ParseError("1e99999999999999999999"), kOverflow);
  EXPECT_EQ(ParseError("1e-131"), kUnderflow);
  EXPECT_EQ(ParseError("-1e-131"), kUnderflow);
  EXPECT_EQ(ParseError("0.1E-130"), kUnderflow);
  EXPECT_EQ(ParseError("1e-99999999999999999999"), kUnderflow);
  EXPECT_EQ(N("0.1E-129").exponent(), -130);
  EXPECT_EQ(N("1E-130").ToString(), "0." + std::string(129, '0') + "1");
  EXPECT_EQ(N("1E125").ToString(), "1" + std::string(125, '0'));
}

TEST(NumberTest, Compare) {
  const char* ascending[] = {"-1E125", "-100", "-99.5", "-1", "-0.5", "-1E-130", "0",
                             "1E-130", "0.001", "0.5", "1", "1.5", "2", "10", "99.99",
                             "100", "1E125"};
  constexpr size_t n = std::size(ascending);
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      Number a = N(ascending[i]);
      Number b = N(ascending[j]);
      EXPECT_EQ(a <=> b, i <=> j) << ascending[i] << " vs " << ascending[j];
      EXPECT_EQ(a == b, i == j);
    }
  }
  EXPECT_EQ(N("1.50"), N("1.5"));
  EXPECT_EQ(N("-0"), N("0"));
  EXPECT_EQ(N("15E-1"), N("1.5"));
}

TEST(NumberTest, AddAndSubtract) {
  auto sum = [](std::string_view a, std::string_view b) {
    return N(a).Add(N(b)).value().ToString();
  };
  auto diff = [](std::string_view a, std::string_view b) {
    return N(a).Subtract(N(b)).value().ToString();
  };
  EXPECT_EQ(sum("1", "2"), "3");
  EXPECT_EQ(sum("0.1", "0.2"), "0.3");
  EXPECT_EQ(sum("99", "1"), "100");
  EXPECT_EQ(sum("-5", "3"), "-2");
  EXPECT_EQ(sum("5", "-5"), "0");
  EXPECT_EQ(sum("-5", "-5"), "-10");
  EXPECT_EQ(sum("0", "-7.25"), "-7.25");
  EXPECT_EQ(sum("1E20", "1E-10"), "100000000000000000000.0000000001");
  EXPECT_EQ(sum("1.005", "-0.005"), "1");
  EXPECT_EQ(diff("1", "0.001"), "0.999");
  EXPECT_EQ(diff("3", "5"), "-2");
  EXPECT_EQ(diff("-3", "-5"), "2");
  EXPECT_EQ(diff("1000", "1000"), "0");
  EXPECT_EQ(diff("0", "0"), "0");
  EXPECT_EQ(diff("1E125", "1E125"), "0");
  EXPECT_EQ(sum(std::string(37, '9'), "1"), "1" + std::string(37, '0'));
}

TEST(NumberTest, ArithmeticLimits) {
  Number max = N("9.9999999999999999999999999999999999999E+125");
  Result<Number> over = max.Add(N("1E+88"));
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().message(), kOverflow);
  // An inexact result is an overflow to AWS, not a precision error as for an input number.
  Result<Number> precise = N("1E+38").Add(N("1"));
  ASSERT_FALSE(precise.ok());
  EXPECT_EQ(precise.status().message(), kOverflow);
  EXPECT_EQ(N("1E+50").Subtract(N("1")).status().message(), kOverflow);
  Result<Number> tiny = N("1.1E-130").Subtract(N("1E-130"));
  ASSERT_FALSE(tiny.ok());
  EXPECT_EQ(tiny.status().message(), kUnderflow);
  EXPECT_EQ(max.Subtract(max).value().ToString(), "0");
  EXPECT_EQ(N("-9E125").Add(N("-1E125")).status().message(), kOverflow);
  EXPECT_EQ(N("-1E125").Add(N("-1E125")).value().ToString(), "-2" + std::string(125, '0'));
}

TEST(NumberTest, NegatedAndZeroSign) {
  EXPECT_EQ(N("1.5").Negated().ToString(), "-1.5");
  EXPECT_EQ(N("0").Negated().ToString(), "0");
  EXPECT_FALSE(N("0").Negated().negative());
}

}  // namespace
}  // namespace skybox::dynamodb
