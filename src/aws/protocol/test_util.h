// Helpers shared by the protocol tests: building requests and loading models.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "net/http_message.h"

namespace skybox::aws::testing {

inline net::HttpRequest MakeRequest(std::string method, std::string target,
                                    std::vector<std::pair<std::string, std::string>> headers = {},
                                    std::string body = "") {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  for (auto& [k, v] : headers) {
    std::string lower = k;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers.push_back({lower, v});
  }
  r.body = std::move(body);
  return r;
}

inline const ServiceModel& Model(const char* name) {
  const ServiceModel* m = ServiceModel::Find(name);
  if (m == nullptr) std::abort();
  return *m;
}

inline std::string HeaderOf(const net::HttpResponse& r, std::string_view name) {
  for (const auto& h : r.headers) {
    if (h.name.size() == name.size() &&
        std::equal(h.name.begin(), h.name.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return h.value;
    }
  }
  return "";
}

}  // namespace skybox::aws::testing
