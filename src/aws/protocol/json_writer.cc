#include "aws/protocol/json_writer.h"

namespace skybox::aws {
namespace {

std::string NlohmannDump(const Document& document) {
  return document.dump(-1, ' ', false, Document::error_handler_t::replace);
}

// True when nlohmann would write `text` between quotes unchanged: printable ASCII only, no
// quote or backslash.
bool CopiesVerbatim(const std::string& text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7e || c == '"' || c == '\\') return false;
  }
  return true;
}

void AppendString(const std::string& text, std::string& out) {
  if (CopiesVerbatim(text)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += NlohmannDump(Document(text));
  }
}

void Append(const Document& document, std::string& out) {
  switch (document.type()) {
    case Document::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : document.items()) {
        if (!first) out += ',';
        first = false;
        AppendString(key, out);
        out += ':';
        Append(value, out);
      }
      out += '}';
      return;
    }
    case Document::value_t::array: {
      out += '[';
      bool first = true;
      for (const Document& value : document) {
        if (!first) out += ',';
        first = false;
        Append(value, out);
      }
      out += ']';
      return;
    }
    case Document::value_t::string:
      AppendString(document.get_ref<const std::string&>(), out);
      return;
    default:
      out += NlohmannDump(document);
  }
}

}  // namespace

std::string WriteJson(const Document& document) {
  std::string out;
  Append(document, out);
  return out;
}

}  // namespace skybox::aws
