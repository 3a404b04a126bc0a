#include "services/dynamodb/expr/condition.h"

#include <algorithm>

#include "services/dynamodb/expr/number.h"
#include "services/dynamodb/expr/parser.h"

namespace skybox::dynamodb {
namespace {

std::string_view BytesOf(const Document& member) {
  if (member.is_binary()) {
    const auto& bytes = member.get_binary();
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
  }
  return member.get_ref<const std::string&>();
}

std::optional<Document> SizeOf(const Document& value) {
  std::optional<AttributeType> type = TypeOf(value);
  if (!type) return std::nullopt;
  const Document& member = value.begin().value();
  switch (*type) {
    case AttributeType::kS:
    case AttributeType::kB: return Document{{"N", std::to_string(BytesOf(member).size())}};
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS:
    case AttributeType::kL:
    case AttributeType::kM: return Document{{"N", std::to_string(member.size())}};
    default: return std::nullopt;
  }
}

bool BeginsWith(const Document& value, const Document& prefix) {
  std::optional<AttributeType> type = TypeOf(value);
  if (!type || type != TypeOf(prefix) || (*type != AttributeType::kS && *type != AttributeType::kB)) {
    return false;
  }
  std::string_view v = BytesOf(value.begin().value());
  std::string_view p = BytesOf(prefix.begin().value());
  return v.substr(0, p.size()) == p;
}

bool Contains(const Document& haystack, const Document& needle) {
  std::optional<AttributeType> type = TypeOf(haystack);
  std::optional<AttributeType> needle_type = TypeOf(needle);
  if (!type || !needle_type) return false;
  const Document& members = haystack.begin().value();
  auto set_contains = [&](AttributeType element_type) {
    if (*needle_type != element_type) return false;
    const Document& wanted = needle.begin().value();
    if (element_type != AttributeType::kN) {
      return std::find(members.begin(), members.end(), wanted) != members.end();
    }
    Result<Number> want = Number::Parse(wanted.get_ref<const std::string&>());
    if (!want.ok()) return false;
    for (const Document& m : members) {
      Result<Number> n = Number::Parse(m.get_ref<const std::string&>());
      if (n.ok() && *n == *want) return true;
    }
    return false;
  };
  switch (*type) {
    case AttributeType::kS:
    case AttributeType::kB:  // a substring of a string, or a byte run inside a binary
      return *needle_type == *type &&
             BytesOf(members).find(BytesOf(needle.begin().value())) != std::string_view::npos;
    case AttributeType::kSS: return set_contains(AttributeType::kS);
    case AttributeType::kNS: return set_contains(AttributeType::kN);
    case AttributeType::kBS: return set_contains(AttributeType::kB);
    case AttributeType::kL:
      for (const Document& element : members) {
        if (AttributeValuesEqual(element, needle)) return true;
      }
      return false;
    default: return false;
  }
}

bool Compare(Comparator comparator, const Document* a, const Document* b) {
  if (comparator == Comparator::kNe) return !(a && b && AttributeValuesEqual(*a, *b));
  if (!a || !b) return false;
  if (comparator == Comparator::kEq) return AttributeValuesEqual(*a, *b);
  std::optional<std::strong_ordering> order = CompareAttributeValues(*a, *b);
  if (!order) return false;
  switch (comparator) {
    case Comparator::kLt: return *order < 0;
    case Comparator::kLe: return *order <= 0;
    case Comparator::kGt: return *order > 0;
    case Comparator::kGe: return *order >= 0;
    default: return false;
  }
}

// An operand's value without copying it: a pointer into the item or the operand, or into
// `scratch` for size(); nullptr when it has no value for this item.
const Document* Resolve(const Operand& operand, const Document& item, Document& scratch) {
  switch (operand.kind) {
    case Operand::Kind::kPath: return FindPath(item, operand.path);
    case Operand::Kind::kValue: return &operand.value;
    case Operand::Kind::kSize: {
      const Document* target =
          operand.args.empty() ? FindPath(item, operand.path) : &operand.args[0].value;
      if (target == nullptr) return nullptr;
      std::optional<Document> size = SizeOf(*target);
      if (!size) return nullptr;
      scratch = std::move(*size);
      return &scratch;
    }
    default: return nullptr;  // update-only operands never appear in conditions
  }
}

}  // namespace

Result<Condition> ParseCondition(std::string_view text, ExpressionKind kind,
                                 ExpressionAttributes& attributes) {
  ExpressionParser parser(text, kind, attributes);
  if (parser.empty_text()) return parser.Invalid("The expression can not be empty;");
  SKYBOX_RETURN_IF_ERROR(parser.CheckSize());
  SKYBOX_RETURN_IF_ERROR(parser.CheckParens());
  SKYBOX_ASSIGN_OR_RETURN(Condition condition, parser.ParseCondition());
  SKYBOX_RETURN_IF_ERROR(parser.Finish(ConditionPhases()));
  return condition;
}

std::optional<Document> EvaluateOperand(const Operand& operand, const Document& item) {
  Document scratch;
  const Document* value = Resolve(operand, item, scratch);
  if (value == nullptr) return std::nullopt;
  return *value;
}

std::vector<DocumentPath> ConditionPaths(const Condition& condition) {
  std::vector<DocumentPath> out;
  for (const Operand& o : condition.operands) {
    if (o.kind == Operand::Kind::kPath || (o.kind == Operand::Kind::kSize && o.args.empty())) {
      out.push_back(o.path);
    }
  }
  for (const Condition& child : condition.children) {
    std::vector<DocumentPath> more = ConditionPaths(child);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

Result<bool> EvaluateCondition(const Condition& condition, const Document& item) {
  const std::vector<Operand>& ops = condition.operands;
  // Each operand gets its own scratch slot so size() results stay alive side by side.
  std::vector<Document> scratch(ops.size());
  auto operand = [&](size_t i) { return Resolve(ops[i], item, scratch[i]); };
  switch (condition.kind) {
    case Condition::Kind::kAnd:
      for (const Condition& child : condition.children) {
        SKYBOX_ASSIGN_OR_RETURN(bool ok, EvaluateCondition(child, item));
        if (!ok) return false;
      }
      return true;
    case Condition::Kind::kOr:
      for (const Condition& child : condition.children) {
        SKYBOX_ASSIGN_OR_RETURN(bool ok, EvaluateCondition(child, item));
        if (ok) return true;
      }
      return false;
    case Condition::Kind::kNot: {
      SKYBOX_ASSIGN_OR_RETURN(bool ok, EvaluateCondition(condition.children.at(0), item));
      return !ok;
    }
    case Condition::Kind::kCompare:
      return Compare(condition.comparator, operand(0), operand(1));
    case Condition::Kind::kBetween: {
      const Document* value = operand(0);
      return Compare(Comparator::kGe, value, operand(1)) &&
             Compare(Comparator::kLe, value, operand(2));
    }
    case Condition::Kind::kIn: {
      const Document* value = operand(0);
      if (value == nullptr) return false;
      for (size_t i = 1; i < ops.size(); ++i) {
        if (Compare(Comparator::kEq, value, operand(i))) return true;
      }
      return false;
    }
    case Condition::Kind::kAttributeExists: return FindPath(item, ops.at(0).path) != nullptr;
    case Condition::Kind::kAttributeNotExists: return FindPath(item, ops.at(0).path) == nullptr;
    case Condition::Kind::kAttributeType: {
      const Document* value = operand(0);
      const Document* wanted = operand(1);
      if (!value || !wanted || TypeOf(*wanted) != AttributeType::kS) return false;
      std::optional<AttributeType> type = TypeOf(*value);
      return type && AttributeTypeName(*type) == (*wanted)["S"].get_ref<const std::string&>();
    }
    case Condition::Kind::kBeginsWith: {
      const Document* value = operand(0);
      const Document* prefix = operand(1);
      return value && prefix && BeginsWith(*value, *prefix);
    }
    case Condition::Kind::kContains: {
      const Document* haystack = operand(0);
      const Document* needle = operand(1);
      return haystack && needle && Contains(*haystack, *needle);
    }
  }
  return Internal("unknown condition kind");
}

}  // namespace skybox::dynamodb
