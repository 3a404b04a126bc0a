// Percent-encoding as SigV4 defines it (RFC 3986 unreserved characters kept, everything else
// %XX with upper-case hex) and query-string splitting. Shared by the SigV4 parser, the
// canonical request and the presigner so that all three read a query string the same way.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skybox::aws {

// Encodes every byte except A-Z a-z 0-9 - . _ ~ (and '/' when `keep_slash`).
std::string UriEncode(std::string_view bytes, bool keep_slash);

// Decodes %XX escapes. '+' stays '+' (SigV4 query strings are not form-encoded); a '%' not
// followed by two hex digits is kept literally.
std::string PercentDecode(std::string_view text);

struct QueryParam {
  std::string name;   // decoded
  std::string value;  // decoded; empty for "name" and "name="
};

// Splits a raw query string ("a=1&b=%2F") on '&' and the first '=' of each pair and decodes
// both halves. Empty pairs ("a=1&&b") are skipped.
std::vector<QueryParam> ParseQueryString(std::string_view raw_query);

// The decoded value of the first parameter called `name`, or nullopt.
std::optional<std::string> FindQueryParam(const std::vector<QueryParam>& params,
                                          std::string_view name);

}  // namespace skybox::aws
