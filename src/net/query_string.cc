#include "net/query_string.h"

#include <algorithm>

#include "base/percent_encoding.h"

namespace skybox::net {

std::vector<QueryParam> ParseQueryString(std::string_view raw_query, PlusSign plus) {
  const bool plus_is_space = plus == PlusSign::kSpace;
  std::vector<QueryParam> params;
  params.reserve(static_cast<size_t>(std::count(raw_query.begin(), raw_query.end(), '&')) + 1);
  while (!raw_query.empty()) {
    size_t amp = raw_query.find('&');
    std::string_view pair = raw_query.substr(0, amp);
    raw_query = amp == std::string_view::npos ? std::string_view() : raw_query.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    params.push_back({PercentDecode(pair.substr(0, eq), plus_is_space), PercentDecode(value, plus_is_space)});
  }
  return params;
}

std::optional<std::string_view> FindQueryParam(const std::vector<QueryParam>& params, std::string_view name) {
  for (const QueryParam& p : params) {
    if (p.name == name) return std::string_view(p.value);
  }
  return std::nullopt;
}

}  // namespace skybox::net
