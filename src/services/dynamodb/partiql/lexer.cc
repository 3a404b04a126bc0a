#include "services/dynamodb/partiql/lexer.h"

#include <cctype>

namespace skybox::dynamodb::partiql {
namespace {

bool IsIdentifierStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentifierPart(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }
bool IsDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// Reads a quoted run starting at s[i] (the quote); a doubled quote stands for itself.
Result<std::string> Quoted(std::string_view s, size_t& i) {
  char quote = s[i++];
  std::string out;
  while (i < s.size()) {
    if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        out += quote;
        i += 2;
        continue;
      }
      ++i;
      return out;
    }
    out += s[i++];
  }
  return MalformedStatement(quote == '\'' ? "Unterminated string literal" : "Unterminated quoted identifier");
}

size_t NumberEnd(std::string_view s, size_t i) {
  while (i < s.size() && IsDigit(s[i])) ++i;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && IsDigit(s[i])) ++i;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && IsDigit(s[j])) {
      i = j;
      while (i < s.size() && IsDigit(s[i])) ++i;
    }
  }
  return i;
}

}  // namespace

Status MalformedStatement(std::string_view detail) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException",
                     "Statement wasn't well formed, can't be processed: " + std::string(detail));
}

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
      continue;
    }
    Token token;
    token.position = i;
    if (c == '\'' || c == '"') {
      token.type = c == '\'' ? Token::Type::kString : Token::Type::kQuotedIdentifier;
      SKYBOX_ASSIGN_OR_RETURN(token.text, Quoted(s, i));
    } else if (IsIdentifierStart(c)) {
      size_t start = i;
      while (i < s.size() && IsIdentifierPart(s[i])) ++i;
      token.type = Token::Type::kIdentifier;
      token.text = std::string(s.substr(start, i - start));
    } else if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      size_t end = NumberEnd(s, i);
      token.type = Token::Type::kNumber;
      token.text = std::string(s.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      token.type = Token::Type::kParameter;
      token.text = "?";
      ++i;
    } else {
      static constexpr std::string_view kTwo[] = {"<<", ">>", "<=", ">=", "<>", "!="};
      token.type = Token::Type::kPunctuation;
      for (std::string_view two : kTwo) {
        if (s.substr(i, 2) == two) token.text = std::string(two);
      }
      if (token.text.empty()) {
        if (std::string_view("(),.[]{}:=<>*+-;").find(c) == std::string_view::npos) {
          return MalformedStatement("Unexpected character '" + std::string(1, c) + "'");
        }
        token.text = std::string(1, c);
      }
      i += token.text.size();
    }
    tokens.push_back(std::move(token));
  }
  tokens.push_back(Token{Token::Type::kEnd, "", s.size()});
  return tokens;
}

}  // namespace skybox::dynamodb::partiql
