// The condition grammar of ExpressionParser (declared in parser.h): OR / AND / NOT,
// comparisons, BETWEEN, IN and functions, with DynamoDB's semantic checks.
#include <algorithm>
#include <cctype>

#include "services/dynamodb/expr/parser.h"

namespace skybox::dynamodb {
namespace {

using Check = ExpressionParser::Check;

// Words that structure the condition grammar; they can never be a bare path.
bool IsGrammarKeyword(std::string_view word) {
  std::string upper(word);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper == "AND" || upper == "OR" || upper == "NOT" || upper == "BETWEEN" || upper == "IN";
}

constexpr size_t kMaxInOperands = 100;
// How DynamoDB lists attribute types in attribute_type() errors (its own set order).
constexpr char kTypeNames[] = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";
constexpr char kAnyType[] =
    "{SS,M,DECIMAL,DOUBLESET,HDS,N,B,DICT,INTSET,BOOL,HD,BS,INT,DECIMALSET,NULL,FLOAT,FS,S,L,NS,"
    "DOUBLE}";

std::string OperandTypeError(std::string_view op, std::string_view type) {
  return "Incorrect operand type for operator or function; operator or function: " +
         std::string(op) + ", operand type: " + std::string(type);
}

}  // namespace

class ExpressionParser::DepthGuard {
 public:
  explicit DepthGuard(int& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  int& depth_;
};

Status ExpressionParser::EnterNested() {
  return depth_ > kMaxDepth ? SyntaxError() : Status::Ok();
}

Result<Condition> ExpressionParser::ParseCondition() {
  SKYBOX_ASSIGN_OR_RETURN(Condition left, ParseAnd());
  while (AcceptKeyword("OR")) {
    SKYBOX_ASSIGN_OR_RETURN(Condition right, ParseAnd());
    Condition both;
    both.kind = Condition::Kind::kOr;
    both.children = {std::move(left), std::move(right)};
    left = std::move(both);
  }
  return left;
}

Result<Condition> ExpressionParser::ParseAnd() {
  SKYBOX_ASSIGN_OR_RETURN(Condition left, ParseNot());
  while (AcceptKeyword("AND")) {
    SKYBOX_ASSIGN_OR_RETURN(Condition right, ParseNot());
    Condition both;
    both.kind = Condition::Kind::kAnd;
    both.children = {std::move(left), std::move(right)};
    left = std::move(both);
  }
  return left;
}

Result<Condition> ExpressionParser::ParseNot() {
  DepthGuard guard(depth_);
  SKYBOX_RETURN_IF_ERROR(EnterNested());
  if (!AcceptKeyword("NOT")) return ParsePrimary();
  SKYBOX_ASSIGN_OR_RETURN(Condition inner, ParseNot());
  Condition negation;
  negation.kind = Condition::Kind::kNot;
  negation.children.push_back(std::move(inner));
  return negation;
}

Result<Condition> ExpressionParser::ParsePrimary() {
  if (PeekPunct("(") && !failed_group_[pos_]) {
    // Either a parenthesised condition or a comparison whose first operand is parenthesised.
    State saved = Save();
    Advance();
    Result<Condition> inner = ParseCondition();
    if (inner.ok() && AcceptPunct(")")) return inner;
    Restore(std::move(saved));
    failed_group_[pos_] = true;
  }
  return ParseComparison();
}

Result<Condition> ExpressionParser::ParseComparison() {
  SKYBOX_ASSIGN_OR_RETURN(Term first, ParseTerm());
  static constexpr std::pair<std::string_view, Comparator> kComparators[] = {
      {"=", Comparator::kEq}, {"<>", Comparator::kNe}, {"<", Comparator::kLt},
      {"<=", Comparator::kLe}, {">", Comparator::kGt}, {">=", Comparator::kGe}};
  for (const auto& [text, comparator] : kComparators) {
    if (!PeekPunct(text)) continue;
    Advance();
    Condition c;
    c.kind = Condition::Kind::kCompare;
    c.comparator = comparator;
    c.operands.push_back(TermToOperand(std::move(first)));
    SKYBOX_ASSIGN_OR_RETURN(Operand second, ParseOperand());
    c.operands.push_back(std::move(second));
    CheckDistinct(text, c.operands[0], {c.operands[1]});
    if (comparator != Comparator::kEq && comparator != Comparator::kNe) {
      for (const Operand& o : c.operands) CheckOrderable(text, o);
    }
    return c;
  }
  if (AcceptKeyword("BETWEEN")) {
    Condition c;
    c.kind = Condition::Kind::kBetween;
    c.operands.push_back(TermToOperand(std::move(first)));
    SKYBOX_ASSIGN_OR_RETURN(Operand low, ParseOperand());
    SKYBOX_RETURN_IF_ERROR(ExpectKeyword("AND"));
    SKYBOX_ASSIGN_OR_RETURN(Operand high, ParseOperand());
    c.operands.push_back(std::move(low));
    c.operands.push_back(std::move(high));
    CheckDistinct("BETWEEN", c.operands[0], {c.operands[1], c.operands[2]});
    for (const Operand& o : c.operands) CheckOrderable("BETWEEN", o);
    CheckBetweenBounds(c.operands[1], c.operands[2]);
    return c;
  }
  if (AcceptKeyword("IN")) {
    Condition c;
    c.kind = Condition::Kind::kIn;
    c.operands.push_back(TermToOperand(std::move(first)));
    SKYBOX_RETURN_IF_ERROR(ExpectPunct("("));
    do {
      SKYBOX_ASSIGN_OR_RETURN(Operand candidate, ParseOperand());
      c.operands.push_back(std::move(candidate));
    } while (AcceptPunct(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunct(")"));
    if (c.operands.size() - 1 > kMaxInOperands) {
      Record(Check::kFunction,
             "The IN operator is provided with too many operands; number of operands: " +
                 std::to_string(c.operands.size() - 1));
    }
    CheckDistinct("IN", c.operands[0], {c.operands.begin() + 1, c.operands.end()});
    return c;
  }
  if (first.is_call) return CallToCondition(std::move(first));
  return SyntaxError();
}

Result<ExpressionParser::Term> ExpressionParser::ParseTerm() {
  DepthGuard guard(depth_);
  SKYBOX_RETURN_IF_ERROR(EnterNested());
  if (AcceptPunct("(")) {
    SKYBOX_ASSIGN_OR_RETURN(Term inner, ParseTerm());
    SKYBOX_RETURN_IF_ERROR(ExpectPunct(")"));
    return inner;
  }
  const Token& t = Peek();
  Term term;
  if (t.kind == Token::Kind::kIdentifier && IsGrammarKeyword(t.text)) return SyntaxError();
  if (t.kind == Token::Kind::kIdentifier && PeekNext().kind == Token::Kind::kPunct &&
      PeekNext().text == "(") {
    term.is_call = true;
    term.name = std::string(t.text);
    int arity = ConditionFunctionArity(term.name);
    if (arity < 0 && IsUpdateFunction(term.name)) {
      Record(Check::kMisusedFunction,
             "The function is not allowed in a condition expression; function: " + term.name);
    } else if (arity < 0) {
      Record(Check::kUnknownFunction, "Invalid function name; function: " + term.name);
    }
    Advance();
    Advance();
    do {
      SKYBOX_ASSIGN_OR_RETURN(Operand arg, ParseOperand());
      term.args.push_back(std::move(arg));
    } while (AcceptPunct(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunct(")"));
    if (arity >= 0 && arity != static_cast<int>(term.args.size())) {
      Record(Check::kOperandCount,
             "Incorrect number of operands for operator or function; operator or function: " +
                 term.name + ", number of operands: " + std::to_string(term.args.size()));
    }
    return term;
  }
  if (t.kind == Token::Kind::kValue) {
    term.operand.kind = Operand::Kind::kValue;
    SKYBOX_ASSIGN_OR_RETURN(term.operand.value, ParseValue());
    return term;
  }
  term.operand.kind = Operand::Kind::kPath;
  SKYBOX_ASSIGN_OR_RETURN(term.operand.path, ParsePath());
  return term;
}

Result<Operand> ExpressionParser::ParseOperand() {
  SKYBOX_ASSIGN_OR_RETURN(Term term, ParseTerm());
  return TermToOperand(std::move(term));
}

Operand ExpressionParser::TermToOperand(Term term) {
  if (!term.is_call) return std::move(term.operand);
  Operand out;
  if (term.name != "size") {
    if (ConditionFunctionArity(term.name) > 0) {
      Record(Check::kMisusedFunction,
             "The function is not allowed to be used this way in an expression; function: " +
                 term.name);
    }
    return out;
  }
  if (term.args.size() != 1) return out;
  std::string_view type = StaticOperandType(term.args[0]);
  if (type == "N" || type == "BOOL" || type == "NULL") {
    Record(Check::kFunction, OperandTypeError("size", type));
  }
  out.kind = Operand::Kind::kSize;
  if (term.args[0].kind == Operand::Kind::kPath) {
    out.path = std::move(term.args[0].path);
  } else {
    out.args.push_back(std::move(term.args[0]));  // size() of a literal
  }
  return out;
}

Condition ExpressionParser::CallToCondition(Term call) {
  Condition c;
  c.kind = Condition::Kind::kAnd;  // placeholder for calls already reported as errors
  int arity = ConditionFunctionArity(call.name);
  if (arity < 0 || arity != static_cast<int>(call.args.size())) return c;
  const std::string& name = call.name;
  if (name == "size") {
    Record(Check::kMisusedFunction,
           "The function is not allowed to be used this way in an expression; function: size");
    return c;
  }
  // attribute_type() also accepts a value as its first operand (AWS evaluates it), unlike the
  // two existence tests, whose only subject can be a document path.
  bool needs_path = name == "attribute_exists" || name == "attribute_not_exists";
  if (needs_path && call.args[0].kind != Operand::Kind::kPath) {
    Record(Check::kFunction,
           "Operator or function requires a document path; operator or function: " + name);
  }
  CheckDistinct(name, call.args[0], {call.args.begin() + 1, call.args.end()});
  if (name == "attribute_exists") {
    c.kind = Condition::Kind::kAttributeExists;
  } else if (name == "attribute_not_exists") {
    c.kind = Condition::Kind::kAttributeNotExists;
  } else if (name == "attribute_type") {
    const Operand& wanted = call.args[1];
    std::string_view type = StaticOperandType(wanted);
    if (wanted.kind != Operand::Kind::kValue) {
      Record(Check::kFunction, OperandTypeError(name, type.empty() ? kAnyType : type));
    } else if (type != "S") {
      Record(Check::kFunction, OperandTypeError(name, type));
    } else {
      const std::string& type_name = wanted.value["S"].get_ref<const std::string&>();
      if (!AttributeTypeFromName(type_name)) {
        Record(Check::kFunction, "Invalid attribute type name found; type: " + type_name +
                                     ", valid types: " + kTypeNames);
      }
    }
    c.kind = Condition::Kind::kAttributeType;
  } else if (name == "begins_with") {
    for (const Operand& arg : call.args) {
      std::string_view type = StaticOperandType(arg);
      if (!type.empty() && type != "S" && type != "B") {
        Record(Check::kFunction, OperandTypeError(name, type));
        break;
      }
    }
    c.kind = Condition::Kind::kBeginsWith;
  } else {
    c.kind = Condition::Kind::kContains;
  }
  c.operands = std::move(call.args);
  return c;
}

void ExpressionParser::CheckDistinct(std::string_view op, const Operand& first,
                                     const std::vector<Operand>& rest) {
  if (first.kind != Operand::Kind::kPath) return;
  for (const Operand& other : rest) {
    if (other.kind != Operand::Kind::kPath || !(other.path == first.path)) continue;
    Record(Check::kDistinct,
           "The first operand must be distinct from the remaining operands for this operator or "
           "function; operator: " +
               std::string(op) + ", first operand: " + first.path.ToAwsListString());
    return;
  }
}

void ExpressionParser::CheckOrderable(std::string_view op, const Operand& operand) {
  std::string_view type = StaticOperandType(operand);
  if (!type.empty() && type != "S" && type != "N" && type != "B") {
    Record(Check::kFunction, OperandTypeError(op, type));
  }
}

void ExpressionParser::CheckBetweenBounds(const Operand& low, const Operand& high) {
  if (low.kind != Operand::Kind::kValue || high.kind != Operand::Kind::kValue) return;
  std::string_view low_type = StaticOperandType(low);
  std::string_view high_type = StaticOperandType(high);
  if (low_type.empty() || high_type.empty()) return;
  std::string bounds = "lower bound operand: " + BoundText(low.value) +
                       ", upper bound operand: " + BoundText(high.value);
  if (low_type != high_type) {
    Record(Check::kFunction,
           "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
    return;
  }
  std::optional<std::strong_ordering> order = CompareAttributeValues(low.value, high.value);
  if (order && *order > 0) {
    Record(Check::kFunction,
           "The BETWEEN operator requires upper bound to be greater than or equal to lower "
           "bound; " +
               bounds);
  }
}

}  // namespace skybox::dynamodb
