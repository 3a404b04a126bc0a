#include "net/response_writer.h"

#include <ostream>  // boost/beast/http/status.hpp needs it complete

#include <algorithm>
#include <array>
#include <boost/beast/http/status.hpp>
#include <charconv>
#include <ctime>

#include "base/ascii.h"
#include "base/civil_date.h"

namespace skybox::net {
namespace {

bool IsFramingHeader(std::string_view name) {
  return EqualsIgnoreAsciiCase(name, "content-length") ||
         EqualsIgnoreAsciiCase(name, "transfer-encoding") || EqualsIgnoreAsciiCase(name, "connection");
}

void AppendNumber(uint64_t n, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
  out->append(buf, end);
}

// RFC 9110 §5.6.2 tchar, as a table: every byte of every response header name is checked.
constexpr std::array<bool, 256> kTokenChars = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 128; ++c) table[c] = IsAsciiAlnum(static_cast<char>(c));
  for (unsigned char c : std::string_view("!#$%&'*+-.^_`|~")) table[c] = true;
  return table;
}();

bool IsTokenChar(char c) { return kTokenChars[static_cast<unsigned char>(c)]; }

bool IsControlChar(unsigned char c) { return (c < 0x20 && c != '\t') || c == 0x7f; }

// A header whose name is not an HTTP token is left out, and a control byte inside a value (CR,
// LF, NUL: a stored value nobody vetted, say) becomes a space: no header can end its line early,
// start another header or carry bytes strict clients refuse.
void AppendHeader(std::string_view name, std::string_view value, std::string* out) {
  if (name.empty() || !std::all_of(name.begin(), name.end(), IsTokenChar)) return;
  out->append(name);
  out->append(": ", 2);
  const size_t start = out->size();
  out->append(value);
  for (size_t i = start; i < out->size(); ++i) {
    if (IsControlChar(static_cast<unsigned char>((*out)[i]))) (*out)[i] = ' ';
  }
  out->append("\r\n", 2);
}

}  // namespace

std::string_view ReasonPhrase(int status) {
  auto reason = boost::beast::http::obsolete_reason(boost::beast::http::int_to_status(static_cast<unsigned>(status)));
  return {reason.data(), reason.size()};
}

bool ResponseCarriesBody(int status, bool head_request) {
  return !head_request && status >= 200 && status != 204 && status != 304;
}

void AppendResponseHead(const HttpResponse& response, const ResponseFraming& framing,
                        std::string* out) {
  out->append("HTTP/1.1 ", 9);
  AppendNumber(static_cast<uint64_t>(response.status), out);
  out->push_back(' ');
  out->append(ReasonPhrase(response.status));
  out->append("\r\n", 2);
  AppendHeader("Server", framing.server_header, out);
  AppendHeader("Date", HttpDate(), out);
  for (const HttpHeader& h : response.headers) {
    if (!IsFramingHeader(h.name)) AppendHeader(h.name, h.value, out);
  }
  // A 304 says no length (RFC 9110 §8.6: it could only repeat the 200's, which it does not know).
  if (response.status >= 200 && response.status != 204 && response.status != 304) {
    out->append("Content-Length: ", 16);
    AppendNumber(response.content_length_override.value_or(response.body.size()), out);
    out->append("\r\n", 2);
  }
  if (framing.close) {
    out->append("Connection: close\r\n", 19);
  } else if (framing.keep_alive_http10) {
    out->append("Connection: keep-alive\r\n", 24);
  }
  out->append("\r\n", 2);
}

std::string_view HttpDate() {
  struct Cache {
    std::time_t second = -1;
    char text[32] = {};
    size_t size = 0;
  };
  thread_local Cache cache;
  std::time_t now = std::time(nullptr);
  if (now != cache.second) {
    const std::string text = FormatHttpDate(now);
    cache.size = text.copy(cache.text, sizeof(cache.text));
    cache.second = now;
  }
  return {cache.text, cache.size};
}

}  // namespace skybox::net
