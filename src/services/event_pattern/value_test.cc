// How one event value is tested against one pattern condition.
#include <algorithm>

#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {
namespace {

char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsFolded(std::string_view value, std::string_view folded) {
  return value.size() == folded.size() &&
         std::equal(value.begin(), value.end(), folded.begin(),
                    [](char a, char b) { return LowerAscii(a) == b; });
}

bool StringMatches(const StringTest& test, std::string_view value) {
  const std::string& operand = test.operand;
  if (value.size() < operand.size()) return false;
  std::string_view part = value;
  if (test.op == StringTest::Op::kPrefix) part = value.substr(0, operand.size());
  if (test.op == StringTest::Op::kSuffix) part = value.substr(value.size() - operand.size());
  return test.ignore_case ? EqualsFolded(part, operand) : part == operand;
}

bool LiteralMatches(const LiteralTest& test, const nlohmann::json& value) {
  if (test.micros && value.is_number()) {
    std::optional<int64_t> micros = ToMicros(value);
    if (micros) return *micros == *test.micros;
  }
  return value == test.value;
}

struct TestVisitor {
  const nlohmann::json& value;
  bool operator()(const StringTest& t) const {
    return value.is_string() && StringMatches(t, value.get_ref<const std::string&>());
  }
  bool operator()(const LiteralTest& t) const { return LiteralMatches(t, value); }
  bool operator()(const RangeTest& t) const {
    if (!value.is_number()) return false;
    std::optional<int64_t> micros = ToMicros(value);
    return micros && t.range.Contains(*micros);
  }
  bool operator()(const CidrTest& t) const {
    return value.is_string() && t.block.Contains(value.get_ref<const std::string&>());
  }
  bool operator()(const Wildcard& t) const {
    return value.is_string() && t.Matches(value.get_ref<const std::string&>());
  }
};

}  // namespace

std::string FoldCase(std::string_view text) {
  std::string folded(text);
  std::transform(folded.begin(), folded.end(), folded.begin(), LowerAscii);
  return folded;
}

bool ValueMatches(const ValueTest& test, const nlohmann::json& value) {
  return std::visit(TestVisitor{value}, test);
}

bool ConditionMatchesValue(const Condition& condition, const nlohmann::json& value) {
  switch (condition.kind) {
    case Condition::Kind::kValue:
      return ValueMatches(condition.tests.front(), value);
    case Condition::Kind::kAnythingBut:
      // anything-but only speaks about values of its own kind: a string list never matches a
      // number and vice versa, and neither matches true/false/null.
      if (condition.numeric_exclusion ? !value.is_number() : !value.is_string()) return false;
      return std::none_of(condition.tests.begin(), condition.tests.end(),
                          [&](const ValueTest& t) { return ValueMatches(t, value); });
    case Condition::Kind::kExists:
      return false;
  }
  return false;
}

}  // namespace skybox::services::event_pattern
