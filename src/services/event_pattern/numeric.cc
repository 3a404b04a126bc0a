#include "services/event_pattern/numeric.h"

#include <cmath>
#include <string>

namespace skybox::services::event_pattern {
namespace {

// Jackson's getText() for the offending token: strings raw, everything else as JSON.
std::string TokenText(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The error text AWS gives for a non-numeric operand; "=" is spelled "equals" there.
Status OperandNotNumeric(const std::string& op) {
  return InvalidArgument("Value of " + (op == "=" ? std::string("equals") : op) +
                         " must be numeric");
}

}  // namespace

std::optional<int64_t> ToMicros(const nlohmann::json& number) {
  if (number.is_number_integer()) {
    // Integers stay exact: no detour through double for values like 123456789.
    if (number.is_number_unsigned()) {
      const auto u = number.get<uint64_t>();
      if (u > static_cast<uint64_t>(kMaxNumericMicros / kMicrosPerUnit)) return std::nullopt;
      return static_cast<int64_t>(u) * kMicrosPerUnit;
    }
    const auto i = number.get<int64_t>();
    if (i > kMaxNumericMicros / kMicrosPerUnit || i < -kMaxNumericMicros / kMicrosPerUnit) {
      return std::nullopt;
    }
    return i * kMicrosPerUnit;
  }
  if (!number.is_number_float()) return std::nullopt;
  const double value = number.get<double>();
  if (!std::isfinite(value)) return std::nullopt;
  const double scaled = std::round(value * static_cast<double>(kMicrosPerUnit));
  if (scaled > static_cast<double>(kMaxNumericMicros) ||
      scaled < -static_cast<double>(kMaxNumericMicros)) {
    return std::nullopt;
  }
  return static_cast<int64_t>(scaled);
}

Result<int64_t> ParseNumericOperand(const nlohmann::json& number) {
  std::optional<int64_t> micros = ToMicros(number);
  if (!micros) return InvalidArgument("Value must be between -5000000000 and 5000000000, inclusive");
  return *micros;
}

Result<NumericRange> ParseNumericExpression(const nlohmann::json& operands) {
  const size_t n = operands.size();
  if (n == 0) return InvalidArgument("Invalid member in numeric match: ]");
  if (!operands[0].is_string()) {
    return InvalidArgument("Invalid member in numeric match: " + TokenText(operands[0]));
  }
  const std::string op = operands[0].get<std::string>();
  const bool lower_bound = op == ">" || op == ">=";
  if (!lower_bound && op != "<" && op != "<=" && op != "=") {
    return InvalidArgument("Unrecognized numeric range operator: " + op);
  }
  if (n < 2 || !operands[1].is_number()) return OperandNotNumeric(op);
  SKYBOX_ASSIGN_OR_RETURN(const int64_t first, ParseNumericOperand(operands[1]));

  NumericRange range;
  if (op == "=") {
    range = NumericRange::Exactly(first);
  } else if (lower_bound) {
    range.low = first;
    range.low_open = op == ">";
  } else {
    range.high = first;
    range.high_open = op == "<";
  }
  if (n == 2) return range;
  if (!lower_bound) return InvalidArgument("Too many elements in numeric expression");

  if (!operands[2].is_string()) {
    return InvalidArgument("Bad value in numeric range: " + TokenText(operands[2]));
  }
  const std::string upper_op = operands[2].get<std::string>();
  if (upper_op != "<" && upper_op != "<=") {
    return InvalidArgument("Bad numeric range operator: " + upper_op);
  }
  if (n < 4 || !operands[3].is_number()) return OperandNotNumeric(upper_op);
  SKYBOX_ASSIGN_OR_RETURN(const int64_t second, ParseNumericOperand(operands[3]));
  if (n > 4) return InvalidArgument("Too many terms in numeric range expression");
  if (second <= first) return InvalidArgument("Bottom must be less than top");
  range.high = second;
  range.high_open = upper_op == "<";
  return range;
}

}  // namespace skybox::services::event_pattern
