#include "services/dynamodb/expr/lexer.h"

namespace skybox::dynamodb {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
// A bare name starts with a letter; '_' and digits may only follow (AWS reports a leading '_'
// as a syntax error on the token "_").
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordChar(char c) { return IsAlpha(c) || IsDigit(c) || c == '_'; }

// Length of the UTF-8 sequence starting with `lead` (1 for invalid leads, so we always advance).
size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t i = 0;
  auto emit = [&](Token::Kind kind, size_t end) {
    tokens.push_back({kind, text.substr(i, end - i)});
    i = end;
  };
  auto word_end = [&](size_t from) {
    while (from < text.size() && IsWordChar(text[from])) ++from;
    return from;
  };
  while (i < text.size()) {
    char c = text[i];
    size_t j = i + 1;
    if (IsSpace(c)) {
      while (j < text.size() && IsSpace(text[j])) ++j;
      emit(Token::Kind::kSpace, j);
    } else if (IsAlpha(c)) {
      emit(Token::Kind::kIdentifier, word_end(j));
    } else if (IsDigit(c)) {
      while (j < text.size() && IsDigit(text[j])) ++j;
      emit(Token::Kind::kNumber, j);
    } else if (c == '#' || c == ':') {
      j = word_end(j);
      Token::Kind kind = c == '#' ? Token::Kind::kName : Token::Kind::kValue;
      emit(j == i + 1 ? Token::Kind::kInvalid : kind, j);
    } else if (c == '<' && j < text.size() && (text[j] == '>' || text[j] == '=')) {
      emit(Token::Kind::kPunct, j + 1);
    } else if (c == '>' && j < text.size() && text[j] == '=') {
      emit(Token::Kind::kPunct, j + 1);
    } else if (std::string_view("()[].,=<>+-").find(c) != std::string_view::npos) {
      emit(Token::Kind::kPunct, j);
    } else {
      size_t len = Utf8Length(static_cast<unsigned char>(c));
      emit(Token::Kind::kInvalid, std::min(text.size(), i + len));
    }
  }
  tokens.push_back({Token::Kind::kEnd, text.substr(text.size())});
  return tokens;
}

}  // namespace skybox::dynamodb
