#include "aws/auth/uri_encoding.h"

#include <algorithm>

namespace skybox::aws {
std::vector<QueryParam> ParseQueryString(std::string_view raw_query) {
  std::vector<QueryParam> params;
  params.reserve(static_cast<size_t>(std::count(raw_query.begin(), raw_query.end(), '&')) + 1);
  size_t start = 0;
  while (start <= raw_query.size()) {
    size_t end = raw_query.find('&', start);
    if (end == std::string_view::npos) end = raw_query.size();
    std::string_view pair = raw_query.substr(start, end - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string_view name = pair.substr(0, eq);
      std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
      params.push_back({PercentDecode(name), PercentDecode(value)});
    }
    start = end + 1;
  }
  return params;
}

std::optional<std::string> FindQueryParam(const std::vector<QueryParam>& params,
                                          std::string_view name) {
  for (const QueryParam& p : params) {
    if (p.name == name) return p.value;
  }
  return std::nullopt;
}

}  // namespace skybox::aws
