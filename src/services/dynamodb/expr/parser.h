// ExpressionParser: the machinery shared by the DynamoDB expression parsers (internal).
//
// It walks the token stream (whitespace skipped, but kept for AWS's "near" text), parses
// document paths, placeholders and the condition grammar, and collects semantic errors by
// category. AWS reports a syntax error first; otherwise the first semantic error in a fixed,
// grammar-specific order of categories — so semantic problems are recorded while parsing and
// reported by Finish().
//
// Thread-safety: one parser per expression; not shared.
#pragma once

#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "services/dynamodb/expr/expression.h"
#include "services/dynamodb/expr/expression_attributes.h"
#include "services/dynamodb/expr/lexer.h"

namespace skybox::dynamodb {

class ExpressionParser {
 public:
  // Semantic error categories; each grammar reports them in its own order.
  enum class Check {
    kParens,           // "The expression has redundant parentheses;"
    kUnknownFunction,  // "Invalid function name; function: f"
    kMisusedFunction,  // a function where the grammar does not allow it
    kReserved,         // "Attribute name is a reserved keyword; reserved keyword: x"
    kIndex,            // list index out of range; path nested too deep
    kSection,          // update: a clause used twice
    kUndefinedTargetName,  // update: undefined #name in an action's target path
    kUndefinedName,
    kUndefinedValue,
    kOverlap,          // update/projection: two paths overlap or conflict
    kActionOperand,    // update: ADD/DELETE operand type
    kOperandCount,     // "Incorrect number of operands for operator or function; ..."
    kDistinct,         // "The first operand must be distinct from the remaining operands ..."
    kFunction,         // operand types and function-specific rules
  };
  // AWS checks an expression in passes; each pass reports the first problem it meets in the
  // order the expression is written (or, for an update's values, from the last action back).
  struct Phase {
    std::vector<Check> checks;
    bool last_group_first = false;
  };

  ExpressionParser(std::string_view text, ExpressionKind kind, ExpressionAttributes& attributes);

  ExpressionKind kind() const { return kind_; }
  bool empty_text() const { return text_.empty(); }

  // Token access; whitespace is skipped.
  const Token& Peek() const { return tokens_[pos_]; }
  // The first non-space token after the current one.
  const Token& PeekNext() const;
  bool AtEnd() const { return Peek().kind == Token::Kind::kEnd; }
  bool PeekPunct(std::string_view punct) const;
  bool PeekKeyword(std::string_view keyword) const;  // case-insensitive identifier
  void Advance();
  bool AcceptPunct(std::string_view punct);
  bool AcceptKeyword(std::string_view keyword);
  Status ExpectPunct(std::string_view punct);
  Status ExpectKeyword(std::string_view keyword);
  // "Invalid <Kind>: Syntax error; token: \"t\", near: \"...\"" at the current token.
  Status SyntaxError() const;

  // A document path; records reserved-word and undefined-name errors. Fails on syntax only.
  Result<DocumentPath> ParsePath();
  // A ":value" placeholder (the current token must be kValue); records undefined values, for
  // which it returns a null Document.
  Result<Document> ParseValue();
  // The full condition grammar (OR / AND / NOT / comparisons / functions).
  Result<Condition> ParseCondition();

  // Records kOverlap for the pair of paths DynamoDB reports first when two paths overlap (one
  // is a prefix of the other) or conflict (one indexes a list where the other names a map
  // member). DynamoDB files the paths in a tree and reports the first clash met walking it,
  // newest branch first.
  void CheckPathCollisions(const std::vector<DocumentPath>& paths);

  // Records a semantic problem, tagged with the current group (see set_group).
  void Record(Check check, std::string message);
  // Tags later records (an update's action index) for Phase::last_group_first.
  void set_group(int group) { group_ = group; }
  // The placeholder check ParsePath uses for undefined #names (update targets differ).
  void set_undefined_name_check(Check check) { undefined_name_check_ = check; }
  // When the whole input was consumed: the first recorded problem of the first phase that has
  // one (prefixed), else OK. Otherwise a syntax error at the current token.
  Status Finish(const std::vector<Phase>& phases);
  // The redundant-parentheses problem, if the expression has one (reported before syntax).
  Status CheckParens() const;
  // Fails when the text exceeds DynamoDB's 4 KB expression limit.
  Status CheckSize() const;
  // A ValidationException "Invalid <Kind>: <message>".
  Status Invalid(std::string_view message) const;

  // Saved position and errors, for the grammar's one point of backtracking.
  struct Problem {
    Check check;
    int group;
    std::string message;
  };
  struct State {
    size_t pos;
    std::vector<Problem> errors;
  };
  State Save() const { return {pos_, errors_}; }
  void Restore(State state);

 private:
  // A function call or an operand, before we know which the grammar wants.
  struct Term {
    bool is_call = false;
    std::string name;           // function name when is_call
    std::vector<Operand> args;  // call arguments
    Operand operand;            // when !is_call
  };

  // Bounds recursion: fails with a syntax error beyond kMaxDepth nested constructs.
  static constexpr int kMaxDepth = 100;
  class DepthGuard;
  Status EnterNested();

  void SkipSpace();
  void ScanRedundantParens();
  Result<Condition> ParseAnd();
  Result<Condition> ParseNot();
  Result<Condition> ParsePrimary();
  Result<Condition> ParseComparison();
  Result<Term> ParseTerm();
  Result<Operand> ParseOperand();
  Operand TermToOperand(Term term);
  Condition CallToCondition(Term call);
  void CheckDistinct(std::string_view op, const Operand& first, const std::vector<Operand>& rest);
  // < <= > >= BETWEEN: literal operands must be S, N or B.
  void CheckOrderable(std::string_view op, const Operand& operand);
  void CheckBetweenBounds(const Operand& low, const Operand& high);

  std::string_view text_;
  ExpressionKind kind_;
  ExpressionAttributes& attributes_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::vector<Problem> errors_;
  int group_ = 0;
  Check undefined_name_check_ = Check::kUndefinedName;
  // Token positions where "( condition )" was tried and failed: never retried, which keeps
  // the backtracking linear in nesting depth.
  std::vector<bool> failed_group_;
  int depth_ = 0;  // recursion guard against hostile nesting
};

// The type name DynamoDB shows for an operand in operand-type errors: the value's type ("S",
// "N", ...), "N" for size(); empty when unknown until evaluation (paths).
std::string_view StaticOperandType(const Operand& operand);

// The order in which each grammar reports its semantic problems.
std::vector<ExpressionParser::Phase> ConditionPhases();
std::vector<ExpressionParser::Phase> ProjectionPhases();
std::vector<ExpressionParser::Phase> UpdatePhases();

// How DynamoDB shows a BETWEEN bound in messages: "AttributeValue: {N:5}".
std::string BoundText(const Document& value);

// Functions of the condition grammar (arity), of the update grammar; -1 when not one.
int ConditionFunctionArity(std::string_view name);
bool IsUpdateFunction(std::string_view name);

}  // namespace skybox::dynamodb
