#include "net/http_message.h"

#include <algorithm>

#include "base/ascii.h"

namespace skybox::net {

std::string_view HttpRequest::Path() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? t : t.substr(0, q);
}

std::string_view HttpRequest::RawQuery() const {
  std::string_view t = target;
  size_t q = t.find('?');
  return q == std::string_view::npos ? std::string_view() : t.substr(q + 1);
}

std::optional<std::string_view> HttpRequest::Header(std::string_view lower_name) const {
  for (const HttpHeader& h : headers) {
    if (h.name == lower_name) return std::string_view(h.value);
  }
  return std::nullopt;
}

const std::vector<QueryParam>& HttpRequest::QueryParams(PlusSign plus) const {
  std::string_view raw = RawQuery();
  // Without a '+' both readings agree: the literal slot serves both.
  if (plus == PlusSign::kSpace && raw.find('+') == std::string_view::npos) plus = PlusSign::kLiteral;
  ParsedQuery& slot = parsed_query[plus == PlusSign::kSpace ? 1 : 0];
  if (!slot.filled || slot.raw != raw) {
    slot.params = ParseQueryString(raw, plus);
    slot.raw.assign(raw);
    slot.filled = true;
  }
  return slot.params;
}

void HttpResponse::SetHeader(std::string name, std::string value) {
  for (HttpHeader& h : headers) {
    if (EqualsIgnoreAsciiCase(h.name, name)) {
      h.value = std::move(value);
      return;
    }
  }
  headers.push_back({std::move(name), std::move(value)});
}

bool HttpHandler::WantsBodyStream(const HttpRequest&) { return false; }

HttpResponse HttpHandler::OnRejected(int status, std::string_view reason, const HttpRequest*) {
  HttpResponse response;
  response.status = status;
  response.headers.push_back({"Content-Type", "text/plain"});
  response.body.reserve(reason.size() + 1);
  response.body.append(reason);
  response.body.push_back('\n');
  return response;
}

}  // namespace skybox::net
