#include "services/event_pattern/pattern_parser.h"

#include <string>

#include "services/event_pattern/condition_parser.h"
#include "services/event_pattern/sns_limits.h"

namespace skybox::services::event_pattern {
namespace {

// EventBridge's EventPattern shape allows 2048 characters; SNS filter policies 256 KB.
constexpr size_t kMaxEventPatternLength = 2048;
constexpr size_t kMaxFilterPolicyBytes = 256 * 1024;
// Real patterns are a few levels deep; the bound keeps recursion on hostile input shallow.
constexpr int kMaxNestingDepth = 32;

// True when no JSON container in `json` nests deeper than a pattern legitimately can (objects
// at kMaxNestingDepth, plus leaf arrays and their match expressions), checked on the raw text
// so hostile input never reaches a recursive walk.
bool WithinNestingLimit(std::string_view json) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxNestingDepth + 4) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

class TreeParser {
 public:
  explicit TreeParser(Dialect dialect) : dialect_(dialect) {}

  Result<ObjectRule> ParseObject(const nlohmann::json& object, int depth, bool inside_or) {
    if (depth > kMaxNestingDepth) return InvalidArgument("Pattern is nested too deeply");
    if (object.empty()) return InvalidArgument("Empty objects are not allowed");
    ObjectRule rule;
    for (const auto& [key, value] : object.items()) {
      if (key == "$or") {
        SKYBOX_ASSIGN_OR_RETURN(std::vector<ObjectRule> alternatives, ParseOr(value, depth));
        rule.any_of.push_back(std::move(alternatives));
        continue;
      }
      if (inside_or && IsOperatorName(key)) {
        return InvalidArgument(key + " is Ruler reserved fieldName which cannot be used inside $or.");
      }
      if (value.is_object()) {
        if (dialect_ == Dialect::kSnsMessageAttributes) {
          return InvalidArgument(
              "Filter policy scope MessageAttributes does not support nested filter policy");
        }
        SKYBOX_ASSIGN_OR_RETURN(ObjectRule nested, ParseObject(value, depth + 1, inside_or));
        rule.nested_keys.push_back(key);
        rule.nested.push_back(std::move(nested));
      } else if (value.is_array()) {
        SKYBOX_ASSIGN_OR_RETURN(LeafRule leaf, ParseLeaf(key, value));
        rule.leaves.push_back(std::move(leaf));
      } else {
        return InvalidArgument("\"" + key + "\" must be an object or an array");
      }
    }
    return rule;
  }

 private:
  Result<std::vector<ObjectRule>> ParseOr(const nlohmann::json& value, int depth) {
    if (!value.is_array()) return InvalidArgument("It must be an Array followed with $or.");
    std::vector<ObjectRule> alternatives;
    for (const nlohmann::json& element : value) {
      if (!element.is_object()) {
        return InvalidArgument("Only JSON object is allowed in array of $or relationship.");
      }
      SKYBOX_ASSIGN_OR_RETURN(ObjectRule alternative, ParseObject(element, depth + 1, true));
      alternatives.push_back(std::move(alternative));
    }
    if (alternatives.size() < 2) {
      return InvalidArgument("There must have at least 2 Objects in $or relationship.");
    }
    return alternatives;
  }

  static Result<LeafRule> ParseLeaf(const std::string& key, const nlohmann::json& values) {
    if (values.empty()) return InvalidArgument("Empty arrays are not allowed");
    LeafRule leaf{key, {}};
    leaf.conditions.reserve(values.size());
    for (const nlohmann::json& element : values) {
      SKYBOX_ASSIGN_OR_RETURN(Condition condition, ParseCondition(element));
      leaf.conditions.push_back(std::move(condition));
    }
    return leaf;
  }

  Dialect dialect_;
};

}  // namespace

Result<ObjectRule> ParsePatternTree(std::string_view json, Dialect dialect) {
  const bool sns = dialect != Dialect::kEventBridge;
  if (!sns && json.size() > kMaxEventPatternLength) {
    return InvalidArgument("Event pattern must not be longer than 2048 characters");
  }
  if (sns && json.size() > kMaxFilterPolicyBytes) {
    return InvalidArgument("Filter policy must not be larger than 256 KB");
  }
  if (!WithinNestingLimit(json)) return InvalidArgument("Pattern is nested too deeply");
  nlohmann::json document = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return InvalidArgument("Filter is not valid JSON");
  if (!document.is_object()) return InvalidArgument("Filter is not an object");
  SKYBOX_ASSIGN_OR_RETURN(ObjectRule root, TreeParser(dialect).ParseObject(document, 0, false));
  if (sns) SKYBOX_RETURN_IF_ERROR(CheckSnsLimits(root));
  return root;
}

}  // namespace skybox::services::event_pattern
