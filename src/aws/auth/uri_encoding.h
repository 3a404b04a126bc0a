// Query-string splitting as SigV4 reads it (names and values percent-decoded with
// base/percent_encoding.h; '+' stays '+', SigV4 query strings are not form-encoded). Shared by the SigV4 parser, the
// canonical request and the presigner so that all three read a query string the same way.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/percent_encoding.h"

namespace skybox::aws {

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
