// ReadStoredItem: a fast path for decoding stored items (the CBOR that nlohmann's to_cbor writes,
// item_codec.h). nlohmann's CBOR reader fetches a string one byte at a time, which made decoding
// the largest cost of a Query; this reader copies each string and byte string in one piece.
// It accepts the subset to_cbor produces (definite-length maps with text keys, arrays, text and
// byte strings, integers, float32/float64, true, false, null) and gives up (nullopt) on anything
// else: tags, indefinite lengths, half floats, other simple values, truncated or trailing bytes,
// very deep nesting. The caller then decodes with nlohmann, which decides every case declined
// here, so results never differ: where this returns a Document it is the one
// `Document::from_cbor(bytes, /*strict=*/true)` builds (a repeated map key keeps its last value).
//
// Thread-safety: pure function.
#pragma once

#include <optional>
#include <string_view>

#include "aws/protocol/document.h"

namespace skybox::dynamodb {

std::optional<aws::Document> ReadStoredItem(std::string_view bytes);

}  // namespace skybox::dynamodb
