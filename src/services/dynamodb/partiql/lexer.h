// Tokens of DynamoDB's PartiQL: identifiers (bare, or "double quoted"), 'string' literals,
// numbers, `?` parameters and punctuation (including the set brackets << and >>).
//
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace skybox::dynamodb::partiql {

struct Token {
  enum class Type { kIdentifier, kQuotedIdentifier, kString, kNumber, kParameter, kPunctuation, kEnd };
  Type type = Type::kEnd;
  std::string text;  // unescaped for strings and quoted identifiers
  size_t position = 0;
};

// The tokens of `statement`, ending with one kEnd token; a ValidationException ("Statement
// wasn't well formed, can't be processed: ...") for an unterminated quote or a stray character.
Result<std::vector<Token>> Tokenize(std::string_view statement);

// The ValidationException of a malformed statement, with `detail` after AWS's prefix.
Status MalformedStatement(std::string_view detail);

}  // namespace skybox::dynamodb::partiql
