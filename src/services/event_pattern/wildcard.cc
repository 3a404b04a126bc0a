#include "services/event_pattern/wildcard.h"

namespace skybox::services::event_pattern {

Result<Wildcard> Wildcard::Parse(std::string_view text) {
  Wildcard wildcard;
  wildcard.literals_.emplace_back();
  for (size_t i = 0; i < text.size(); ++i) {
    // AWS reports positions inside the quoted string, so the first character is at 1.
    const std::string pos = std::to_string(i + 1);
    const char c = text[i];
    if (c == '*') {
      if (i + 1 < text.size() && text[i + 1] == '*') {
        return InvalidArgument("Consecutive wildcard characters at pos " + pos);
      }
      wildcard.literals_.emplace_back();
    } else if (c == '\\') {
      if (i + 1 >= text.size() || (text[i + 1] != '*' && text[i + 1] != '\\')) {
        return InvalidArgument("Invalid escape character at pos " + pos);
      }
      wildcard.literals_.back().push_back(text[++i]);
    } else {
      wildcard.literals_.back().push_back(c);
    }
  }
  return wildcard;
}

bool Wildcard::Matches(std::string_view value) const {
  const std::string& head = literals_.front();
  if (literals_.size() == 1) return value == head;
  const std::string& tail = literals_.back();
  if (value.size() < head.size() + tail.size()) return false;
  if (value.substr(0, head.size()) != head) return false;
  if (value.substr(value.size() - tail.size()) != tail) return false;
  // Between the fixed head and tail, each middle literal is taken at its leftmost occurrence:
  // with `*` as the only metacharacter, leftmost placement never loses a match.
  std::string_view rest = value.substr(head.size(), value.size() - head.size() - tail.size());
  for (size_t i = 1; i + 1 < literals_.size(); ++i) {
    const size_t at = rest.find(literals_[i]);
    if (at == std::string_view::npos) return false;
    rest.remove_prefix(at + literals_[i].size());
  }
  return true;
}

}  // namespace skybox::services::event_pattern
