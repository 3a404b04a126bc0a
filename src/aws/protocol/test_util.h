// Helpers shared by the protocol tests: building requests and loading models.
#pragma once

#include <cctype>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "aws/protocol/codec.h"
#include "base/ascii.h"
#include "net/http_message.h"

namespace skybox::aws::testing {

inline net::HttpRequest MakeRequest(std::string method, std::string target,
                                    std::vector<std::pair<std::string, std::string>> headers = {},
                                    std::string body = "") {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  for (auto& [k, v] : headers) {
    r.headers.push_back({AsciiLowercase(k), v});
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
    if (EqualsIgnoreAsciiCase(h.name, name)) {
      return h.value;
    }
  }
  return "";
}

}  // namespace skybox::aws::testing
