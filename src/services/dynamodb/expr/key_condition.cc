#include "services/dynamodb/expr/key_condition.h"

#include <algorithm>
#include <vector>

#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/parser.h"

namespace skybox::dynamodb {
namespace {

using Op = SortKeyCondition::Op;

Status Invalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

Status InvalidOperator(std::string_view op) {
  return Invalid("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

Op Flipped(Comparator comparator) {
  switch (comparator) {
    case Comparator::kLt: return Op::kGt;
    case Comparator::kLe: return Op::kGe;
    case Comparator::kGt: return Op::kLt;
    case Comparator::kGe: return Op::kLe;
    default: return Op::kEq;
  }
}

Op Direct(Comparator comparator) {
  switch (comparator) {
    case Comparator::kLt: return Op::kLt;
    case Comparator::kLe: return Op::kLe;
    case Comparator::kGt: return Op::kGt;
    case Comparator::kGe: return Op::kGe;
    default: return Op::kEq;
  }
}

// Turns one leaf of the AND tree into a key condition, with AWS's restrictions.
Result<SortKeyCondition> ToKeyCondition(const Condition& c) {
  switch (c.kind) {
    case Condition::Kind::kOr: return InvalidOperator("OR");
    case Condition::Kind::kNot: return InvalidOperator("NOT");
    case Condition::Kind::kIn: return InvalidOperator("IN");
    case Condition::Kind::kAttributeExists: return InvalidOperator("attribute_exists");
    case Condition::Kind::kAttributeNotExists: return InvalidOperator("attribute_not_exists");
    case Condition::Kind::kAttributeType: return InvalidOperator("attribute_type");
    case Condition::Kind::kContains: return InvalidOperator("contains");
    case Condition::Kind::kCompare:
      if (c.comparator == Comparator::kNe) return InvalidOperator("<>");
      break;
    default: break;
  }
  for (const Operand& o : c.operands) {
    if (o.kind == Operand::Kind::kSize) {
      return Invalid("KeyConditionExpressions cannot contain nested operations");
    }
  }
  bool ordered = c.kind == Condition::Kind::kBetween || c.kind == Condition::Kind::kBeginsWith;
  if (ordered && c.operands[0].kind != Operand::Kind::kPath) {
    return Invalid(std::string("Invalid condition in KeyConditionExpression: ") +
                   (c.kind == Condition::Kind::kBetween ? "BETWEEN" : "begins_with") +
                   " operator must have the key attribute as its first operand");
  }
  int path_index = -1;
  for (size_t i = 0; i < c.operands.size(); ++i) {
    if (c.operands[i].kind != Operand::Kind::kPath) continue;
    if (path_index >= 0) {
      return Invalid(
          "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
          "condition");
    }
    if (c.operands[i].path.elements.size() > 1) {
      return Invalid("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    path_index = static_cast<int>(i);
  }
  if (path_index < 0) {
    return Invalid("Invalid condition in KeyConditionExpression: No key attribute specified");
  }
  SortKeyCondition out;
  out.attribute = c.operands[static_cast<size_t>(path_index)].path.attribute();
  if (c.kind == Condition::Kind::kBetween) {
    out.op = Op::kBetween;
    out.value = c.operands[1].value;
    out.upper = c.operands[2].value;
  } else if (c.kind == Condition::Kind::kBeginsWith) {
    out.op = Op::kBeginsWith;
    out.value = c.operands[1].value;
  } else {
    out.op = path_index == 0 ? Direct(c.comparator) : Flipped(c.comparator);
    out.value = c.operands[path_index == 0 ? 1 : 0].value;
  }
  return out;
}

Status Flatten(const Condition& c, std::vector<SortKeyCondition>& out) {
  if (c.kind == Condition::Kind::kAnd) {
    for (const Condition& child : c.children) SKYBOX_RETURN_IF_ERROR(Flatten(child, out));
    return Status::Ok();
  }
  SKYBOX_ASSIGN_OR_RETURN(SortKeyCondition leaf, ToKeyCondition(c));
  for (const SortKeyCondition& seen : out) {
    if (seen.attribute == leaf.attribute) {
      return Invalid("KeyConditionExpressions must only contain one condition per key");
    }
  }
  out.push_back(std::move(leaf));
  return Status::Ok();
}

// Assembles partition + sort roles: the first equality is the tentative partition key.
Result<KeyCondition> Assemble(std::vector<SortKeyCondition> conditions) {
  if (conditions.size() > 2) return Invalid("Conditions can be of length 1 or 2 only");
  KeyCondition out;
  size_t partition = conditions.size();
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (conditions[i].op == Op::kEq) {
      partition = i;
      break;
    }
  }
  for (size_t i = 0; i < conditions.size(); ++i) {
    if (i == partition) {
      out.partition_key = conditions[i].attribute;
      out.partition_value = conditions[i].value;
    } else {
      out.sort_key = std::move(conditions[i]);
    }
  }
  return out;
}

Op LegacyOp(std::string_view name, bool& ok) {
  ok = true;
  if (name == "EQ") return Op::kEq;
  if (name == "LT") return Op::kLt;
  if (name == "LE") return Op::kLe;
  if (name == "GT") return Op::kGt;
  if (name == "GE") return Op::kGe;
  if (name == "BETWEEN") return Op::kBetween;
  if (name == "BEGINS_WITH") return Op::kBeginsWith;
  ok = false;
  return Op::kEq;
}

}  // namespace

Result<KeyCondition> ParseKeyCondition(std::string_view text, ExpressionAttributes& attributes) {
  ExpressionParser parser(text, ExpressionKind::kKeyCondition, attributes);
  if (parser.empty_text()) return parser.Invalid("The expression can not be empty;");
  SKYBOX_RETURN_IF_ERROR(parser.CheckSize());
  SKYBOX_RETURN_IF_ERROR(parser.CheckParens());
  SKYBOX_ASSIGN_OR_RETURN(Condition condition, parser.ParseCondition());
  SKYBOX_RETURN_IF_ERROR(parser.Finish(ConditionPhases()));
  std::vector<SortKeyCondition> conditions;
  SKYBOX_RETURN_IF_ERROR(Flatten(condition, conditions));
  return Assemble(std::move(conditions));
}

Result<KeyCondition> KeyConditionFromLegacy(const Document& key_conditions) {
  if (!key_conditions.is_object() || key_conditions.empty() || key_conditions.size() > 2) {
    return Invalid("Conditions can be of length 1 or 2 only");
  }
  std::vector<SortKeyCondition> conditions;
  for (auto it = key_conditions.begin(); it != key_conditions.end(); ++it) {
    const Document& spec = it.value();
    std::string op_name = spec.value("ComparisonOperator", "");
    bool supported = false;
    SortKeyCondition c;
    c.attribute = it.key();
    c.op = LegacyOp(op_name, supported);
    if (!supported) return Invalid("Attempted conditional constraint is not an indexable operation");
    Document list = spec.value("AttributeValueList", Document::array());
    size_t wanted = c.op == Op::kBetween ? 2 : 1;
    if (!list.is_array() || list.size() != wanted) {
      return Invalid("One or more parameter values were invalid: Invalid number of argument(s) for "
                     "the " + op_name + " ComparisonOperator");
    }
    SKYBOX_ASSIGN_OR_RETURN(c.value, CanonicalAttributeValue(list[0]));
    if (wanted == 2) {
      SKYBOX_ASSIGN_OR_RETURN(c.upper, CanonicalAttributeValue(list[1]));
      if (TypeOf(c.value) != TypeOf(c.upper)) {
        return Invalid("One or more parameter values were invalid: AttributeValues inside "
                       "AttributeValueList must be of same type");
      }
      std::optional<std::strong_ordering> order = CompareAttributeValues(c.value, c.upper);
      if (order && *order > 0) {
        return Invalid("The BETWEEN condition was provided a range where the lower bound is "
                       "greater than the upper bound");
      }
    }
    conditions.push_back(std::move(c));
  }
  return Assemble(std::move(conditions));
}

Result<KeyCondition> CheckKeySchema(KeyCondition condition, std::string_view partition_key,
                                    std::optional<std::string_view> sort_key,
                                    std::optional<AttributeType> partition_type,
                                    std::optional<AttributeType> sort_type) {
  std::vector<SortKeyCondition> all;
  if (!condition.partition_key.empty()) {
    all.push_back({condition.partition_key, Op::kEq, condition.partition_value, Document()});
  }
  if (condition.sort_key) all.push_back(std::move(*condition.sort_key));
  auto partition = std::find_if(all.begin(), all.end(), [&](const SortKeyCondition& c) {
    return c.attribute == partition_key;
  });
  if (partition == all.end()) {
    return Invalid("Query condition missed key schema element: " + std::string(partition_key));
  }
  if (partition->op != Op::kEq) return Invalid("Query key condition not supported");
  KeyCondition out;
  out.partition_key = partition->attribute;
  out.partition_value = std::move(partition->value);
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (it == partition) continue;
    if (!sort_key) return Invalid("Query key condition not supported");
    if (it->attribute != *sort_key) {
      return Invalid("Query condition missed key schema element: " + std::string(*sort_key));
    }
    out.sort_key = std::move(*it);
  }
  auto empty_key = [](const SortKeyCondition& c) -> Status {
    for (const Document* v : {&c.value, &c.upper}) {
      std::optional<AttributeType> type = TypeOf(*v);
      if (type == AttributeType::kS && (*v)["S"].get_ref<const std::string&>().empty()) {
        return Invalid("One or more parameter values are not valid. The AttributeValue for a key "
                       "attribute cannot contain an empty string value. Key: " + c.attribute);
      }
      if (type == AttributeType::kB && (*v)["B"].get_binary().empty()) {
        return Invalid("One or more parameter values are not valid. The AttributeValue for a key "
                       "attribute cannot contain an empty binary value. Key: " + c.attribute);
      }
    }
    return Status::Ok();
  };
  const std::string kTypeMismatch =
      "One or more parameter values were invalid: Condition parameter type does not match schema "
      "type";
  if (partition_type && TypeOf(out.partition_value) != partition_type) return Invalid(kTypeMismatch);
  if (sort_type && out.sort_key) {
    if (TypeOf(out.sort_key->value) != sort_type) return Invalid(kTypeMismatch);
    if (out.sort_key->op == Op::kBetween && TypeOf(out.sort_key->upper) != sort_type) {
      return Invalid(kTypeMismatch);
    }
  }
  SKYBOX_RETURN_IF_ERROR(
      empty_key({out.partition_key, Op::kEq, out.partition_value, Document()}));
  if (out.sort_key) SKYBOX_RETURN_IF_ERROR(empty_key(*out.sort_key));
  return out;
}

Status CheckFilterAvoidsKeys(const Condition& filter, std::string_view partition_key,
                             std::optional<std::string_view> sort_key) {
  for (const DocumentPath& path : ConditionPaths(filter)) {
    const std::string& name = path.attribute();
    if (name == partition_key || (sort_key && name == *sort_key)) {
      return Invalid(
          "Filter Expression can only contain non-primary key attributes: Primary key attribute: " +
          name);
    }
  }
  return Status::Ok();
}

bool SortKeyMatches(const SortKeyCondition& condition, const Document& sort_value) {
  std::optional<std::strong_ordering> low = CompareAttributeValues(sort_value, condition.value);
  switch (condition.op) {
    case Op::kEq: return low && *low == 0;
    case Op::kLt: return low && *low < 0;
    case Op::kLe: return low && *low <= 0;
    case Op::kGt: return low && *low > 0;
    case Op::kGe: return low && *low >= 0;
    case Op::kBetween: {
      std::optional<std::strong_ordering> high = CompareAttributeValues(sort_value, condition.upper);
      return low && high && *low >= 0 && *high <= 0;
    }
    case Op::kBeginsWith: {
      std::optional<AttributeType> type = TypeOf(sort_value);
      if (!type || type != TypeOf(condition.value)) return false;
      if (*type == AttributeType::kS) {
        const std::string& v = sort_value["S"].get_ref<const std::string&>();
        const std::string& p = condition.value["S"].get_ref<const std::string&>();
        return v.compare(0, p.size(), p) == 0 && v.size() >= p.size();
      }
      if (*type == AttributeType::kB) {
        const auto& v = sort_value["B"].get_binary();
        const auto& p = condition.value["B"].get_binary();
        return v.size() >= p.size() && std::equal(p.begin(), p.end(), v.begin());
      }
      return false;
    }
  }
  return false;
}

}  // namespace skybox::dynamodb
