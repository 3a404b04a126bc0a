// WriteJson: a Document as compact JSON text, byte for byte what
// `document.dump(-1, ' ', false, error_handler_t::replace)` gives, but faster for the common
// case of response bodies: plain ASCII strings (DynamoDB items, SQS bodies) are copied as they
// are (checked 16 bytes at a time) instead of going through nlohmann's per-character UTF-8
// escaper, and integers are written with std::to_chars. Anything else (floating-point numbers,
// strings needing escapes or holding non-ASCII bytes) is still written by nlohmann.
//
// Thread-safety: pure function.
#pragma once

#include <string>

#include "aws/protocol/document.h"

namespace skybox::aws {

std::string WriteJson(const Document& document);

// The pieces WriteJson is made of, for writers that walk a Document themselves
// (WriteJsonForShape): a value appended as WriteJson writes it, a string appended as a JSON
// string, and about how long a value's text is (to reserve the output once).
void AppendJson(const Document& value, std::string& out);
void AppendJsonString(const std::string& text, std::string& out);
size_t EstimatedJsonLength(const Document& value);

}  // namespace skybox::aws
