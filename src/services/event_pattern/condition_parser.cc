#include "services/event_pattern/condition_parser.h"

#include <array>
#include <string>

namespace skybox::services::event_pattern {
namespace {

constexpr std::array<std::string_view, 8> kOperators = {
    "prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "equals-ignore-case",
    "wildcard"};

Condition Positive(ValueTest test) {
  Condition condition;
  condition.tests.push_back(std::move(test));
  return condition;
}

ValueTest LiteralOf(const nlohmann::json& value) {
  LiteralTest literal{value, std::nullopt};
  if (value.is_number()) literal.micros = ToMicros(value);
  return literal;
}

// The operand of "prefix"/"suffix": a string, or {"equals-ignore-case": string}.
Result<ValueTest> ParseAffix(StringTest::Op op, const nlohmann::json& operand) {
  const std::string name = op == StringTest::Op::kPrefix ? "prefix" : "suffix";
  const std::string title = op == StringTest::Op::kPrefix ? "Prefix" : "Suffix";
  if (operand.is_string()) return ValueTest(StringTest{op, false, operand.get<std::string>()});
  if (!operand.is_object()) return InvalidArgument(name + " match pattern must be a string");
  if (operand.empty()) return InvalidArgument(title + " expression name not found");
  const auto first = operand.begin();
  const std::string& inner = first.key();
  const nlohmann::json& value = first.value();
  if (inner != "equals-ignore-case") {
    return InvalidArgument("Unsupported " + name + " pattern: " + inner);
  }
  if (!value.is_string()) {
    return InvalidArgument("equals-ignore-case match pattern must be a string");
  }
  if (operand.size() > 1) return InvalidArgument("Only one key allowed in match expression");
  return ValueTest(StringTest{op, true, FoldCase(value.get<std::string>())});
}

Result<ValueTest> ParseWildcard(const nlohmann::json& operand) {
  if (!operand.is_string()) return InvalidArgument("wildcard match pattern must be a string");
  SKYBOX_ASSIGN_OR_RETURN(Wildcard wildcard, Wildcard::Parse(operand.get<std::string>()));
  return ValueTest(std::move(wildcard));
}

// anything-but with a plain value or list: all strings or all numbers.
Result<Condition> ParseAnythingButValues(const nlohmann::json& operand) {
  Condition condition;
  condition.kind = Condition::Kind::kAnythingBut;
  const bool is_list = operand.is_array();
  bool has_string = false;
  bool has_number = false;
  for (const nlohmann::json& value : is_list ? operand : nlohmann::json::array({operand})) {
    if (value.is_string()) {
      has_string = true;
      condition.tests.emplace_back(StringTest{StringTest::Op::kEquals, false, value.get<std::string>()});
    } else if (value.is_number()) {
      has_number = true;
      SKYBOX_ASSIGN_OR_RETURN(const int64_t micros, ParseNumericOperand(value));
      condition.tests.emplace_back(RangeTest{NumericRange::Exactly(micros)});
    } else {
      return InvalidArgument(is_list ? "Inside anything but list, start|null|boolean is not supported."
                                     : "Inside anything-but list, start|null|boolean is not supported.");
    }
  }
  if (has_string == has_number) {
    return InvalidArgument(
        "Inside anything but list, either all values are number or string, mixed type is not "
        "supported");
  }
  condition.numeric_exclusion = has_number;
  return condition;
}

// anything-but with {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": string or [strings]}.
Result<Condition> ParseAnythingButOperator(const nlohmann::json& operand) {
  if (operand.empty()) return InvalidArgument("Anything-But expression name not found");
  const auto first = operand.begin();
  const std::string& op = first.key();
  const nlohmann::json& values = first.value();
  if (op != "prefix" && op != "suffix" && op != "equals-ignore-case" && op != "wildcard") {
    return InvalidArgument("Unsupported anything-but pattern: " + op);
  }
  if (!values.is_array() && !values.is_string() && !values.is_number()) {
    return InvalidArgument("Value of anything-but must be an array or single string/number value.");
  }
  Condition condition;
  condition.kind = Condition::Kind::kAnythingBut;
  for (const nlohmann::json& value : values.is_array() ? values : nlohmann::json::array({values})) {
    if (!value.is_string()) {
      if (op == "equals-ignore-case") {
        return InvalidArgument(
            "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not "
            "supported.");
      }
      if (op == "wildcard") return InvalidArgument("wildcard match pattern must be a string");
      return InvalidArgument("prefix/suffix match pattern must be a string");
    }
    const std::string text = value.get<std::string>();
    if (op == "wildcard") {
      SKYBOX_ASSIGN_OR_RETURN(ValueTest wildcard, ParseWildcard(value));
      condition.tests.push_back(std::move(wildcard));
      continue;
    }
    if (op != "equals-ignore-case" && text.empty()) {
      return InvalidArgument("Null prefix/suffix not allowed");
    }
    StringTest test;
    test.op = op == "prefix"   ? StringTest::Op::kPrefix
              : op == "suffix" ? StringTest::Op::kSuffix
                               : StringTest::Op::kEquals;
    test.ignore_case = op == "equals-ignore-case";
    test.operand = test.ignore_case ? FoldCase(text) : text;
    condition.tests.push_back(std::move(test));
  }
  if (operand.size() > 1) return InvalidArgument("Too many elements in numeric expression");
  return condition;
}

Result<Condition> ParseMatchExpression(const nlohmann::json& expression) {
  if (expression.empty()) return InvalidArgument("Match expression name not found");
  const auto first = expression.begin();
  const std::string& name = first.key();
  const nlohmann::json& operand = first.value();
  const bool single = expression.size() == 1;
  auto only_one = [&](Result<ValueTest> test) -> Result<Condition> {
    if (!test.ok()) return test.status();
    if (!single) return InvalidArgument("Only one key allowed in match expression");
    return Positive(std::move(test).value());
  };

  if (name == "prefix") return only_one(ParseAffix(StringTest::Op::kPrefix, operand));
  if (name == "suffix") return only_one(ParseAffix(StringTest::Op::kSuffix, operand));
  if (name == "equals-ignore-case") {
    if (!operand.is_string()) {
      return InvalidArgument("equals-ignore-case match pattern must be a string");
    }
    return only_one(ValueTest(StringTest{StringTest::Op::kEquals, true,
                                         FoldCase(operand.get<std::string>())}));
  }
  if (name == "wildcard") return only_one(ParseWildcard(operand));
  if (name == "cidr") {
    // AWS's own text for a non-string cidr operand says "prefix".
    if (!operand.is_string()) return InvalidArgument("prefix match pattern must be a string");
    SKYBOX_ASSIGN_OR_RETURN(CidrBlock block, CidrBlock::Parse(operand.get<std::string>()));
    return only_one(ValueTest(CidrTest{block}));
  }
  if (name == "numeric") {
    if (!operand.is_array()) return InvalidArgument("Value of numeric must be an array.");
    SKYBOX_ASSIGN_OR_RETURN(NumericRange range, ParseNumericExpression(operand));
    if (!single) return InvalidArgument("Too many elements in numeric expression");
    return Positive(RangeTest{range});
  }
  if (name == "exists") {
    if (!operand.is_boolean()) {
      return InvalidArgument("exists match pattern must be either true or false.");
    }
    if (!single) return InvalidArgument("Only one key allowed in match expression");
    Condition condition;
    condition.kind = Condition::Kind::kExists;
    condition.exists = operand.get<bool>();
    return condition;
  }
  if (name == "anything-but") {
    Result<Condition> condition = operand.is_object() ? ParseAnythingButOperator(operand)
                                  : (operand.is_array() || operand.is_string() || operand.is_number())
                                      ? ParseAnythingButValues(operand)
                                      : Result<Condition>(InvalidArgument(
                                            "Value of anything-but must be an array or single "
                                            "string/number value."));
    if (condition.ok() && !single) {
      return InvalidArgument("Too many elements in numeric expression");
    }
    return condition;
  }
  return InvalidArgument("Unrecognized match type " + name);
}

}  // namespace

bool IsOperatorName(std::string_view name) {
  for (std::string_view op : kOperators) {
    if (op == name) return true;
  }
  return false;
}

Result<Condition> ParseCondition(const nlohmann::json& element) {
  if (element.is_string()) {
    return Positive(StringTest{StringTest::Op::kEquals, false, element.get<std::string>()});
  }
  if (element.is_number() || element.is_boolean() || element.is_null()) {
    return Positive(LiteralOf(element));
  }
  if (element.is_object()) return ParseMatchExpression(element);
  return InvalidArgument("Match value must be String, number, true, false, or null");
}

}  // namespace skybox::services::event_pattern
