// Wildcard: the `wildcard` operand of event patterns and filter policies. `*` matches zero or
// more characters; `\*` is a literal asterisk and `\\` a literal backslash; any other escape
// and two consecutive `*` are rejected, as AWS rejects them.
//
// Matching is a linear-ish scan over literal runs (no regex engine, no backtracking blow-up):
// a pattern with k stars costs O(k * |value|) at worst.
//
// Thread-safety: immutable after Parse; Matches may run concurrently.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace skybox::services::event_pattern {

class Wildcard {
 public:
  // Fails with AWS's texts, e.g. "Consecutive wildcard characters at pos 2" (positions count
  // from 1, as AWS counts them inside the quoted JSON string).
  static Result<Wildcard> Parse(std::string_view text);

  bool Matches(std::string_view value) const;
  // Number of unescaped `*` in the pattern.
  size_t star_count() const { return literals_.size() - 1; }

 private:
  // The literal runs between stars; always star_count() + 1 entries (some may be empty).
  std::vector<std::string> literals_;
};

}  // namespace skybox::services::event_pattern
