// Numbers as EventBridge's matcher compares them: fixed-point micro-units (six digits right of
// the decimal point) within -5.0e9 .. +5.0e9 inclusive, so 5, 5.0 and 5e0 are one value and
// comparisons do not suffer binary floating-point error at the sixth decimal.
//
// Thread-safety: pure functions and immutable values.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace skybox::services::event_pattern {

inline constexpr int64_t kMicrosPerUnit = 1'000'000;
inline constexpr int64_t kMaxNumericMicros = 5'000'000'000LL * kMicrosPerUnit;

// The JSON number `number` in micro-units, rounded to the nearest micro-unit; nullopt when it is
// not a finite number or lies outside -5.0e9 .. +5.0e9.
std::optional<int64_t> ToMicros(const nlohmann::json& number);

// A closed, open or half-open interval of micro-units; unbounded sides use the int64 limits.
struct NumericRange {
  int64_t low = std::numeric_limits<int64_t>::min();
  int64_t high = std::numeric_limits<int64_t>::max();
  bool low_open = false;
  bool high_open = false;

  bool Contains(int64_t micros) const {
    if (low_open ? micros <= low : micros < low) return false;
    return high_open ? micros < high : micros <= high;
  }
  static NumericRange Exactly(int64_t micros) { return {micros, micros, false, false}; }
};

// Parses the operand array of a `numeric` match expression: ["=", n], ["<", n], ["<=", n],
// [">", n], [">=", n], or [">"|">=", n, "<"|"<=", m]. Fails with EventBridge's wording
// ("Value of >= must be numeric", "Bottom must be less than top", ...).
Result<NumericRange> ParseNumericExpression(const nlohmann::json& operands);

// A literal pattern number in micro-units, failing with AWS's range message when it lies outside
// -5.0e9 .. +5.0e9.
Result<int64_t> ParseNumericOperand(const nlohmann::json& number);

}  // namespace skybox::services::event_pattern
