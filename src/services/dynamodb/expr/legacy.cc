#include "services/dynamodb/expr/legacy.h"

#include <map>

#include "services/dynamodb/expr/update.h"

namespace skybox::dynamodb {
namespace {

Status Invalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}
Status InvalidParameter(std::string message) {
  return Invalid("One or more parameter values were invalid: " + message);
}

struct LegacyOperator {
  int min_args;
  int max_args;                          // -1: unbounded
  std::vector<std::string_view> types;   // value types accepted; empty: any
};

const std::map<std::string, LegacyOperator, std::less<>>& Operators() {
  static const auto* ops = new std::map<std::string, LegacyOperator, std::less<>>{
      {"EQ", {1, 1, {"S", "N", "B", "SS", "NS", "BS", "BOOL", "NULL", "L", "M"}}},
      {"NE", {1, 1, {"S", "N", "B", "SS", "NS", "BS", "BOOL", "NULL", "L", "M"}}},
      {"LE", {1, 1, {"S", "N", "B"}}},
      {"LT", {1, 1, {"S", "N", "B"}}},
      {"GE", {1, 1, {"S", "N", "B"}}},
      {"GT", {1, 1, {"S", "N", "B"}}},
      {"NOT_NULL", {0, 0, {}}},
      {"NULL", {0, 0, {}}},
      {"CONTAINS", {1, 1, {"S", "N", "B"}}},
      {"NOT_CONTAINS", {1, 1, {"S", "N", "B"}}},
      {"BEGINS_WITH", {1, 1, {"S", "B"}}},
      {"IN", {1, -1, {"S", "N", "B"}}},
      {"BETWEEN", {2, 2, {"S", "N", "B"}}},
  };
  return *ops;
}

Operand PathOperand(const std::string& name) {
  Operand o;
  o.kind = Operand::Kind::kPath;
  o.path.elements.push_back({name, std::nullopt});
  return o;
}

Operand ValueOperand(Document value) {
  Operand o;
  o.kind = Operand::Kind::kValue;
  o.value = std::move(value);
  return o;
}

Condition Leaf(Condition::Kind kind, std::vector<Operand> operands) {
  Condition c;
  c.kind = kind;
  c.operands = std::move(operands);
  return c;
}

Condition Compare(Comparator comparator, const std::string& name, Document value) {
  Condition c = Leaf(Condition::Kind::kCompare, {PathOperand(name), ValueOperand(std::move(value))});
  c.comparator = comparator;
  return c;
}

Condition Combine(Condition::Kind kind, Condition a, Condition b) {
  Condition c;
  c.kind = kind;
  c.children = {std::move(a), std::move(b)};
  return c;
}

// One ComparisonOperator + AttributeValueList condition on top-level attribute `name`.
Result<Condition> OperatorCondition(const std::string& name, const std::string& op,
                                    const Document& list) {
  auto it = Operators().find(op);
  if (it == Operators().end()) {
    return InvalidParameter("Unsupported ComparisonOperator: " + op);
  }
  const LegacyOperator& spec = it->second;
  int count = list.is_array() ? static_cast<int>(list.size()) : 0;
  if (count < spec.min_args || (spec.max_args >= 0 && count > spec.max_args)) {
    return InvalidParameter("Invalid number of argument(s) for the " + op + " ComparisonOperator");
  }
  std::vector<Document> values;
  for (int i = 0; i < count; ++i) {
    SKYBOX_ASSIGN_OR_RETURN(Document v, CanonicalAttributeValue(list[static_cast<size_t>(i)]));
    values.push_back(std::move(v));
  }
  for (const Document& v : values) {
    if (TypeOf(v) != TypeOf(values[0])) {
      return InvalidParameter("AttributeValues inside AttributeValueList must be of same type");
    }
    std::string_view type = AttributeTypeName(*TypeOf(v));
    if (std::find(spec.types.begin(), spec.types.end(), type) == spec.types.end()) {
      return InvalidParameter("ComparisonOperator " + op + " is not valid for " +
                              std::string(type) + " AttributeValue type");
    }
  }
  if (op == "BETWEEN") {
    std::optional<std::strong_ordering> order = CompareAttributeValues(values[0], values[1]);
    if (order && *order > 0) {
      return Invalid("The BETWEEN condition was provided a range where the lower bound is greater "
                     "than the upper bound");
    }
  }
  if (op == "EQ") return Compare(Comparator::kEq, name, values[0]);
  if (op == "NE") return Compare(Comparator::kNe, name, values[0]);
  if (op == "LE") return Compare(Comparator::kLe, name, values[0]);
  if (op == "LT") return Compare(Comparator::kLt, name, values[0]);
  if (op == "GE") return Compare(Comparator::kGe, name, values[0]);
  if (op == "GT") return Compare(Comparator::kGt, name, values[0]);
  if (op == "NULL") return Leaf(Condition::Kind::kAttributeNotExists, {PathOperand(name)});
  if (op == "NOT_NULL") return Leaf(Condition::Kind::kAttributeExists, {PathOperand(name)});
  if (op == "BEGINS_WITH") {
    return Leaf(Condition::Kind::kBeginsWith, {PathOperand(name), ValueOperand(values[0])});
  }
  if (op == "CONTAINS" || op == "NOT_CONTAINS") {
    Condition contains =
        Leaf(Condition::Kind::kContains, {PathOperand(name), ValueOperand(values[0])});
    if (op == "CONTAINS") return contains;
    // NOT_CONTAINS is false for a missing attribute, unlike NOT contains().
    Condition negated;
    negated.kind = Condition::Kind::kNot;
    negated.children.push_back(std::move(contains));
    return Combine(Condition::Kind::kAnd,
                   Leaf(Condition::Kind::kAttributeExists, {PathOperand(name)}),
                   std::move(negated));
  }
  std::vector<Operand> operands = {PathOperand(name)};
  for (Document& v : values) operands.push_back(ValueOperand(std::move(v)));
  return Leaf(op == "IN" ? Condition::Kind::kIn : Condition::Kind::kBetween, std::move(operands));
}

Result<Condition::Kind> Joiner(std::string_view conditional_operator) {
  if (conditional_operator.empty() || conditional_operator == "AND") return Condition::Kind::kAnd;
  if (conditional_operator == "OR") return Condition::Kind::kOr;
  return InvalidParameter("Unsupported ConditionalOperator: " + std::string(conditional_operator));
}

Condition Join(Condition::Kind kind, std::vector<Condition> parts) {
  if (parts.empty()) return Condition{};  // kAnd without children: always true
  Condition out = std::move(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) out = Combine(kind, std::move(out), std::move(parts[i]));
  return out;
}

Result<Condition> ExpectedEntry(const std::string& name, const Document& spec) {
  bool has_list = spec.contains("AttributeValueList");
  bool has_value = spec.contains("Value");
  if (has_list && has_value) {
    return InvalidParameter("Value and AttributeValueList cannot be used together for Attribute: " +
                            name);
  }
  if (spec.contains("ComparisonOperator")) {
    std::string op = spec["ComparisonOperator"].get<std::string>();
    if (spec.contains("Exists")) {
      return InvalidParameter("Exists and ComparisonOperator cannot be used together for "
                              "Attribute: " + name);
    }
    if (op != "NULL" && op != "NOT_NULL" && !has_list && !has_value) {
      return InvalidParameter("Value or AttributeValueList must be used with ComparisonOperator: " +
                              op + " for Attribute: " + name);
    }
    Document list = has_list ? spec["AttributeValueList"] : Document::array();
    if (has_value) list.push_back(spec["Value"]);
    return OperatorCondition(name, op, list);
  }
  if (has_list) {
    return InvalidParameter(
        "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
  }
  bool exists_given = spec.contains("Exists");
  bool exists = !exists_given || spec["Exists"].get<bool>();
  if (exists && !has_value) {
    return InvalidParameter(std::string("Value must be provided when Exists is ") +
                            (exists_given ? "true" : "null") + " for Attribute: " + name);
  }
  if (!exists && has_value) {
    return InvalidParameter("Value cannot be used when Exists is false for Attribute: " + name);
  }
  if (!exists) return Leaf(Condition::Kind::kAttributeNotExists, {PathOperand(name)});
  SKYBOX_ASSIGN_OR_RETURN(Document value, CanonicalAttributeValue(spec["Value"]));
  return Compare(Comparator::kEq, name, std::move(value));
}

}  // namespace

Result<Condition> ConditionFromExpected(const Document& expected,
                                        std::string_view conditional_operator) {
  SKYBOX_ASSIGN_OR_RETURN(Condition::Kind kind, Joiner(conditional_operator));
  std::vector<Condition> parts;
  if (expected.is_object()) {
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      SKYBOX_ASSIGN_OR_RETURN(Condition c, ExpectedEntry(it.key(), it.value()));
      parts.push_back(std::move(c));
    }
  }
  return Join(kind, std::move(parts));
}

Result<Condition> ConditionFromFilter(const Document& filter,
                                      std::string_view conditional_operator) {
  SKYBOX_ASSIGN_OR_RETURN(Condition::Kind kind, Joiner(conditional_operator));
  std::vector<Condition> parts;
  if (filter.is_object()) {
    for (auto it = filter.begin(); it != filter.end(); ++it) {
      std::string op = it.value().value("ComparisonOperator", "");
      Document list = it.value().value("AttributeValueList", Document::array());
      SKYBOX_ASSIGN_OR_RETURN(Condition c, OperatorCondition(it.key(), op, list));
      parts.push_back(std::move(c));
    }
  }
  return Join(kind, std::move(parts));
}

Result<Update> UpdateFromAttributeUpdates(const Document& attribute_updates) {
  Update update;
  update.from_attribute_updates = true;
  if (!attribute_updates.is_object()) return update;
  for (auto it = attribute_updates.begin(); it != attribute_updates.end(); ++it) {
    const Document& spec = it.value();
    std::string action = spec.value("Action", "PUT");
    UpdateAction a;
    a.path.elements.push_back({it.key(), std::nullopt});
    if (!spec.contains("Value")) {
      if (action != "DELETE") {
        return InvalidParameter(
            "Only DELETE action is allowed when no attribute value is specified");
      }
      a.kind = UpdateAction::Kind::kRemove;
      update.actions.push_back(std::move(a));
      continue;
    }
    SKYBOX_ASSIGN_OR_RETURN(Document value, CanonicalAttributeValue(spec["Value"]));
    std::optional<AttributeType> type = TypeOf(value);
    bool is_set = type == AttributeType::kSS || type == AttributeType::kNS ||
                  type == AttributeType::kBS;
    if (action == "PUT") {
      a.kind = UpdateAction::Kind::kSet;
      a.value = ValueOperand(std::move(value));
    } else if (action == "ADD" && type == AttributeType::kL) {
      // Legacy ADD appends to a list, creating it when absent.
      a.kind = UpdateAction::Kind::kSet;
      Operand existing;
      existing.kind = Operand::Kind::kIfNotExists;
      existing.path = a.path;
      existing.args.push_back(ValueOperand(Document{{"L", Document::array()}}));
      a.value.kind = Operand::Kind::kListAppend;
      a.value.args = {std::move(existing), ValueOperand(std::move(value))};
    } else if (action == "ADD" && (is_set || type == AttributeType::kN)) {
      a.kind = UpdateAction::Kind::kAdd;
      a.value = ValueOperand(std::move(value));
    } else if (action == "DELETE" && is_set) {
      a.kind = UpdateAction::Kind::kDelete;
      a.value = ValueOperand(std::move(value));
    } else if (action == "ADD" || action == "DELETE") {
      return InvalidParameter("Action " + action + " is not supported for the type " +
                              std::string(AttributeTypeName(*type)));
    } else {
      return InvalidParameter("Unsupported AttributeAction: " + action);
    }
    update.actions.push_back(std::move(a));
  }
  return update;
}

}  // namespace skybox::dynamodb
