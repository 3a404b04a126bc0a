#include "services/dynamodb/expr/parser.h"

#include <algorithm>
#include <climits>
#include <memory>
#include <tuple>

#include "base/ascii.h"
#include "services/dynamodb/expr/reserved_words.h"

namespace skybox::dynamodb {

std::vector<ExpressionParser::Phase> ConditionPhases() {
  using C = ExpressionParser::Check;
  return {{{C::kReserved, C::kIndex, C::kUnknownFunction, C::kMisusedFunction, C::kOperandCount}},
          {{C::kUndefinedName, C::kUndefinedValue, C::kDistinct, C::kFunction}}};
}

std::vector<ExpressionParser::Phase> ProjectionPhases() {
  using C = ExpressionParser::Check;
  return {{{C::kReserved, C::kIndex}}, {{C::kUndefinedName}}, {{C::kOverlap}}};
}

std::vector<ExpressionParser::Phase> UpdatePhases() {
  using C = ExpressionParser::Check;
  // Names in the target paths and path overlaps come first; then the actions' values are
  // checked from the last action back to the first.
  return {{{C::kReserved, C::kIndex, C::kUnknownFunction, C::kMisusedFunction, C::kSection}},
          {{C::kUndefinedTargetName}},
          {{C::kOverlap}},
          {{C::kUndefinedName}, true},
          {{C::kUndefinedValue, C::kOperandCount, C::kFunction, C::kActionOperand, C::kDistinct},
           true}};
}

int ConditionFunctionArity(std::string_view name) {
  if (name == "attribute_exists" || name == "attribute_not_exists" || name == "size") return 1;
  if (name == "attribute_type" || name == "begins_with" || name == "contains") return 2;
  return -1;
}

bool IsUpdateFunction(std::string_view name) {
  return name == "if_not_exists" || name == "list_append";
}

std::string BoundText(const Document& value) {
  std::optional<AttributeType> type = TypeOf(value);
  if (!type) return "AttributeValue: {}";
  const Document& member = value.begin().value();
  std::string shown;
  if (member.is_string()) {
    shown = member.get<std::string>();
  } else if (member.is_binary()) {
    // DynamoDB prints the Java buffer holding the bytes.
    std::string n = std::to_string(member.get_binary().size());
    shown = "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
  } else {
    shown = member.dump();
  }
  return "AttributeValue: {" + std::string(AttributeTypeName(*type)) + ":" + shown + "}";
}

std::string_view StaticOperandType(const Operand& operand) {
  if (operand.kind == Operand::Kind::kSize) return "N";
  if (operand.kind != Operand::Kind::kValue) return "";
  std::optional<AttributeType> type = TypeOf(operand.value);
  return type ? AttributeTypeName(*type) : "";
}

ExpressionParser::ExpressionParser(std::string_view text, ExpressionKind kind,
                                   ExpressionAttributes& attributes)
    : text_(text), kind_(kind), attributes_(attributes), tokens_(Tokenize(text)) {
  failed_group_.assign(tokens_.size(), false);
  SkipSpace();
  ScanRedundantParens();
}

void ExpressionParser::SkipSpace() {
  while (tokens_[pos_].kind == Token::Kind::kSpace) ++pos_;
}

const Token& ExpressionParser::PeekNext() const {
  if (AtEnd()) return Peek();
  size_t i = pos_ + 1;
  while (tokens_[i].kind == Token::Kind::kSpace) ++i;
  return tokens_[i];
}

bool ExpressionParser::PeekPunct(std::string_view punct) const {
  return Peek().kind == Token::Kind::kPunct && Peek().text == punct;
}

bool ExpressionParser::PeekKeyword(std::string_view keyword) const {
  return Peek().kind == Token::Kind::kIdentifier && EqualsIgnoreAsciiCase(Peek().text, keyword);
}

void ExpressionParser::Advance() {
  if (AtEnd()) return;
  ++pos_;
  SkipSpace();
}

bool ExpressionParser::AcceptPunct(std::string_view punct) {
  if (!PeekPunct(punct)) return false;
  Advance();
  return true;
}

bool ExpressionParser::AcceptKeyword(std::string_view keyword) {
  if (!PeekKeyword(keyword)) return false;
  Advance();
  return true;
}

Status ExpressionParser::ExpectPunct(std::string_view punct) {
  return AcceptPunct(punct) ? Status::Ok() : SyntaxError();
}

Status ExpressionParser::ExpectKeyword(std::string_view keyword) {
  return AcceptKeyword(keyword) ? Status::Ok() : SyntaxError();
}

Status ExpressionParser::Invalid(std::string_view message) const {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException",
                     "Invalid " + std::string(ExpressionKindName(kind_)) + ": " +
                         std::string(message));
}

Status ExpressionParser::SyntaxError() const {
  // AWS quotes the offending token with its neighbours: the previous token (and the one before
  // it when the previous is whitespace), then the following token (and the one after it when
  // that one is whitespace).
  const Token& bad = Peek();
  auto text_at = [this](size_t i) { return std::string(tokens_[i].text); };
  std::string near;
  if (pos_ >= 1) {
    if (tokens_[pos_ - 1].kind == Token::Kind::kSpace && pos_ >= 2) near += text_at(pos_ - 2);
    near += text_at(pos_ - 1);
  }
  std::string token = "<EOF>";
  if (bad.kind != Token::Kind::kEnd) {
    token = std::string(bad.text);
    near += token;
    if (tokens_[pos_ + 1].kind != Token::Kind::kEnd) {
      near += text_at(pos_ + 1);
      if (tokens_[pos_ + 1].kind == Token::Kind::kSpace &&
          tokens_[pos_ + 2].kind != Token::Kind::kEnd) {
        near += text_at(pos_ + 2);
      }
    }
  }
  return Invalid("Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
}

void ExpressionParser::Record(Check check, std::string message) {
  errors_.push_back({check, group_, std::move(message)});
}

void ExpressionParser::Restore(State state) {
  pos_ = state.pos;
  errors_ = std::move(state.errors);
}

Status ExpressionParser::CheckParens() const {
  for (const Problem& p : errors_) {
    if (p.check == Check::kParens) return Invalid(p.message);
  }
  return Status::Ok();
}

Status ExpressionParser::CheckSize() const {
  if (text_.size() > 4096) {
    return Invalid("Expression size has exceeded the maximum allowed size; expression size: " +
                   std::to_string(text_.size()));
  }
  return Status::Ok();
}

Status ExpressionParser::Finish(const std::vector<Phase>& phases) {
  if (!AtEnd()) return SyntaxError();
  for (const Phase& phase : phases) {
    const Problem* first = nullptr;
    for (const Problem& p : errors_) {
      if (std::find(phase.checks.begin(), phase.checks.end(), p.check) == phase.checks.end()) {
        continue;
      }
      if (first == nullptr || (phase.last_group_first && p.group > first->group)) first = &p;
    }
    if (first != nullptr) return Invalid(first->message);
  }
  return Status::Ok();
}

namespace {

// The tree DynamoDB files document paths in to find overlaps and conflicts.
struct PathNode {
  std::string key;  // "name" or "[3]"
  size_t born = 0;  // the first path through this node
  std::vector<std::unique_ptr<PathNode>> kids;
  std::vector<size_t> ends;  // paths ending here
};

struct PathEntry {
  size_t index;
  const PathNode* kid;  // nullptr: a path ending at the node
};

// A node's entries, newest first; at equal age a path ending here comes first.
std::vector<PathEntry> Entries(const PathNode& node) {
  std::vector<PathEntry> out;
  for (const auto& kid : node.kids) out.push_back({kid->born, kid.get()});
  for (size_t end : node.ends) out.push_back({end, nullptr});
  std::stable_sort(out.begin(), out.end(), [](const PathEntry& a, const PathEntry& b) {
    if (a.index != b.index) return a.index > b.index;
    return a.kid == nullptr && b.kid != nullptr;
  });
  return out;
}

// The newest path ending within a branch.
size_t EndIn(const PathNode* node) {
  while (true) {
    PathEntry first = Entries(*node).front();
    if (first.kid == nullptr) return first.index;
    node = first.kid;
  }
}

// The first clash met walking the tree: (is_conflict, path a, path b).
std::optional<std::tuple<bool, size_t, size_t>> FirstClash(const PathNode& node) {
  std::vector<PathEntry> list = Entries(node);
  for (const PathEntry& e : list) {
    if (e.kid != nullptr) {
      if (auto clash = FirstClash(*e.kid)) return clash;
    }
    for (const PathEntry& x : list) {
      if (&x == &e) continue;
      if (e.kid == nullptr || x.kid == nullptr) {
        return std::make_tuple(false, e.kid ? EndIn(e.kid) : e.index,
                               x.kid ? EndIn(x.kid) : x.index);
      }
      if ((x.kid->key[0] == '[') != (e.kid->key[0] == '[')) {
        return std::make_tuple(true, EndIn(x.kid), EndIn(e.kid));
      }
    }
  }
  return std::nullopt;
}

std::string ElementKey(const PathElement& e) {
  return e.is_index() ? "[" + std::to_string(*e.index) + "]" : e.name;
}

}  // namespace

void ExpressionParser::CheckPathCollisions(const std::vector<DocumentPath>& paths) {
  PathNode root;
  for (size_t i = 0; i < paths.size(); ++i) {
    PathNode* node = &root;
    for (const PathElement& e : paths[i].elements) {
      std::string key = ElementKey(e);
      auto it = std::find_if(node->kids.begin(), node->kids.end(),
                             [&](const auto& kid) { return kid->key == key; });
      if (it == node->kids.end()) {
        node->kids.push_back(std::make_unique<PathNode>());
        node->kids.back()->key = key;
        node->kids.back()->born = i;
        it = std::prev(node->kids.end());
      }
      node = it->get();
    }
    node->ends.push_back(i);
  }
  auto clash = FirstClash(root);
  if (!clash) return;
  auto [conflict, x, y] = *clash;
  size_t one = std::min(x, y);
  size_t two = std::max(x, y);
  Record(Check::kOverlap, std::string("Two document paths ") +
                              (conflict ? "conflict" : "overlap") +
                              " with each other; must remove or rewrite one of these paths; "
                              "path one: " +
                              paths[one].ToAwsListString() +
                              ", path two: " + paths[two].ToAwsListString());
}

void ExpressionParser::ScanRedundantParens() {
  // DynamoDB rejects an expression wrapped whole in two (or more) pairs of parentheses,
  // "((a = :v))", but accepts doubled parentheses around a part of it, "((a = :v)) AND b".
  std::vector<size_t> significant;
  for (size_t i = 0; i < tokens_.size(); ++i) {
    Token::Kind kind = tokens_[i].kind;
    if (kind != Token::Kind::kSpace && kind != Token::Kind::kEnd) significant.push_back(i);
  }
  auto is = [&](size_t k, std::string_view punct) {
    const Token& t = tokens_[significant[k]];
    return t.kind == Token::Kind::kPunct && t.text == punct;
  };
  // The index of the parenthesis closing the one opened at significant[k], or SIZE_MAX.
  auto closing = [&](size_t k) {
    int depth = 0;
    for (size_t j = k; j < significant.size(); ++j) {
      if (is(j, "(")) ++depth;
      if (is(j, ")") && --depth == 0) return j;
    }
    return SIZE_MAX;
  };
  size_t n = significant.size();
  if (n < 4 || !is(0, "(") || !is(1, "(")) return;
  if (closing(0) == n - 1 && closing(1) == n - 2) {
    Record(Check::kParens, "The expression has redundant parentheses;");
  }
}

Result<DocumentPath> ExpressionParser::ParsePath() {
  DocumentPath path;
  auto parse_name = [&]() -> Status {
    const Token& t = Peek();
    if (t.kind == Token::Kind::kIdentifier) {
      if (IsReservedWord(t.text)) {
        Record(Check::kReserved,
               "Attribute name is a reserved keyword; reserved keyword: " + std::string(t.text));
      }
      path.elements.push_back({std::string(t.text), std::nullopt});
    } else if (t.kind == Token::Kind::kName) {
      const std::string* name = attributes_.ResolveName(t.text);
      if (name == nullptr) {
        Record(undefined_name_check_,
               "An expression attribute name used in the document path is not defined; attribute "
               "name: " +
                   std::string(t.text));
      }
      path.elements.push_back({name ? *name : std::string(t.text), std::nullopt});
    } else {
      return SyntaxError();
    }
    Advance();
    return Status::Ok();
  };
  SKYBOX_RETURN_IF_ERROR(parse_name());
  while (true) {
    if (AcceptPunct(".")) {
      SKYBOX_RETURN_IF_ERROR(parse_name());
    } else if (PeekPunct("[")) {
      Advance();
      if (Peek().kind != Token::Kind::kNumber) return SyntaxError();
      std::string_view digits = Peek().text;
      uint64_t index = 0;
      for (char c : digits) index = std::min<uint64_t>(index * 10 + static_cast<uint64_t>(c - '0'), 1ULL << 40);
      if (index > static_cast<uint64_t>(INT32_MAX) || digits.size() > 10) {
        Record(Check::kIndex, "List index is not within the allowable range; index: [" +
                                     std::string(digits) + "]");
        index = 0;
      }
      Advance();
      SKYBOX_RETURN_IF_ERROR(ExpectPunct("]"));
      path.elements.push_back({"", static_cast<uint32_t>(index)});
    } else {
      if (path.elements.size() > static_cast<size_t>(kMaxNestingDepth)) {
        Record(Check::kIndex, "The document path has too many nesting levels; nesting levels: " +
                                  std::to_string(path.elements.size()));
      }
      return path;
    }
  }
}

Result<Document> ExpressionParser::ParseValue() {
  const Token& t = Peek();
  if (t.kind != Token::Kind::kValue) return SyntaxError();
  const Document* value = attributes_.ResolveValue(t.text);
  if (value == nullptr) {
    Record(Check::kUndefinedValue,
           "An expression attribute value used in expression is not defined; attribute value: " +
               std::string(t.text));
  }
  Advance();
  return value ? *value : Document();
}

}  // namespace skybox::dynamodb
