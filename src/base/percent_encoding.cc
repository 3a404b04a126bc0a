#include "base/percent_encoding.h"

#include "base/ascii.h"

namespace skybox {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

void AppendPercentEncoded(std::string& out, std::string_view bytes, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xf]);
    }
  }
}

std::string PercentEncode(std::string_view bytes, bool keep_slash) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  AppendPercentEncoded(out, bytes, keep_slash);
  return out;
}

std::string PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Runs without escapes (most of every query string) are copied whole. (A plain loop: the
    // library's find_first_of calls memchr on the set once per character scanned.)
    size_t next = i;
    while (next < text.size() && text[next] != '%' && !(plus_is_space && text[next] == '+')) ++next;
    out.append(text.substr(i, next - i));
    i = next;
    if (i == text.size()) break;
    char c = text[i];
    if (c == '%' && i + 2 < text.size() && AsciiHexValue(text[i + 1]) >= 0 && AsciiHexValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(AsciiHexValue(text[i + 1]) * 16 + AsciiHexValue(text[i + 2])));
      i += 3;
      continue;
    }
    out.push_back(c == '+' ? ' ' : c);  // '+' is special only when plus_is_space
    ++i;
  }
  return out;
}

}  // namespace skybox
