#include "aws/protocol/rest_binding.h"

#include "aws/protocol/timestamp.h"
#include "aws/protocol/validation.h"
#include "aws/protocol/xml_shape.h"
#include "base/ascii.h"
#include "base/crypto.h"
#include "base/percent_encoding.h"

namespace skybox::aws {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  while (true) {
    size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string_view::npos ? std::string_view::npos : p - start));
    if (p == std::string_view::npos) break;
    start = p + 1;
  }
  return out;
}

// Matches the path against the operation's pre-split template. With `labels` null only
// the match and its specificity are computed (no allocation).
bool MatchPath(const OperationModel& op, std::string_view path, int& literal_chars,
               std::map<std::string, std::string>* labels) {
  literal_chars = 0;
  size_t pos = 0;  // offset of the '/' before the current segment
  for (const UriSegment& seg : op.uri_segments) {
    if (pos >= path.size() || path[pos] != '/') return false;
    ++pos;
    if (seg.kind == UriSegment::Kind::kGreedyLabel) {
      std::string_view rest = path.substr(pos);
      if (rest.empty()) return false;
      if (labels != nullptr) (*labels)[seg.text] = PercentDecode(rest, false);
      return &seg == &op.uri_segments.back();
    }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    std::string_view actual = path.substr(pos, end - pos);
    if (seg.kind == UriSegment::Kind::kLabel) {
      if (actual.empty()) return false;
      if (labels != nullptr) (*labels)[seg.text] = PercentDecode(actual, false);
    } else {
      if (actual != seg.text) return false;
      literal_chars += static_cast<int>(seg.text.size()) + 1;
    }
    pos = end;
  }
  // Tolerate one trailing slash ("/bucket/" for "/{Bucket}"), as S3 does.
  return pos == path.size() || (pos + 1 == path.size() && path[pos] == '/');
}

// Required query literals of the template ("?uploads", "?list-type=2", "?x-id=GetObject").
bool QueryLiteralsMatch(const OperationModel& op,
                        const std::vector<net::QueryParam>& query) {
  for (const auto& [k, v] : op.uri_query_literals) {
    bool found = false;
    for (const auto& [qk, qv] : query) found = found || (qk == k && (v.empty() || qv == v));
    if (!found) return false;
  }
  return true;
}

// Header lookup by a model name in any case (request names are stored lower-cased).
std::optional<std::string_view> FindHeader(const net::HttpRequest& request, std::string_view name) {
  for (const net::HttpHeader& h : request.headers) {
    if (EqualsIgnoreAsciiCase(h.name, name)) return std::string_view(h.value);
  }
  return std::nullopt;
}

// How many required header/query-string members are present; -1 when one is missing.
int RequiredBindingsPresent(const OperationModel& op, const net::HttpRequest& request,
                            const std::vector<net::QueryParam>& query) {
  if (op.input == nullptr) return 0;
  int present = 0;
  for (const Member& m : op.input->members) {
    if (!m.required) continue;
    if (m.location == Location::kHeader) {
      if (!FindHeader(request, m.WireName())) return -1;
      ++present;
    } else if (m.location == Location::kQueryString) {
      bool found = false;
      for (auto& [k, v] : query) found = found || k == m.WireName();
      if (!found) return -1;
      ++present;
    }
  }
  return present;
}

std::optional<Document> HeaderValue(std::string_view text, const Member& m) {
  if (m.json_value) {
    auto decoded = Base64Decode(text);
    if (!decoded) return std::nullopt;
    return Document(*decoded);
  }
  if (m.shape->type == ShapeType::kList) {
    Document list = Document::array();
    for (std::string_view piece : Split(text, ',')) {
      size_t b = piece.find_first_not_of(' '), e = piece.find_last_not_of(' ');
      piece = b == std::string_view::npos ? std::string_view() : piece.substr(b, e - b + 1);
      auto v = ScalarFromText(piece, *m.shape->member.shape, true);
      if (!v) return std::nullopt;
      list.push_back(std::move(*v));
    }
    return list;
  }
  return ScalarFromText(text, *m.shape, true);
}

// RFC 9110 §13.1.3-4: a recipient ignores an If-Modified-Since / If-Unmodified-Since that is
// not a valid HTTP-date, and S3 treats its x-amz-copy-source-if-*-since twins alike (the
// request proceeds as if the header were absent) instead of failing validation.
bool IgnoredWhenInvalid(const Member& m) {
  std::string name = AsciiLowercase(m.WireName());
  return name.ends_with("if-modified-since") || name.ends_with("if-unmodified-since");
}

}  // namespace

std::optional<std::map<std::string, std::string>> MatchUriLabels(const OperationModel& op,
                                                                 std::string_view path) {
  std::map<std::string, std::string> labels;
  int literal_chars;
  if (!MatchPath(op, path, literal_chars, &labels)) return std::nullopt;
  return labels;
}

RestResolution ResolveRestOperation(const ServiceModel& model, const net::HttpRequest& request) {
  RestResolution res;
  std::string_view path = request.Path();
  if (path.empty()) path = "/";
  const auto& query = request.QueryParams(net::PlusSign::kSpace);
  // Score tuple: (query literals, required bindings satisfied, literal chars, required bindings
  // present, not deprecated: S3's GetBucketLifecycle shares its URI with
  // GetBucketLifecycleConfiguration, which current SDKs call). A query literal the request
  // carries names its operation even when a required header is missing (GET ?attributes without
  // x-amz-object-attributes is GetObjectAttributes, refused for the header, not a GetObject).
  std::tuple<int, int, int, int, int> best{-1, -1, -1, -1, -1};
  // Only the request's method can match, so the other operations' templates are not matched
  // at all unless none does (then they only tell 405 from 404).
  for (const OperationModel& op : model.operations()) {
    if (op.http_method != request.method) continue;
    int literal_chars;
    // The query literals first: most operations of a method differ from each other only there.
    if (!QueryLiteralsMatch(op, query) || !MatchPath(op, path, literal_chars, nullptr)) continue;
    int bindings = RequiredBindingsPresent(op, request, query);
    std::tuple<int, int, int, int, int> score{static_cast<int>(op.uri_query_literals.size()), bindings >= 0,
                                              literal_chars, bindings, !op.deprecated};
    if (score > best) {
      best = score;
      res.operation = &op;
    }
  }
  if (res.operation != nullptr) return res;
  for (const OperationModel& op : model.operations()) {
    int literal_chars;
    if (op.http_method != request.method && MatchPath(op, path, literal_chars, nullptr) &&
        QueryLiteralsMatch(op, query)) {
      res.method_mismatch = true;
      break;
    }
  }
  return res;
}

void DecodeRestBindings(const Shape& input, const OperationModel& op, const net::HttpRequest& request,
                        Document& out, std::vector<std::string>& violations,
                        std::vector<UnparsedBinding>* unparsed) {
  auto labels = MatchUriLabels(op, request.Path().empty() ? "/" : request.Path());
  const auto& query = request.QueryParams(net::PlusSign::kSpace);
  auto bad = [&](const Member& m, std::string_view text) {
    violations.push_back("Value '" + std::string(text) + "' at '" + ValidationPathName(m.name) +
                         "' failed to satisfy constraint: Member must be a valid value for its type");
    if (unparsed) unparsed->push_back({&m, std::string(text)});
  };
  const Member* query_map = nullptr;
  for (const Member& m : input.members) {
    switch (m.location) {
      case Location::kUri: {
        if (!labels) break;
        auto it = labels->find(m.WireName());
        if (it == labels->end()) break;
        if (auto v = ScalarFromText(it->second, *m.shape, true)) out[m.name] = std::move(*v);
        else bad(m, it->second);
        break;
      }
      case Location::kQueryString: {
        if (m.shape->type == ShapeType::kMap) {
          query_map = &m;
          break;
        }
        Document list = Document::array();
        for (auto& [k, text] : query) {
          if (k != m.WireName()) continue;
          const Shape& s = m.shape->type == ShapeType::kList ? *m.shape->member.shape : *m.shape;
          auto v = ScalarFromText(text, s, true);
          if (!v) { bad(m, text); continue; }
          if (m.shape->type != ShapeType::kList) { out[m.name] = std::move(*v); break; }
          list.push_back(std::move(*v));
        }
        if (m.shape->type == ShapeType::kList && !list.empty()) out[m.name] = std::move(list);
        break;
      }
      case Location::kHeader: {
        auto h = FindHeader(request, m.WireName());
        if (!h) break;
        if (auto v = HeaderValue(*h, m)) out[m.name] = std::move(*v);
        else if (!IgnoredWhenInvalid(m)) bad(m, *h);
        break;
      }
      case Location::kHeaders: {
        std::string prefix = AsciiLowercase(m.WireName());
        Document map = Document::object();
        for (const net::HttpHeader& h : request.headers) {
          if (h.name.size() > prefix.size() && h.name.compare(0, prefix.size(), prefix) == 0) {
            map[h.name.substr(prefix.size())] = h.value;
          }
        }
        if (!map.empty()) out[m.name] = std::move(map);
        break;
      }
      default:
        break;
    }
  }
  if (query_map != nullptr) {
    // A querystring map takes every parameter no other member binds.
    Document map = Document::object();
    bool list_values = query_map->shape->value.shape->type == ShapeType::kList;
    for (auto& [k, v] : query) {
      bool bound = false;
      for (const Member& m : input.members) {
        bound = bound || (m.location == Location::kQueryString && &m != query_map && m.WireName() == k);
      }
      if (bound) continue;
      if (list_values) {
        if (!map.contains(k)) map[k] = Document::array();
        map[k].push_back(v);
      } else if (!map.contains(k)) {
        map[k] = v;
      }
    }
    if (!map.empty()) out[query_map->name] = std::move(map);
  }
}

void EncodeRestBindings(const Shape& output, const Document& doc, net::HttpResponse& response) {
  if (!doc.is_object()) return;
  // The document holds a handful of the output's members (GetObjectOutput declares dozens):
  // walk the document, not the model.
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it->is_null()) continue;
    const Member* member = output.FindMember(it.key());
    if (member == nullptr) continue;
    const Member& m = *member;
    switch (m.location) {
      case Location::kHeader: {
        std::optional<std::string> text;
        if (m.json_value) {
          text = Base64Encode(it->is_string() ? it->get<std::string>() : it->dump());
        } else if (m.shape->type == ShapeType::kList && it->is_array()) {
          std::string joined;
          for (const Document& e : *it) {
            auto t = ScalarToText(e, m.shape->member, TimestampFormat::kRfc822);
            if (t) joined += (joined.empty() ? "" : ", ") + *t;
          }
          text = joined;
        } else {
          text = ScalarToText(*it, m, TimestampFormat::kRfc822);
        }
        if (text) response.SetHeader(m.WireName(), *text);
        break;
      }
      case Location::kHeaders:
        if (it->is_object()) {
          for (auto e = it->begin(); e != it->end(); ++e) {
            if (e->is_string()) response.SetHeader(m.WireName() + e.key(), e->get<std::string>());
          }
        }
        break;
      case Location::kStatusCode:
        if (it->is_number_integer()) response.status = it->get<int>();
        break;
      default:
        break;
    }
  }
}

}  // namespace skybox::aws
