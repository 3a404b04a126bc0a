#include "aws/protocol/form.h"

#include <algorithm>

namespace skybox::aws {
std::vector<std::pair<std::string, std::string>> ParseQueryString(std::string_view query,
                                                                   bool plus_is_space) {
  std::vector<std::pair<std::string, std::string>> out;
  out.reserve(static_cast<size_t>(std::count(query.begin(), query.end(), '&')) + 1);
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    if (eq == std::string_view::npos) {
      out.emplace_back(PercentDecode(piece, plus_is_space), std::string());
    } else {
      out.emplace_back(PercentDecode(piece.substr(0, eq), plus_is_space),
                       PercentDecode(piece.substr(eq + 1), plus_is_space));
    }
  }
  return out;
}

}  // namespace skybox::aws
