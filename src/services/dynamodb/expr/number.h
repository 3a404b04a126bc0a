// CHANGED: malformed numbers now fail with "The parameter cannot be converted to a numeric value: x".
// Number: DynamoDB's decimal number type — up to 38 significant digits, magnitudes from 1E-130
// to 9.99..9E+125 (and zero), exact comparison and exact addition/subtraction.
//
// A Number is held normalised: sign, the significant digits without leading or trailing zeros,
// and a scientific exponent. That form is canonical (equal values have equal representations),
// which makes ToString(), equality and an order-preserving key encoding straightforward.
//
// Errors are ValidationException Statuses carrying DynamoDB's wording, ready to return to
// the client as they are (callers may prefix context, as AWS does for key attributes).
//
// Thread-safety: a value type; const methods are safe to call concurrently.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace skybox::dynamodb {

class Number {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMinExponent = -130;  // smallest magnitude 1E-130
  static constexpr int kMaxExponent = 125;   // largest magnitude 9.99..9E+125

  Number() = default;  // zero

  // Parses DynamoDB's number syntax: optional sign, digits with an optional '.', an optional
  // exponent ("1.5E2", "-.5", "5.", "+3e-4"). No surrounding whitespace, no "NaN"/"Infinity",
  // no hex. Fails with ValidationException:
  //   - "The parameter cannot be converted to a numeric value: <text>" for malformed text
  //     (without ": <text>" when empty);
  //   - "Attempting to store more than 38 significant digits in a Number";
  //   - "Number overflow. Attempting to store a number with magnitude larger than supported range";
  //   - "Number underflow. Attempting to store a number with magnitude smaller than supported range".
  static Result<Number> Parse(std::string_view text);
  static Number FromInt64(int64_t value);

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }  // never true for zero
  // Significant digits, no leading or trailing zeros; empty for zero. At most 38 of them.
  const std::string& digits() const { return digits_; }
  // Scientific exponent: value = d1.d2d3... x 10^exponent(). In [kMinExponent, kMaxExponent];
  // 0 for zero.
  int exponent() const { return exponent_; }

  // Canonical text as DynamoDB returns it: plain decimal notation without exponent, no
  // leading/trailing zeros, "-" for negatives, "0" for zero ("1.50" -> "1.5", "1E+3" -> "1000",
  // "-0" -> "0", "1E-3" -> "0.001").
  std::string ToString() const;

  // Exact sum / difference. Fails like Parse when the exact result leaves the supported range;
  // one that needs more than 38 significant digits fails as AWS words it, with "Number overflow.
  // Attempting to store a number with magnitude larger than supported range".
  Result<Number> Add(const Number& other) const;
  Result<Number> Subtract(const Number& other) const;
  Number Negated() const;

  friend bool operator==(const Number&, const Number&) = default;
  friend std::strong_ordering operator<=>(const Number& a, const Number& b);

 private:
  // Where a number comes from: its error for too many significant digits differs.
  enum class Origin { kParsed, kArithmetic };
  // Normalises raw digits (leading/trailing zeros allowed) whose first digit sits at scientific
  // exponent `exponent`, and checks DynamoDB's limits.
  static Result<Number> Make(bool negative, std::string digits, int64_t exponent, Origin origin = Origin::kParsed);

  bool negative_ = false;
  std::string digits_;
  int exponent_ = 0;
};

}  // namespace skybox::dynamodb
