#include "services/dynamodb/expr/update.h"

#include <algorithm>

#include "services/dynamodb/expr/parser.h"

namespace skybox::dynamodb {
namespace {

using Check = ExpressionParser::Check;

constexpr std::string_view kClauses[] = {"SET", "REMOVE", "ADD", "DELETE"};

// The type words AWS uses in ADD/DELETE operand errors.
std::string_view ActionTypeWord(std::string_view type) {
  if (type == "S") return "STRING";
  if (type == "N") return "NUMBER";
  if (type == "B") return "BINARY";
  if (type == "NULL") return "NULL";
  if (type == "BOOL") return "BOOLEAN";
  if (type == "L") return "LIST";
  if (type == "M") return "MAP";
  if (type == "SS") return "STRING_SET";
  if (type == "NS") return "NUMBER_SET";
  if (type == "BS") return "BINARY_SET";
  return "";
}

bool ActionAccepts(std::string_view clause, std::string_view type) {
  bool is_set = type == "SS" || type == "NS" || type == "BS";
  return is_set || (clause == "ADD" && type == "N");
}

class UpdateParser {
 public:
  UpdateParser(std::string_view text, ExpressionAttributes& attributes)
      : p_(text, ExpressionKind::kUpdate, attributes) {}

  Result<Update> Parse() {
    if (p_.empty_text()) return p_.Invalid("The expression can not be empty;");
    SKYBOX_RETURN_IF_ERROR(p_.CheckSize());
    if (p_.AtEnd()) return p_.SyntaxError();
    Update update;
    std::vector<std::string_view> seen;
    while (!p_.AtEnd()) {
      std::string_view clause;
      for (std::string_view c : kClauses) {
        if (p_.PeekKeyword(c)) clause = c;
      }
      if (clause.empty()) return p_.SyntaxError();
      if (std::find(seen.begin(), seen.end(), clause) != seen.end()) {
        p_.Record(Check::kSection, "The \"" + std::string(clause) +
                                       "\" section can only be used once in an update expression;");
      }
      seen.push_back(clause);
      p_.Advance();
      do {
        p_.set_group(static_cast<int>(update.actions.size()));
        SKYBOX_ASSIGN_OR_RETURN(UpdateAction action, ParseAction(clause));
        update.actions.push_back(std::move(action));
      } while (p_.AcceptPunct(","));
    }
    std::vector<DocumentPath> paths;
    for (const UpdateAction& a : update.actions) paths.push_back(a.path);
    p_.CheckPathCollisions(paths);
    SKYBOX_RETURN_IF_ERROR(p_.Finish(UpdatePhases()));
    return update;
  }

 private:
  Result<UpdateAction> ParseAction(std::string_view clause) {
    UpdateAction action;
    p_.set_undefined_name_check(Check::kUndefinedTargetName);
    Result<DocumentPath> target = p_.ParsePath();
    p_.set_undefined_name_check(Check::kUndefinedName);
    if (!target.ok()) return target.status();
    action.path = std::move(target).value();
    if (clause == "SET") {
      action.kind = UpdateAction::Kind::kSet;
      SKYBOX_RETURN_IF_ERROR(p_.ExpectPunct("="));
      SKYBOX_ASSIGN_OR_RETURN(action.value, ParseSetValue());
    } else if (clause == "REMOVE") {
      action.kind = UpdateAction::Kind::kRemove;
    } else {
      bool add = clause == "ADD";
      action.kind = add ? UpdateAction::Kind::kAdd : UpdateAction::Kind::kDelete;
      action.value.kind = Operand::Kind::kValue;
      SKYBOX_ASSIGN_OR_RETURN(action.value.value, p_.ParseValue());
      std::string_view type = StaticOperandType(action.value);
      if (!type.empty() && !ActionAccepts(clause, type)) {
        p_.Record(Check::kActionOperand,
                  "Incorrect operand type for operator or function; operator: " +
                      std::string(clause) + ", operand type: " +
                      std::string(ActionTypeWord(type)) + ", typeSet: ALLOWED_FOR_" +
                      std::string(clause) + "_OPERAND");
      }
    }
    return action;
  }

  Result<Operand> ParseSetValue() {
    SKYBOX_ASSIGN_OR_RETURN(Operand first, ParseSetOperand());
    bool plus = p_.PeekPunct("+");
    if (!plus && !p_.PeekPunct("-")) return first;
    p_.Advance();
    SKYBOX_ASSIGN_OR_RETURN(Operand second, ParseSetOperand());
    Operand out;
    out.kind = plus ? Operand::Kind::kPlus : Operand::Kind::kMinus;
    out.args = {std::move(first), std::move(second)};
    for (const Operand& arg : out.args) {
      std::string_view type = StaticOperandType(arg);
      if (!type.empty() && type != "N") {
        p_.Record(Check::kFunction,
                  std::string("Incorrect operand type for operator or function; operator or "
                              "function: ") +
                      (plus ? "+" : "-") + ", operand type: " + std::string(type));
        break;
      }
    }
    return out;
  }

  Result<Operand> ParseSetOperand() {
    if (++depth_ > 100) return p_.SyntaxError();
    struct Exit {
      int& depth;
      ~Exit() { --depth; }
    } exit{depth_};
    if (p_.AcceptPunct("(")) {
      SKYBOX_ASSIGN_OR_RETURN(Operand inner, ParseSetValue());
      SKYBOX_RETURN_IF_ERROR(p_.ExpectPunct(")"));
      return inner;
    }
    Operand out;
    const Token& t = p_.Peek();
    if (t.kind == Token::Kind::kValue) {
      out.kind = Operand::Kind::kValue;
      SKYBOX_ASSIGN_OR_RETURN(out.value, p_.ParseValue());
      return out;
    }
    if (t.kind == Token::Kind::kIdentifier && p_.PeekNext().text == "(" &&
        p_.PeekNext().kind == Token::Kind::kPunct) {
      return ParseFunction();
    }
    out.kind = Operand::Kind::kPath;
    SKYBOX_ASSIGN_OR_RETURN(out.path, p_.ParsePath());
    return out;
  }

  Result<Operand> ParseFunction() {
    std::string name(p_.Peek().text);
    p_.Advance();
    p_.Advance();
    std::vector<Operand> args;
    do {
      SKYBOX_ASSIGN_OR_RETURN(Operand arg, ParseSetOperand());
      args.push_back(std::move(arg));
    } while (p_.AcceptPunct(","));
    SKYBOX_RETURN_IF_ERROR(p_.ExpectPunct(")"));
    Operand out;
    bool if_not_exists = name == "if_not_exists";
    if (!IsUpdateFunction(name)) {
      if (ConditionFunctionArity(name) >= 0) {
        p_.Record(Check::kMisusedFunction,
                  "The function is not allowed in an update expression; function: " + name);
      } else {
        p_.Record(Check::kUnknownFunction, "Invalid function name; function: " + name);
      }
      return out;
    }
    if (args.size() != 2) {
      p_.Record(Check::kOperandCount,
                "Incorrect number of operands for operator or function; operator or function: " +
                    name + ", number of operands: " + std::to_string(args.size()));
      return out;
    }
    if (if_not_exists) {
      if (args[0].kind != Operand::Kind::kPath) {
        p_.Record(Check::kFunction,
                  "Operator or function requires a document path; operator or function: " + name);
      } else if (args[1].kind == Operand::Kind::kPath && args[1].path == args[0].path) {
        p_.Record(Check::kDistinct,
                  "The first operand must be distinct from the remaining operands for this "
                  "operator or function; operator: if_not_exists, first operand: " +
                      args[0].path.ToAwsListString());
      }
      out.kind = Operand::Kind::kIfNotExists;
      out.path = args[0].path;
      out.args.push_back(std::move(args[1]));
      return out;
    }
    for (const Operand& arg : args) {
      std::string_view type = StaticOperandType(arg);
      if (!type.empty() && type != "L") {
        p_.Record(Check::kFunction,
                  "Incorrect operand type for operator or function; operator or function: " +
                      name + ", operand type: " + std::string(type));
        break;
      }
    }
    out.kind = Operand::Kind::kListAppend;
    out.args = std::move(args);
    return out;
  }

  ExpressionParser p_;
  int depth_ = 0;
};

}  // namespace

Result<Update> ParseUpdate(std::string_view text, ExpressionAttributes& attributes) {
  return UpdateParser(text, attributes).Parse();
}

Projection UpdatedPaths(const Update& update) {
  Projection out;
  for (const UpdateAction& a : update.actions) out.paths.push_back(a.path);
  return out;
}

}  // namespace skybox::dynamodb
