// URL percent-encoding helpers and application/x-www-form-urlencoded / query-string parsing,
// shared by the query protocol (form bodies) and the REST protocols (query strings, labels).
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skybox::aws {

// Decodes %XX escapes; with `plus_is_space`, '+' becomes ' ' (form encoding). Malformed
// escapes are kept literally, as AWS front ends do.
std::string PercentDecode(std::string_view text, bool plus_is_space);
// Encodes everything except RFC 3986 unreserved characters; '/' too unless `keep_slash`.
std::string PercentEncode(std::string_view text, bool keep_slash = false);

// "a=1&b=&c" -> {("a","1"),("b",""),("c","")}, decoded, in order. Empty pieces are skipped.
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query,
                                                                   bool plus_is_space = true);

}  // namespace skybox::aws
