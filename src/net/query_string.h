// Query strings ("a=1&b=%2F&c") split into percent-decoded parameters. One parser for every
// reader: SigV4 (where '+' is a literal plus), the REST protocols' query bindings and the query
// protocol's form bodies (where '+' is a space).
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skybox::net {

struct QueryParam {
  std::string name;   // decoded
  std::string value;  // decoded; empty for "name" and "name="
};

// How a '+' reads: SigV4 and URIs keep it; application/x-www-form-urlencoded makes it a space.
enum class PlusSign { kLiteral, kSpace };

// Splits on '&' and on the first '=' of each pair and percent-decodes both halves
// (base/percent_encoding.h). Empty pairs ("a=1&&b") are skipped; order is kept.
std::vector<QueryParam> ParseQueryString(std::string_view raw_query, PlusSign plus);

// The value of the first parameter called `name` (a view into `params`), or nullopt.
std::optional<std::string_view> FindQueryParam(const std::vector<QueryParam>& params, std::string_view name);

}  // namespace skybox::net
