// The pre-parsed form of an event pattern / filter policy: what Pattern holds and walks.
// Internal to event_pattern/; built by ParsePatternTree, read by MatchesObject.
//
// Thread-safety: immutable after parsing.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "services/event_pattern/ip_address.h"
#include "services/event_pattern/numeric.h"
#include "services/event_pattern/wildcard.h"

namespace skybox::services::event_pattern {

// A test on a string value: equality, prefix or suffix, optionally ignoring ASCII case (the
// operand is then stored lower-cased).
struct StringTest {
  enum class Op { kEquals, kPrefix, kSuffix };
  Op op = Op::kEquals;
  bool ignore_case = false;
  std::string operand;
};

// An exact number, true, false or null. Numbers compare numerically when both sides fit the
// numeric range (`micros`), and by JSON value otherwise (e.g. 12-digit account ids).
struct LiteralTest {
  nlohmann::json value;
  std::optional<int64_t> micros;
};

struct RangeTest {
  NumericRange range;
};

struct CidrTest {
  CidrBlock block;
};

using ValueTest = std::variant<StringTest, LiteralTest, RangeTest, CidrTest, Wildcard>;

// One element of a leaf array: a positive test, an anything-but over a set of tests, or an
// exists test (which looks at presence, not values).
struct Condition {
  enum class Kind { kValue, kAnythingBut, kExists };
  Kind kind = Kind::kValue;
  std::vector<ValueTest> tests;  // kValue: one test; kAnythingBut: the excluded values
  bool numeric_exclusion = false;  // kAnythingBut: the excluded values are numbers
  bool exists = false;             // kExists: true for {"exists": true}
};

struct LeafRule {
  std::string key;
  std::vector<Condition> conditions;  // matches when any condition holds
};

// A pattern object: every leaf and nested field must match, and for each $or group at least
// one alternative must match the same event object.
struct ObjectRule {
  std::vector<LeafRule> leaves;
  std::vector<std::string> nested_keys;
  std::vector<ObjectRule> nested;  // parallel to nested_keys
  std::vector<std::vector<ObjectRule>> any_of;
};

// True when `value` (a JSON scalar from the event) satisfies the test / condition. Exists
// conditions are decided by the caller from field presence and always answer false here.
bool ValueMatches(const ValueTest& test, const nlohmann::json& value);
bool ConditionMatchesValue(const Condition& condition, const nlohmann::json& value);

// True when the event object `event` (nullptr: the object is absent) matches `rule`.
bool MatchesObject(const ObjectRule& rule, const nlohmann::json* event);

// ASCII lower-casing used by the equals-ignore-case family.
std::string FoldCase(std::string_view text);

}  // namespace skybox::services::event_pattern
