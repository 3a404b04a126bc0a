#include "aws/auth/canonical_request.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/percent_encoding.h"

namespace skybox::aws {
namespace {

// RFC 3986 §5.2.4 plus removal of empty segments, as AWS's non-S3 services expect.
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = end + 1;
  }
  std::string out = path.front() == '/' ? "/" : "";
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) out.push_back('/');
  return out;
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

void AppendTrimmedValue(std::string_view value, std::string* out) {
  bool pending_space = false;
  bool any = false;
  for (char c : value) {
    if (IsSpace(c)) {
      pending_space = any;
      continue;
    }
    if (pending_space) out->push_back(' ');
    pending_space = false;
    any = true;
    out->push_back(c);
  }
}

}  // namespace

std::string CanonicalUri(std::string_view raw_path, std::string_view service) {
  if (raw_path.empty()) return "/";
  if (service == "s3") return std::string(raw_path);
  std::string normalized = RemoveDotSegments(raw_path);
  if (normalized.empty()) return "/";
  return PercentEncode(normalized, /*keep_slash=*/true);
}

std::string CanonicalQueryString(const std::vector<net::QueryParam>& params, bool drop_signature) {
  // Every name and value encoded once into one buffer, then sorted as (name, value) pairs of
  // views into it: two allocations instead of two strings per parameter.
  struct Pair {
    size_t start, name_end, value_end;  // offsets in `encoded`
  };
  std::string encoded;
  std::vector<Pair> pairs;
  pairs.reserve(params.size());
  for (const net::QueryParam& p : params) {
    if (drop_signature && p.name == "X-Amz-Signature") continue;
    Pair pair{encoded.size(), 0, 0};
    AppendPercentEncoded(encoded, p.name, false);
    pair.name_end = encoded.size();
    AppendPercentEncoded(encoded, p.value, false);
    pair.value_end = encoded.size();
    pairs.push_back(pair);
  }
  const std::string_view all = encoded;
  auto name = [&](const Pair& p) { return all.substr(p.start, p.name_end - p.start); };
  auto value = [&](const Pair& p) { return all.substr(p.name_end, p.value_end - p.name_end); };
  std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
    const int by_name = name(a).compare(name(b));
    return by_name != 0 ? by_name < 0 : value(a) < value(b);
  });
  std::string out;
  out.reserve(encoded.size() + 2 * pairs.size());
  for (const Pair& p : pairs) {
    if (!out.empty()) out.push_back('&');
    out.append(name(p)).push_back('=');
    out.append(value(p));
  }
  return out;
}

std::string CanonicalHeaders(const net::HttpRequest& request,
                             const std::vector<std::string>& signed_headers) {
  std::string out;
  for (const std::string& name : signed_headers) {
    out.append(name).push_back(':');
    bool first = true;
    for (const net::HttpHeader& h : request.headers) {
      if (h.name != name) continue;
      if (!first) out.push_back(',');
      first = false;
      AppendTrimmedValue(h.value, &out);
    }
    out.push_back('\n');
  }
  return out;
}

std::string PayloadHash(const net::HttpRequest& request, std::string_view service,
                        bool presigned) {
  if (auto header = request.Header("x-amz-content-sha256")) return std::string(*header);
  if (presigned && service == "s3") {
    auto param = net::FindQueryParam(request.QueryParams(net::PlusSign::kLiteral), "X-Amz-Content-Sha256");
    return std::string(param ? *param : kUnsignedPayload);
  }
  return HexEncode(Sha256(request.body));
}

std::string CanonicalRequest(const net::HttpRequest& request, std::string_view service,
                             const std::vector<std::string>& signed_headers,
                             std::string_view payload_hash, bool presigned) {
  std::string out;
  out.reserve(256 + request.target.size());
  out.append(request.method).push_back('\n');
  out.append(CanonicalUri(request.Path(), service)).push_back('\n');
  out.append(CanonicalQueryString(request.QueryParams(net::PlusSign::kLiteral), presigned)).push_back('\n');
  out.append(CanonicalHeaders(request, signed_headers)).push_back('\n');
  for (size_t i = 0; i < signed_headers.size(); ++i) {
    if (i > 0) out.push_back(';');
    out.append(signed_headers[i]);
  }
  out.push_back('\n');
  out.append(payload_hash);
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out(kSigV4Algorithm);
  out.push_back('\n');
  out.append(amz_date).push_back('\n');
  out.append(scope).push_back('\n');
  out.append(HexEncode(Sha256(canonical_request)));
  return out;
}

}  // namespace skybox::aws
