// Percent-encoding (RFC 3986) as AWS uses it: SigV4 canonical URIs and query strings, query
// protocol form bodies, REST URI labels.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace skybox {

// Encodes every byte except the unreserved A-Z a-z 0-9 - . _ ~ (and '/' when `keep_slash`)
// as %XX with upper-case hex.
std::string PercentEncode(std::string_view bytes, bool keep_slash);
// PercentEncode appended to `out` (no string of its own).
void AppendPercentEncoded(std::string& out, std::string_view bytes, bool keep_slash);

// Decodes %XX escapes; a '%' not followed by two hex digits is kept literally. '+' becomes a
// space only when `plus_is_space` (form bodies), and stays '+' otherwise (SigV4, URIs).
std::string PercentDecode(std::string_view text, bool plus_is_space = false);

}  // namespace skybox
