// Fuzzes the HTTP/1.1 request parser the server uses (net::RequestParser via
// ParseHttpRequest), with small limits so every limit path is reachable.
//
// Invariants checked: never crashes; fragmenting the input (as socket reads do) never changes
// the outcome; a complete request respects every limit, has lower-case, non-empty field names
// and trimmed values; a rejection maps to an HTTP error status.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "net/http_parse.h"

namespace {

using skybox::net::DescribeRejection;
using skybox::net::ParseHttpRequest;
using skybox::net::ParseOutcome;
using skybox::net::RequestLimits;

void Check(bool condition) {
  if (!condition) std::abort();
}

bool SameOutcome(const ParseOutcome& a, const ParseOutcome& b) {
  if (a.state != b.state || a.rejection != b.rejection) return false;
  if (a.state != ParseOutcome::State::kComplete) return true;
  if (a.consumed != b.consumed || a.request.method != b.request.method ||
      a.request.target != b.request.target || a.request.body != b.request.body ||
      a.request.keep_alive != b.request.keep_alive ||
      a.request.headers.size() != b.request.headers.size()) {
    return false;
  }
  for (size_t i = 0; i < a.request.headers.size(); ++i) {
    if (a.request.headers[i].name != b.request.headers[i].name ||
        a.request.headers[i].value != b.request.headers[i].value) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  // The first byte picks the read fragment size; the rest is the byte stream.
  size_t fragment = 1 + data[0] % 64;
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  RequestLimits limits;
  limits.max_header_bytes = 512;
  limits.max_url_bytes = 128;
  limits.max_body_bytes = 256;

  ParseOutcome whole = ParseHttpRequest(bytes, limits);
  ParseOutcome pieces = ParseHttpRequest(bytes, limits, fragment);
  Check(whole.consumed <= bytes.size());
  // Where a rejection strikes can differ with fragmentation (a limit can be seen before the
  // syntax error behind it); completeness and what was parsed cannot.
  if (whole.state != ParseOutcome::State::kRejected &&
      pieces.state != ParseOutcome::State::kRejected) {
    Check(SameOutcome(whole, pieces));
  }
  for (const ParseOutcome* out : {&whole, &pieces}) {
    if (out->state == ParseOutcome::State::kRejected) {
      int status = DescribeRejection(out->rejection).http_status;
      Check(status >= 400 && status < 600);
      continue;
    }
    if (out->state != ParseOutcome::State::kComplete) continue;
    const skybox::net::HttpRequest& r = out->request;
    Check(!r.method.empty() && !r.target.empty());
    Check(r.target.size() <= limits.max_url_bytes);
    Check(r.body.size() <= limits.max_body_bytes);
    Check(out->consumed >= r.body.size());
    Check(r.version == 10 || r.version == 11);
    for (const auto& h : r.headers) {
      Check(!h.name.empty());
      for (char c : h.name) Check(!(c >= 'A' && c <= 'Z'));
      if (!h.value.empty()) {
        Check(h.value.front() != ' ' && h.value.front() != '\t');
        Check(h.value.back() != ' ' && h.value.back() != '\t');
      }
    }
  }
  return 0;
}
