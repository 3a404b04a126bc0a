// Shape-driven conversion between XML (query responses, S3 payloads) and Documents, and
// between a scalar's text form (form fields, headers, query strings, XML text) and its
// Document value. Follows botocore's rules: lists are wrapped in <member> (or the member's
// locationName) unless flattened; maps use <entry><key/><value/></entry> unless flattened;
// xmlAttribute members become attributes of their parent element.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/model/shape.h"
#include "aws/protocol/document.h"
#include "aws/protocol/xml.h"
#include "base/result.h"

namespace skybox::aws {

// The Document value of a scalar's text (integers, numbers, "true"/"false", base64 blobs
// when `blob_base64`, timestamps in any format); nullopt when the text is not valid.
std::optional<Document> ScalarFromText(std::string_view text, const Shape& shape, bool blob_base64);

// The wire text of a scalar Document value (blobs base64-encoded unless `blob_raw`),
// timestamps formatted by the member's/shape's format or `fallback`. nullopt when the value
// does not fit the shape.
std::optional<std::string> ScalarToText(const Document& v, const Member& ref,
                                        TimestampFormat fallback, bool blob_raw = false);

// Appends <element_name ...>...</element_name> for `value` (shape `ref.shape`), or the
// repeated elements of a flattened list/map. `extra_attributes` is written verbatim into
// the opening tag (e.g. ` xmlns="..."`). With `body_only`, members bound to headers, the
// URI, query string or status code are skipped.
void AppendXmlValue(std::string& out, std::string_view element_name, const Member& ref,
                    const Document& value, bool body_only,
                    std::string_view extra_attributes = "");

// Appends only the child elements of a structure (no wrapping element); used for the
// <OpResult> of query responses.
void AppendXmlMembers(std::string& out, const Shape& shape, const Document& value, bool body_only);

// Converts an element for a structure shape into a Document (body members only). Unknown
// elements are ignored; a scalar whose text is not valid for its type, or a member that is not a
// flattened list given more than once, fails with InvalidArgument naming the element.
Result<Document> XmlToDocument(const XmlElement& element, const Shape& shape);

}  // namespace skybox::aws
