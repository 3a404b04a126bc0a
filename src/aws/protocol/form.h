// application/x-www-form-urlencoded / query-string parsing, shared by the query protocol (form
// bodies) and the REST protocols (query strings). Percent-encoding itself is
// base/percent_encoding.h.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/percent_encoding.h"

namespace skybox::aws {

// "a=1&b=&c" -> {("a","1"),("b",""),("c","")}, decoded, in order. Empty pieces are skipped.
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query,
                                                                   bool plus_is_space = true);

}  // namespace skybox::aws
