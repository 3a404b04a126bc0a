#include "services/dynamodb/partiql/parser.h"

#include <algorithm>

#include "base/ascii.h"
#include "services/dynamodb/partiql/lexer.h"

namespace skybox::dynamodb::partiql {
namespace {

constexpr int kMaxDepth = 64;  // nesting of literals and conditions

class Parser {
 public:
  Parser(std::vector<Token> tokens, const aws::Document& parameters)
      : tokens_(std::move(tokens)), parameters_(parameters) {}

  Result<Statement> Parse() {
    Statement s;
    if (AcceptKeyword("select")) {
      SKYBOX_RETURN_IF_ERROR(ParseSelect(s));
    } else if (AcceptKeyword("insert")) {
      SKYBOX_RETURN_IF_ERROR(ParseInsert(s));
    } else if (AcceptKeyword("update")) {
      SKYBOX_RETURN_IF_ERROR(ParseUpdate(s));
    } else if (AcceptKeyword("exists")) {
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("("));
      SKYBOX_RETURN_IF_ERROR(ExpectKeyword("select"));
      SKYBOX_RETURN_IF_ERROR(ParseSelect(s));
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(")"));
      s.kind = Statement::Kind::kExists;
    } else if (AcceptKeyword("delete")) {
      s.kind = Statement::Kind::kDelete;
      SKYBOX_RETURN_IF_ERROR(ExpectKeyword("from"));
      SKYBOX_ASSIGN_OR_RETURN(s.table, Name());
      SKYBOX_RETURN_IF_ERROR(ExpectKeyword("where"));
      SKYBOX_ASSIGN_OR_RETURN(s.where, ParseCondition(0));
      SKYBOX_RETURN_IF_ERROR(ParseReturning(s));
    } else {
      return Unexpected();
    }
    AcceptPunctuation(";");
    if (Peek().type != Token::Type::kEnd) return Unexpected();
    size_t given = parameters_.is_array() ? parameters_.size() : 0;
    if (next_parameter_ != given) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException",
                         "Number of parameters in request and statement don't match.");
    }
    return s;
  }

 private:
  const Token& Peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  const Token& Next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  bool IsKeyword(std::string_view word, size_t ahead = 0) const {
    const Token& t = Peek(ahead);
    return t.type == Token::Type::kIdentifier && AsciiLowercase(t.text) == word;
  }
  bool AcceptKeyword(std::string_view word) {
    if (!IsKeyword(word)) return false;
    ++pos_;
    return true;
  }
  bool IsPunctuation(std::string_view p) const {
    return Peek().type == Token::Type::kPunctuation && Peek().text == p;
  }
  bool AcceptPunctuation(std::string_view p) {
    if (!IsPunctuation(p)) return false;
    ++pos_;
    return true;
  }
  Status Unexpected() const {
    const Token& t = Peek();
    if (t.type == Token::Type::kEnd) return MalformedStatement("Unexpected end of statement");
    std::string kind = t.type == Token::Type::kIdentifier ? "keyword" : "token";
    return MalformedStatement("Unexpected " + kind + " '" + t.text + "' at position " + std::to_string(t.position));
  }
  Status ExpectKeyword(std::string_view word) { return AcceptKeyword(word) ? Status::Ok() : Unexpected(); }
  Status ExpectPunctuation(std::string_view p) { return AcceptPunctuation(p) ? Status::Ok() : Unexpected(); }

  Result<std::string> Name() {
    const Token& t = Peek();
    if (t.type != Token::Type::kIdentifier && t.type != Token::Type::kQuotedIdentifier) return Unexpected();
    return Next().text;
  }

  Status ParseSelect(Statement& s) {
    s.kind = Statement::Kind::kSelect;
    if (!AcceptPunctuation("*")) {
      do {
        SKYBOX_ASSIGN_OR_RETURN(Path p, ParsePath());
        s.projection.push_back(std::move(p));
      } while (AcceptPunctuation(","));
    }
    SKYBOX_RETURN_IF_ERROR(ExpectKeyword("from"));
    SKYBOX_ASSIGN_OR_RETURN(s.table, Name());
    if (AcceptPunctuation(".")) {
      SKYBOX_ASSIGN_OR_RETURN(s.index, Name());
    }
    if (AcceptKeyword("where")) {
      SKYBOX_ASSIGN_OR_RETURN(s.where, ParseCondition(0));
    }
    return Status::Ok();
  }

  Status ParseInsert(Statement& s) {
    s.kind = Statement::Kind::kInsert;
    SKYBOX_RETURN_IF_ERROR(ExpectKeyword("into"));
    SKYBOX_ASSIGN_OR_RETURN(s.table, Name());
    SKYBOX_RETURN_IF_ERROR(ExpectKeyword("value"));
    size_t at = Peek().position;
    SKYBOX_ASSIGN_OR_RETURN(aws::Document value, ParseValue(0));
    if (!value.contains("M")) return MalformedStatement("INSERT value at position " + std::to_string(at) + " is not a tuple");
    s.item = std::move(value["M"]);
    return Status::Ok();
  }

  Status ParseUpdate(Statement& s) {
    s.kind = Statement::Kind::kUpdate;
    SKYBOX_ASSIGN_OR_RETURN(s.table, Name());
    bool any = false;
    while (true) {
      if (AcceptKeyword("set")) {
        do {
          SetAction action;
          SKYBOX_ASSIGN_OR_RETURN(action.path, ParsePath());
          SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("="));
          SKYBOX_RETURN_IF_ERROR(ParseSetValue(action));
          s.set.push_back(std::move(action));
        } while (AcceptPunctuation(","));
      } else if (AcceptKeyword("remove")) {
        do {
          SKYBOX_ASSIGN_OR_RETURN(Path p, ParsePath());
          s.remove.push_back(std::move(p));
        } while (AcceptPunctuation(","));
      } else {
        break;
      }
      any = true;
    }
    if (!any) return Unexpected();
    SKYBOX_RETURN_IF_ERROR(ExpectKeyword("where"));
    SKYBOX_ASSIGN_OR_RETURN(s.where, ParseCondition(0));
    return ParseReturning(s);
  }

  // [RETURNING ALL|MODIFIED OLD|NEW *]; DELETE returns ALL OLD only.
  Status ParseReturning(Statement& s) {
    if (!AcceptKeyword("returning")) return Status::Ok();
    bool update = s.kind == Statement::Kind::kUpdate;
    std::string which = AcceptKeyword("all") ? "ALL" : update && AcceptKeyword("modified") ? "UPDATED" : "";
    if (which.empty()) return Unexpected();
    std::string image = AcceptKeyword("old") ? "OLD" : update && AcceptKeyword("new") ? "NEW" : "";
    if (image.empty()) return Unexpected();
    SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("*"));
    s.returning = which + "_" + image;
    return Status::Ok();
  }

  // The right-hand side of SET path = ...: a value or path, arithmetic, or an update function
  // (list_append(a, b); set_add(path, set) and set_delete(path, set) on the target path).
  Status ParseSetValue(SetAction& action) {
    static constexpr std::string_view kFunctions[] = {"list_append", "set_add", "set_delete"};
    std::string name = AsciiLowercase(Peek().text);
    if (Peek().type == Token::Type::kIdentifier && Peek(1).type == Token::Type::kPunctuation && Peek(1).text == "(" &&
        std::find(std::begin(kFunctions), std::end(kFunctions), name) != std::end(kFunctions)) {
      pos_ += 2;  // name and '('
      action.function = name;
      SKYBOX_ASSIGN_OR_RETURN(action.left, ParseOperand(0));
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(","));
      SKYBOX_ASSIGN_OR_RETURN(action.right, ParseOperand(0));
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(")"));
      bool on_target = action.left.path == action.path && !action.left.size && !action.right.path;
      if (name != "list_append" && !on_target) return MalformedStatement("Incorrect arguments to function " + name);
      return Status::Ok();
    }
    SKYBOX_ASSIGN_OR_RETURN(action.left, ParseOperand(0));
    if (IsPunctuation("+") || IsPunctuation("-")) {
      action.arithmetic = Next().text[0];
      SKYBOX_ASSIGN_OR_RETURN(action.right, ParseOperand(0));
    }
    return Status::Ok();
  }

  Result<Path> ParsePath() {
    Path path;
    SKYBOX_ASSIGN_OR_RETURN(std::string first, Name());
    path.push_back(PathElement{std::move(first)});
    while (true) {
      if (AcceptPunctuation(".")) {
        SKYBOX_ASSIGN_OR_RETURN(std::string name, Name());
        path.push_back(PathElement{std::move(name)});
      } else if (AcceptPunctuation("[")) {
        const Token& t = Peek();
        if (t.type != Token::Type::kNumber || t.text.find_first_not_of("0123456789") != std::string::npos ||
            t.text.size() > 9) {
          return Unexpected();
        }
        path.push_back(PathElement{"", std::stoll(Next().text)});
        SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("]"));
      } else {
        return path;
      }
    }
  }

  // condition := disjunction; precedence NOT > AND > OR.
  Result<Condition> ParseCondition(int depth) {
    if (depth > kMaxDepth) return MalformedStatement("Statement is nested too deeply");
    SKYBOX_ASSIGN_OR_RETURN(Condition left, ParseConjunction(depth));
    while (AcceptKeyword("or")) {
      SKYBOX_ASSIGN_OR_RETURN(Condition right, ParseConjunction(depth));
      left = Condition{Condition::Kind::kOr, "OR", {}, {std::move(left), std::move(right)}};
    }
    return left;
  }
  Result<Condition> ParseConjunction(int depth) {
    SKYBOX_ASSIGN_OR_RETURN(Condition left, ParseNegation(depth));
    while (AcceptKeyword("and")) {
      SKYBOX_ASSIGN_OR_RETURN(Condition right, ParseNegation(depth));
      left = Condition{Condition::Kind::kAnd, "AND", {}, {std::move(left), std::move(right)}};
    }
    return left;
  }
  Result<Condition> ParseNegation(int depth) {
    if (AcceptKeyword("not")) {
      if (depth > kMaxDepth) return MalformedStatement("Statement is nested too deeply");
      SKYBOX_ASSIGN_OR_RETURN(Condition inner, ParseNegation(depth + 1));
      return Condition{Condition::Kind::kNot, "NOT", {}, {std::move(inner)}};
    }
    return ParsePredicate(depth);
  }

  Result<Condition> ParsePredicate(int depth) {
    if (AcceptPunctuation("(")) {
      SKYBOX_ASSIGN_OR_RETURN(Condition inner, ParseCondition(depth + 1));
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(")"));
      return inner;
    }
    if (Peek().type == Token::Type::kIdentifier && Peek(1).type == Token::Type::kPunctuation && Peek(1).text == "(" &&
        !IsKeyword("size")) {
      return ParseFunction(depth);
    }
    Condition c;
    SKYBOX_ASSIGN_OR_RETURN(Operand subject, ParseOperand(depth));
    c.operands.push_back(std::move(subject));
    static constexpr std::string_view kComparators[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
    for (std::string_view op : kComparators) {
      if (AcceptPunctuation(op)) {
        c.kind = Condition::Kind::kCompare;
        c.op = op == "!=" ? "<>" : std::string(op);
        SKYBOX_ASSIGN_OR_RETURN(Operand right, ParseOperand(depth));
        c.operands.push_back(std::move(right));
        return c;
      }
    }
    if (AcceptKeyword("between")) {
      c.kind = Condition::Kind::kBetween;
      SKYBOX_ASSIGN_OR_RETURN(Operand low, ParseOperand(depth));
      SKYBOX_RETURN_IF_ERROR(ExpectKeyword("and"));
      SKYBOX_ASSIGN_OR_RETURN(Operand high, ParseOperand(depth));
      c.operands.push_back(std::move(low));
      c.operands.push_back(std::move(high));
      return c;
    }
    if (AcceptKeyword("in")) {
      c.kind = Condition::Kind::kIn;
      std::string close = AcceptPunctuation("(") ? ")" : "";
      if (close.empty()) {
        SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("["));
        close = "]";
      }
      do {
        SKYBOX_ASSIGN_OR_RETURN(Operand candidate, ParseOperand(depth));
        c.operands.push_back(std::move(candidate));
      } while (AcceptPunctuation(","));
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(close));
      return c;
    }
    if (AcceptKeyword("is")) {
      bool negated = AcceptKeyword("not");
      bool missing = AcceptKeyword("missing");
      if (!missing && !AcceptKeyword("null")) return Unexpected();
      const char* predicate = missing ? "IS MISSING" : "IS NULL";
      if (!c.operands[0].path || c.operands[0].size) {
        return MalformedStatement(std::string(predicate) + " applies to a document path");
      }
      using Kind = Condition::Kind;
      c.kind = missing ? (negated ? Kind::kIsNotMissing : Kind::kIsMissing) : (negated ? Kind::kIsNotNull : Kind::kIsNull);
      return c;
    }
    return Unexpected();
  }

  Result<Condition> ParseFunction(int depth) {
    static constexpr std::string_view kFunctions[] = {"begins_with", "contains", "attribute_exists",
                                                      "attribute_not_exists", "attribute_type"};
    std::string name = AsciiLowercase(Peek().text);
    if (std::find(std::begin(kFunctions), std::end(kFunctions), name) == std::end(kFunctions)) return Unexpected();
    pos_ += 2;  // name and '('
    Condition c{Condition::Kind::kFunction, name, {}, {}};
    do {
      SKYBOX_ASSIGN_OR_RETURN(Operand arg, ParseOperand(depth));
      c.operands.push_back(std::move(arg));
    } while (AcceptPunctuation(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(")"));
    size_t want = name.starts_with("attribute_") && name != "attribute_type" ? 1 : 2;
    if (c.operands.size() != want || !c.operands[0].path || c.operands[0].size) {
      return MalformedStatement("Incorrect arguments to function " + name);
    }
    return c;
  }

  // A path, size(path) or a value; an identifier that is a literal keyword (TRUE, NULL, ...) is
  // a value.
  Result<Operand> ParseOperand(int depth) {
    if (IsKeyword("size") && Peek(1).type == Token::Type::kPunctuation && Peek(1).text == "(") {
      pos_ += 2;  // size and '('
      SKYBOX_ASSIGN_OR_RETURN(Path p, ParsePath());
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(")"));
      return Operand{std::move(p), nullptr, /*size=*/true};
    }
    const Token& t = Peek();
    bool literal_keyword = IsKeyword("true") || IsKeyword("false") || IsKeyword("null");
    if ((t.type == Token::Type::kIdentifier && !literal_keyword) || t.type == Token::Type::kQuotedIdentifier) {
      SKYBOX_ASSIGN_OR_RETURN(Path p, ParsePath());
      return Operand{std::move(p), nullptr};
    }
    SKYBOX_ASSIGN_OR_RETURN(aws::Document v, ParseValue(depth));
    return Operand{std::nullopt, std::move(v)};
  }

  Result<aws::Document> ParseValue(int depth) {
    if (depth > kMaxDepth) return MalformedStatement("Statement is nested too deeply");
    const Token& t = Peek();
    switch (t.type) {
      case Token::Type::kString:
        return aws::Document{{"S", Next().text}};
      case Token::Type::kNumber:
        return aws::Document{{"N", Next().text}};
      case Token::Type::kParameter: {
        ++pos_;
        size_t i = next_parameter_++;
        if (!parameters_.is_array() || i >= parameters_.size()) return aws::Document{{"NULL", true}};
        return parameters_[i];
      }
      case Token::Type::kIdentifier:
        if (AcceptKeyword("true")) return aws::Document{{"BOOL", true}};
        if (AcceptKeyword("false")) return aws::Document{{"BOOL", false}};
        if (AcceptKeyword("null")) return aws::Document{{"NULL", true}};
        return Unexpected();
      case Token::Type::kPunctuation:
        if (t.text == "-" && Peek(1).type == Token::Type::kNumber) {
          pos_ += 1;
          return aws::Document{{"N", "-" + Next().text}};
        }
        if (AcceptPunctuation("{")) return ParseMap(depth);
        if (AcceptPunctuation("[")) return ParseList(depth);
        if (AcceptPunctuation("<<")) return ParseSet(depth);
        return Unexpected();
      default:
        return Unexpected();
    }
  }

  Result<aws::Document> ParseMap(int depth) {
    aws::Document map = aws::Document::object();
    if (AcceptPunctuation("}")) return aws::Document{{"M", std::move(map)}};
    do {
      if (Peek().type != Token::Type::kString) return Unexpected();
      std::string key = Next().text;
      SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(":"));
      SKYBOX_ASSIGN_OR_RETURN(map[key], ParseValue(depth + 1));
    } while (AcceptPunctuation(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("}"));
    return aws::Document{{"M", std::move(map)}};
  }

  Result<aws::Document> ParseList(int depth) {
    aws::Document list = aws::Document::array();
    if (AcceptPunctuation("]")) return aws::Document{{"L", std::move(list)}};
    do {
      SKYBOX_ASSIGN_OR_RETURN(aws::Document v, ParseValue(depth + 1));
      list.push_back(std::move(v));
    } while (AcceptPunctuation(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunctuation("]"));
    return aws::Document{{"L", std::move(list)}};
  }

  // <<'a', 'b'>> is a string set, <<1, 2>> a number set; elements must share one scalar type.
  Result<aws::Document> ParseSet(int depth) {
    std::string type;
    aws::Document elements = aws::Document::array();
    do {
      size_t at = Peek().position;
      SKYBOX_ASSIGN_OR_RETURN(aws::Document v, ParseValue(depth + 1));
      std::string element_type = v.is_object() && v.size() == 1 ? v.begin().key() : "";
      if (element_type != "S" && element_type != "N" && element_type != "B") {
        return MalformedStatement("Set element at position " + std::to_string(at) + " is not a string, number or binary");
      }
      if (!type.empty() && element_type != type) {
        return MalformedStatement("Set elements at position " + std::to_string(at) + " have different types");
      }
      type = element_type;
      elements.push_back(v.begin().value());
    } while (AcceptPunctuation(","));
    SKYBOX_RETURN_IF_ERROR(ExpectPunctuation(">>"));
    return aws::Document{{type + "S", std::move(elements)}};
  }

  std::vector<Token> tokens_;
  const aws::Document& parameters_;
  size_t pos_ = 0;
  size_t next_parameter_ = 0;
};

}  // namespace

Result<Statement> ParseStatement(std::string_view text, const aws::Document& parameters) {
  SKYBOX_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(std::move(tokens), parameters).Parse();
}

}  // namespace skybox::dynamodb::partiql
