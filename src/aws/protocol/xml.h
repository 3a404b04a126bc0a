// A minimal XML element tree built with expat, for request payloads (S3's
// CompleteMultipartUpload, DeleteObjects, PutBucketTagging, ...), plus text escaping for
// the encoders. Namespace prefixes are stripped from element names ("xsi:type" stays whole
// for attributes). Nesting is capped at kMaxNestingDepth: deeper input fails instead of
// exhausting the stack. Documents with a DTD are refused (no entity-expansion bombs).
//
// Thread-safety: pure functions; an XmlElement is a plain value.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace skybox::aws {

struct XmlElement {
  std::string name;  // local name, without a namespace prefix
  std::vector<std::pair<std::string, std::string>> attributes;  // names as written
  std::string text;  // character data directly inside this element
  std::vector<XmlElement> children;

  // First child with this local name, or nullptr.
  const XmlElement* Child(std::string_view child_name) const;
  // Attribute value by full name ("xsi:type") or local name ("type").
  std::optional<std::string_view> Attribute(std::string_view attr_name) const;
};

// Parses a document and returns its root element. Fails with InvalidArgument (no AWS code;
// callers attach their protocol's error) on malformed or too deeply nested input.
Result<XmlElement> ParseXml(std::string_view text);

// Appends `text` escaped for XML character data or a double-quoted attribute value.
// Ill-formed UTF-8 is replaced by U+FFFD; control characters but tab and LF become character
// references ("&#x1;"), as S3 writes them.
void AppendXmlEscaped(std::string& out, std::string_view text);

}  // namespace skybox::aws
