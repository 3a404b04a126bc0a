// Walks an event against a pre-parsed pattern: one lookup per pattern field, no allocation.
//
// Arrays in the event are transparent: a leaf matches when any (possibly nested) element
// matches, and a nested pattern object must match within a single array element, so fields
// from different elements of the same array are never combined (AWS's "array-consistent"
// matching).
#include <algorithm>

#include "services/event_pattern/pattern_tree.h"

namespace skybox::services::event_pattern {
namespace {

// Events may nest arrays arbitrarily deep; values below this depth are ignored rather than
// risking the stack.
constexpr int kMaxArrayDepth = 32;

const nlohmann::json* Field(const nlohmann::json* object, const std::string& key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  auto it = object->find(key);
  return it == object->end() ? nullptr : &*it;
}

// Calls `visit` on each scalar reachable from `value` through arrays; stops early and returns
// true as soon as `visit` does.
template <typename Visit>
bool AnyScalar(const nlohmann::json& value, const Visit& visit, int depth = 0) {
  if (value.is_array()) {
    if (depth >= kMaxArrayDepth) return false;
    return std::any_of(value.begin(), value.end(), [&](const nlohmann::json& element) {
      return AnyScalar(element, visit, depth + 1);
    });
  }
  if (value.is_object()) return false;
  return visit(value);
}

bool LeafMatches(const LeafRule& leaf, const nlohmann::json* value) {
  // A field "exists" when it carries at least one scalar: objects and empty arrays are not
  // leaf values, so {"exists": false} holds for them.
  const bool present =
      value != nullptr && AnyScalar(*value, [](const nlohmann::json&) { return true; });
  for (const Condition& condition : leaf.conditions) {
    if (condition.kind == Condition::Kind::kExists) {
      if (condition.exists == present) return true;
      continue;
    }
    if (present && AnyScalar(*value, [&](const nlohmann::json& scalar) {
          return ConditionMatchesValue(condition, scalar);
        })) {
      return true;
    }
  }
  return false;
}

bool NestedMatches(const ObjectRule& rule, const nlohmann::json* value, int depth = 0) {
  if (value == nullptr || !value->is_array()) {
    return MatchesObject(rule, value != nullptr && value->is_object() ? value : nullptr);
  }
  if (value->empty() || depth >= kMaxArrayDepth) return MatchesObject(rule, nullptr);
  return std::any_of(value->begin(), value->end(), [&](const nlohmann::json& element) {
    return NestedMatches(rule, &element, depth + 1);
  });
}

}  // namespace

bool MatchesObject(const ObjectRule& rule, const nlohmann::json* event) {
  for (const LeafRule& leaf : rule.leaves) {
    if (!LeafMatches(leaf, Field(event, leaf.key))) return false;
  }
  for (size_t i = 0; i < rule.nested.size(); ++i) {
    if (!NestedMatches(rule.nested[i], Field(event, rule.nested_keys[i]))) return false;
  }
  for (const std::vector<ObjectRule>& alternatives : rule.any_of) {
    if (std::none_of(alternatives.begin(), alternatives.end(),
                     [&](const ObjectRule& alt) { return MatchesObject(alt, event); })) {
      return false;
    }
  }
  return true;
}

}  // namespace skybox::services::event_pattern
