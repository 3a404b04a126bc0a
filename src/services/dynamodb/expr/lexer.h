// Tokenizer shared by DynamoDB's expression languages. Internal to the parsers.
//
// Whitespace is kept as tokens because AWS's syntax-error messages quote the neighbouring
// text ("near: ...") including the spaces between tokens.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>
#include <vector>

namespace skybox::dynamodb {

struct Token {
  enum class Kind {
    kSpace,       // a run of spaces, tabs, CR, LF
    kIdentifier,  // [A-Za-z][A-Za-z0-9_]*  (names, keywords, functions)
    kName,        // #[A-Za-z0-9_]+
    kValue,       // :[A-Za-z0-9_]+
    kNumber,      // [0-9]+ (list indexes)
    kPunct,       // ( ) [ ] . , = <> < <= > >= + -
    kInvalid,     // any other character (one UTF-8 sequence), or a bare '#' / ':'
    kEnd,         // end of input; text is empty
  };
  Kind kind;
  std::string_view text;
};

// Splits `text` into tokens; the last token is always kEnd. Views point into `text`.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace skybox::dynamodb
