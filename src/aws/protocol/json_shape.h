// Shape-driven conversion between AWS JSON wire values (json and rest-json protocols) and
// Documents: base64 blobs <-> binary, timestamps (epoch numbers / strings) <-> epoch
// seconds, type checks with Coral-style SerializationException wording.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "aws/model/shape.h"
#include "aws/protocol/document.h"
#include "base/result.h"

namespace skybox::aws {

// Deepest JSON/XML nesting a request may carry; deeper input is rejected before parsing. Large
// enough for every legitimate request: a DynamoDB item may nest 32 levels, each two JSON levels
// deep ({"M": {"a": ...}}), inside up to six levels of request wrappers (TransactItems, Put,
// Item...), so that the service's own rule, with its own message, judges deeper items.
inline constexpr int kMaxNestingDepth = 128;

// True when `text`'s bracket nesting stays within `max_depth` (strings are skipped).
bool JsonDepthWithin(std::string_view text, int max_depth);

// Parses a JSON request body: empty -> {}; malformed, too deep or not an object ->
// SerializationException (400).
Result<Document> ParseJsonBody(std::string_view body);

// Converts a client's JSON for `shape` into a Document. With `body_only`, structure
// members bound to the URI, headers or query string are skipped (rest-json). Unknown
// members are ignored. Type mismatches fail with SerializationException (400).
Result<Document> JsonToDocument(const Document& json, const Shape& shape, bool body_only);

// The compact JSON text of a Document for `shape` in its wire form (blobs base64, timestamps as
// epoch seconds unless the model says otherwise; structure members by wire name, in sorted
// order), written straight from `doc` without building a converted copy. With `body_only`,
// members bound elsewhere are left out. Null members are left out; values of the wrong type are
// coerced where meaningful (a float integer truncated), else left out.
std::string WriteJsonForShape(const Document& doc, const Shape& shape, bool body_only);

// A blob Document holding `bytes` (one memcpy).
Document BinaryBody(std::string_view bytes);

// A timestamp Document value (number or date string) as epoch seconds; nullopt otherwise.
std::optional<double> DocumentTimestamp(const Document& v);

}  // namespace skybox::aws
