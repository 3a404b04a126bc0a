#include "base/json_escape.h"

#include <cstdio>

#include "base/utf8.h"

namespace skybox {

void AppendJsonEscaped(std::string& out, std::string_view text) {
  while (!text.empty()) {
    char c = text.front();
    if (static_cast<unsigned char>(c) >= 0x80) {
      size_t n = Utf8SequenceLength(text);
      out.append(n == 0 ? std::string_view("\xEF\xBF\xBD") : text.substr(0, n));
      text.remove_prefix(n == 0 ? 1 : n);
      continue;
    }
    text.remove_prefix(1);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
}

}  // namespace skybox
