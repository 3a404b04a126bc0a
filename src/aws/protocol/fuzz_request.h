// Test-only helper for the protocol fuzz targets (tests/fuzz/*_decode_fuzz.cc): turns fuzz
// bytes into an HttpRequest and runs a codec's whole decode path on it.
//
// Input layout: "<METHOD> <target>\n<name>: <value>\n...\n\n<body>"; anything goes.
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "aws/protocol/codec.h"
#include "base/ascii.h"

namespace skybox::aws::fuzzing {

inline net::HttpRequest RequestFromBytes(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  net::HttpRequest req;
  size_t eol = in.find('\n');
  std::string_view line = in.substr(0, eol);
  in = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
  size_t sp = line.find(' ');
  req.method = std::string(line.substr(0, sp));
  req.target = sp == std::string_view::npos ? "/" : std::string(line.substr(sp + 1));
  while (!in.empty()) {
    eol = in.find('\n');
    line = in.substr(0, eol);
    in = eol == std::string_view::npos ? std::string_view() : in.substr(eol + 1);
    if (line.empty()) break;
    size_t colon = line.find(':');
    std::string name = AsciiLowercase(line.substr(0, colon));
    std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    req.headers.push_back({std::move(name), std::string(value)});
  }
  req.body = std::string(in);
  return req;
}

// Resolve + decode + (on failure) encode the error, as the request path does.
inline void RunDecodePath(const char* service, const uint8_t* data, size_t size) {
  const ServiceModel* model = ServiceModel::Find(service);
  if (model == nullptr) __builtin_trap();
  net::HttpRequest req = RequestFromBytes(data, size);
  const ProtocolCodec& codec = ProtocolCodec::ForRequest(*model, req);
  RequestContext ctx{.request_id = "fuzz", .method = req.method};
  auto op = codec.ResolveOperation(*model, req);
  if (!op.ok()) {
    codec.EncodeError(*model, op.status(), ctx);
    return;
  }
  auto input = codec.DecodeInput(*model, **op, req);
  if (!input.ok()) {
    codec.EncodeError(*model, input.status(), ctx);
    return;
  }
  // Echoing the decoded input through the encoder exercises the output path on odd values.
  codec.EncodeOutput(*model, **op, *input, ctx);
}

}  // namespace skybox::aws::fuzzing
