#include "services/dynamodb/partiql/translate.h"

#include <algorithm>
#include <map>

namespace skybox::dynamodb::partiql {
namespace {

// Renders paths and values as expression text, collecting ExpressionAttributeNames/Values.
class ExpressionWriter {
 public:
  inline static const aws::Document kNullType = {{"S", "NULL"}};

  std::string PathText(const Path& path) {
    std::string out;
    for (const PathElement& e : path) {
      if (e.index >= 0) {
        out += "[" + std::to_string(e.index) + "]";
        continue;
      }
      auto [it, added] = name_aliases_.try_emplace(e.name, "#n" + std::to_string(name_aliases_.size()));
      if (added) names_[it->second] = e.name;
      out += (out.empty() ? "" : ".") + it->second;
    }
    return out;
  }
  std::string ValueText(const aws::Document& value) {
    std::string alias = ":v" + std::to_string(values_.size());
    values_[alias] = value;
    return alias;
  }
  std::string OperandText(const Operand& operand) {
    if (!operand.path) return ValueText(operand.value);
    return operand.size ? "size(" + PathText(*operand.path) + ")" : PathText(*operand.path);
  }

  std::string ConditionText(const Condition& c) {
    using Kind = Condition::Kind;
    switch (c.kind) {
      case Kind::kCompare: {
        std::string left = OperandText(c.operands[0]);
        return left + " " + c.op + " " + OperandText(c.operands[1]);
      }
      case Kind::kBetween: {
        std::string subject = OperandText(c.operands[0]);
        std::string low = OperandText(c.operands[1]);
        return subject + " BETWEEN " + low + " AND " + OperandText(c.operands[2]);
      }
      case Kind::kIn: {
        std::string out = OperandText(c.operands[0]) + " IN (";
        for (size_t i = 1; i < c.operands.size(); ++i) out += (i > 1 ? ", " : "") + OperandText(c.operands[i]);
        return out + ")";
      }
      case Kind::kFunction: {
        std::string out = c.op + "(";
        for (size_t i = 0; i < c.operands.size(); ++i) out += (i > 0 ? ", " : "") + OperandText(c.operands[i]);
        return out + ")";
      }
      case Kind::kIsMissing:
        return "attribute_not_exists(" + OperandText(c.operands[0]) + ")";
      case Kind::kIsNotMissing:
        return "attribute_exists(" + OperandText(c.operands[0]) + ")";
      // As in PartiQL, a missing attribute IS NULL too.
      case Kind::kIsNull: {
        std::string path = OperandText(c.operands[0]);
        return "(attribute_not_exists(" + path + ") OR attribute_type(" + path + ", " + ValueText(kNullType) + "))";
      }
      case Kind::kIsNotNull: {
        std::string path = OperandText(c.operands[0]);
        return "(attribute_exists(" + path + ") AND NOT attribute_type(" + path + ", " + ValueText(kNullType) + "))";
      }
      case Kind::kAnd:
      case Kind::kOr: {
        std::string left = ConditionText(c.children[0]);
        return "(" + left + ") " + c.op + " (" + ConditionText(c.children[1]) + ")";
      }
      case Kind::kNot:
        return "NOT (" + ConditionText(c.children[0]) + ")";
    }
    return "";
  }

  // Adds the collected names and values to `input`.
  void AttachTo(aws::Document& input) const {
    if (!names_.empty()) input["ExpressionAttributeNames"] = names_;
    if (!values_.empty()) input["ExpressionAttributeValues"] = values_;
  }

 private:
  std::map<std::string, std::string> name_aliases_;
  aws::Document names_ = aws::Document::object();
  aws::Document values_ = aws::Document::object();
};

void Conjuncts(const Condition& c, std::vector<const Condition*>& out) {
  if (c.kind == Condition::Kind::kAnd) {
    Conjuncts(c.children[0], out);
    Conjuncts(c.children[1], out);
  } else {
    out.push_back(&c);
  }
}

bool IsAttribute(const Operand& o, const std::string& name) {
  return o.path && o.path->size() == 1 && (*o.path)[0].index < 0 && (*o.path)[0].name == name;
}

// The value `c` binds `name` to with an equality (either side), or nullptr.
const aws::Document* EqualityOn(const Condition& c, const std::string& name) {
  if (c.kind != Condition::Kind::kCompare || c.op != "=") return nullptr;
  if (IsAttribute(c.operands[0], name) && !c.operands[1].path) return &c.operands[1].value;
  if (IsAttribute(c.operands[1], name) && !c.operands[0].path) return &c.operands[0].value;
  return nullptr;
}

// Whether `c` is a condition on the sort key that KeyConditionExpression accepts.
bool IsSortKeyCondition(const Condition& c, const std::string& name) {
  switch (c.kind) {
    case Condition::Kind::kCompare:
      return c.op != "<>" && IsAttribute(c.operands[0], name) && !c.operands[1].path;
    case Condition::Kind::kBetween:
      return IsAttribute(c.operands[0], name) && !c.operands[1].path && !c.operands[2].path;
    case Condition::Kind::kFunction:
      return c.op == "begins_with" && IsAttribute(c.operands[0], name) && !c.operands[1].path;
    default:
      return false;
  }
}

// Splits a WHERE clause into key equalities (removed from `rest`) and the other conjuncts.
struct KeySplit {
  aws::Document key = aws::Document::object();
  std::vector<const Condition*> rest;
  bool complete = false;
};
KeySplit SplitKey(const std::optional<Condition>& where, const KeyNames& keys) {
  KeySplit split;
  if (!where) return split;
  std::vector<const Condition*> all;
  Conjuncts(*where, all);
  for (const Condition* c : all) {
    const aws::Document* hash = split.key.contains(keys.hash) ? nullptr : EqualityOn(*c, keys.hash);
    const aws::Document* range =
        !keys.range || split.key.contains(*keys.range) ? nullptr : EqualityOn(*c, *keys.range);
    if (hash) {
      split.key[keys.hash] = *hash;
    } else if (range) {
      split.key[*keys.range] = *range;
    } else {
      split.rest.push_back(c);
    }
  }
  split.complete = split.key.contains(keys.hash) && (!keys.range || split.key.contains(*keys.range));
  return split;
}

// `hash IN (v1, v2, ...)` among the conjuncts of `split.rest` (values only): removed from it, the
// distinct values in `values` and the first one as the partition key in `split.key`.
void TakePartitionIn(const std::string& hash, KeySplit& split, std::vector<aws::Document>& values) {
  for (auto it = split.rest.begin(); it != split.rest.end(); ++it) {
    const Condition& c = **it;
    if (c.kind != Condition::Kind::kIn || !IsAttribute(c.operands[0], hash)) continue;
    bool all_values = std::none_of(c.operands.begin() + 1, c.operands.end(), [](const Operand& o) { return o.path.has_value(); });
    if (!all_values) continue;
    for (size_t i = 1; i < c.operands.size(); ++i) {
      if (std::find(values.begin(), values.end(), c.operands[i].value) == values.end()) values.push_back(c.operands[i].value);
    }
    split.key[hash] = values.front();
    split.rest.erase(it);
    return;
  }
}

std::string JoinConditions(ExpressionWriter& writer, const std::vector<const Condition*>& conditions) {
  std::string out;
  for (const Condition* c : conditions) out += (out.empty() ? "(" : " AND (") + writer.ConditionText(*c) + ")";
  return out;
}

Status MissingKey() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException",
                     "Where clause does not contain a mandatory equality on all key attributes");
}

void AddProjection(const Statement& s, ExpressionWriter& writer, aws::Document& input) {
  std::string projection;
  for (const Path& p : s.projection) projection += (projection.empty() ? "" : ", ") + writer.PathText(p);
  if (!projection.empty()) input["ProjectionExpression"] = projection;
}

std::string KeyEquality(ExpressionWriter& writer, const std::string& name, const aws::Document& value) {
  std::string path = writer.PathText({PathElement{name}});
  return path + " = " + writer.ValueText(value);
}

Result<NativeRequest> TranslateSelect(const Statement& s, const KeyNames& keys, bool point_read) {
  NativeRequest out;
  out.input["TableName"] = s.table;
  if (!s.index.empty()) out.input["IndexName"] = s.index;
  ExpressionWriter writer;
  AddProjection(s, writer, out.input);
  KeySplit split = SplitKey(s.where, keys);
  if (point_read) {
    if (!split.complete || !split.rest.empty() || !s.index.empty()) return MissingKey();
    out.operation = "GetItem";
    out.input["Key"] = split.key;
    writer.AttachTo(out.input);
    return out;
  }
  if (!split.key.contains(keys.hash)) TakePartitionIn(keys.hash, split, out.partition_values);
  if (!split.key.contains(keys.hash)) {
    out.operation = "Scan";
    if (s.where) out.input["FilterExpression"] = writer.ConditionText(*s.where);
    writer.AttachTo(out.input);
    return out;
  }
  out.operation = "Query";
  std::string partition_value = writer.ValueText(split.key[keys.hash]);
  if (!out.partition_values.empty()) out.partition_placeholder = partition_value;
  std::string key_condition = writer.PathText({PathElement{keys.hash}}) + " = " + partition_value;
  std::vector<const Condition*> filter;
  bool have_range = false;
  if (keys.range && split.key.contains(*keys.range)) {
    key_condition += " AND " + KeyEquality(writer, *keys.range, split.key[*keys.range]);
    have_range = true;
  }
  for (const Condition* c : split.rest) {
    if (keys.range && !have_range && IsSortKeyCondition(*c, *keys.range)) {
      key_condition += " AND " + writer.ConditionText(*c);
      have_range = true;
    } else {
      filter.push_back(c);
    }
  }
  out.input["KeyConditionExpression"] = key_condition;
  if (!filter.empty()) out.input["FilterExpression"] = JoinConditions(writer, filter);
  writer.AttachTo(out.input);
  return out;
}

std::string SetValueText(ExpressionWriter& writer, const SetAction& action) {
  std::string out = writer.OperandText(action.left);
  if (action.arithmetic) {
    std::string right = writer.OperandText(action.right);
    out += std::string(" ") + action.arithmetic + " " + right;
  }
  if (action.function == "list_append") out = "list_append(" + out + ", " + writer.OperandText(action.right) + ")";
  return out;
}

// The UpdateExpression of an UPDATE: SET actions, set_add as ADD, set_delete as DELETE, then REMOVE.
std::string UpdateExpressionText(ExpressionWriter& writer, const Statement& s) {
  std::pair<std::string, std::string> clauses[] = {{"SET", ""}, {"ADD", ""}, {"DELETE", ""}, {"REMOVE", ""}};
  auto add = [&](const std::string& keyword, const std::string& action) {
    for (auto& [clause_keyword, clause] : clauses) {
      if (clause_keyword == keyword) clause += (clause.empty() ? "" : ", ") + action;
    }
  };
  for (const SetAction& action : s.set) {
    std::string target = writer.PathText(action.path);
    if (action.function == "set_add" || action.function == "set_delete") {
      add(action.function == "set_add" ? "ADD" : "DELETE", target + " " + writer.OperandText(action.right));
    } else {
      add("SET", target + " = " + SetValueText(writer, action));
    }
  }
  for (const Path& p : s.remove) add("REMOVE", writer.PathText(p));
  std::string out;
  for (const auto& [keyword, actions] : clauses) {
    if (!actions.empty()) out += (out.empty() ? "" : " ") + keyword + " " + actions;
  }
  return out;
}

}  // namespace

Result<NativeRequest> Translate(const Statement& s, const KeyNames& keys, bool point_read) {
  if (s.kind == Statement::Kind::kSelect) return TranslateSelect(s, keys, point_read);
  NativeRequest out;
  out.input["TableName"] = s.table;
  ExpressionWriter writer;
  // INSERT must not overwrite and UPDATE must not create: both are conditional on the item's
  // existence; DELETE of an absent item succeeds.
  if (s.kind == Statement::Kind::kInsert) {
    out.operation = "PutItem";
    out.input["Item"] = s.item;
    out.input["ConditionExpression"] = "attribute_not_exists(" + writer.PathText({PathElement{keys.hash}}) + ")";
    writer.AttachTo(out.input);
    return out;
  }
  KeySplit split = SplitKey(s.where, keys);
  if (!split.complete) return MissingKey();
  out.input["Key"] = split.key;
  std::string condition;
  if (s.kind == Statement::Kind::kUpdate) {
    out.operation = "UpdateItem";
    out.input["UpdateExpression"] = UpdateExpressionText(writer, s);
    condition = "attribute_exists(" + writer.PathText({PathElement{keys.hash}}) + ")";
  } else if (s.kind == Statement::Kind::kExists) {
    if (!s.index.empty()) return MissingKey();
    out.operation = "ConditionCheck";
    condition = "attribute_exists(" + writer.PathText({PathElement{keys.hash}}) + ")";
  } else {
    out.operation = "DeleteItem";
  }
  std::string rest = JoinConditions(writer, split.rest);
  condition += (condition.empty() || rest.empty() ? "" : " AND ") + rest;
  if (!condition.empty()) out.input["ConditionExpression"] = condition;
  if (!s.returning.empty()) out.input["ReturnValues"] = s.returning;
  writer.AttachTo(out.input);
  return out;
}

}  // namespace skybox::dynamodb::partiql
