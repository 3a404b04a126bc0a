// Helpers shared by the aws/auth tests (not part of the library).
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "aws/auth/amz_date.h"
#include "net/http_message.h"

namespace skybox::aws::testing {

inline net::HttpRequest MakeRequest(std::string method, std::string target,
                                    std::vector<net::HttpHeader> headers, std::string body = "") {
  net::HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

// A time given as "YYYYMMDDTHHMMSSZ"; aborts the test binary on a typo.
inline std::chrono::system_clock::time_point At(std::string_view amz_date) {
  auto t = ParseAmzDate(amz_date);
  if (!t) std::abort();
  return std::chrono::system_clock::time_point(*t);
}

inline void ReplaceHeader(net::HttpRequest& r, std::string_view name, std::string value) {
  for (net::HttpHeader& h : r.headers) {
    if (h.name == name) h.value = std::move(value);
  }
}

}  // namespace skybox::aws::testing
