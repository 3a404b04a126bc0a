// ParsePlainJson: a fast path for the JSON request bodies SDKs send. It parses JSON whose strings
// are plain printable ASCII without escapes (most DynamoDB items, SQS bodies, names), scanning
// each string in one pass, and gives up (nullopt) on anything else: escapes, control or
// non-ASCII bytes, malformed text. The caller then parses with nlohmann, which decides every
// case the fast path declines, so results never differ: where this returns a Document it is the
// one nlohmann's parser builds (numbers are converted by nlohmann itself; a repeated object key
// keeps its last value, as nlohmann does). A differential fuzz target holds it to that.
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string_view>

#include "aws/protocol/document.h"

namespace skybox::aws {

std::optional<Document> ParsePlainJson(std::string_view text);

}  // namespace skybox::aws
