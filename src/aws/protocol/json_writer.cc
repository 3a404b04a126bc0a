#include "aws/protocol/json_writer.h"

#include <charconv>
#include <cstdint>
#include <cstring>
#include <iterator>

namespace skybox::aws {
namespace {

std::string NlohmannDump(const Document& document) {
  return document.dump(-1, ' ', false, Document::error_handler_t::replace);
}

// True when nlohmann would write `text` between quotes unchanged: printable ASCII only, no
// quote or backslash. Response bodies are mostly long item strings, so the check runs over 16
// bytes at a time (GCC/Clang vector extensions: SSE2 on x86-64, NEON on ARM).
bool CopiesVerbatim(const std::string& text) {
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  size_t i = 0;
  for (; i + sizeof(Bytes16) <= text.size(); i += sizeof(Bytes16)) {
    Bytes16 bytes;
    std::memcpy(&bytes, text.data() + i, sizeof(bytes));
    auto special = (bytes < 0x20) | (bytes > 0x7e) | (bytes == '"') | (bytes == '\\');
    uint64_t lanes[2];
    std::memcpy(lanes, &special, sizeof(lanes));
    if ((lanes[0] | lanes[1]) != 0) return false;
  }
  for (; i < text.size(); ++i) {
    auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x20 || byte > 0x7e || byte == '"' || byte == '\\') return false;
  }
  return true;
}

// Integers as nlohmann writes them: plain decimal.
template <typename Integer>
void AppendDecimal(Integer value, std::string& out) {
  char digits[24];
  out.append(digits, std::to_chars(std::begin(digits), std::end(digits), value).ptr);
}

}  // namespace

void AppendJsonString(const std::string& text, std::string& out) {
  if (CopiesVerbatim(text)) {
    out += '"';
    out += text;
    out += '"';
  } else {
    out += NlohmannDump(Document(text));
  }
}

void AppendJson(const Document& document, std::string& out) {
  switch (document.type()) {
    case Document::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, value] : document.items()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(key, out);
        out += ':';
        AppendJson(value, out);
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
        AppendJson(value, out);
      }
      out += ']';
      return;
    }
    case Document::value_t::string:
      AppendJsonString(document.get_ref<const std::string&>(), out);
      return;
    case Document::value_t::number_integer:
      AppendDecimal(document.get<Document::number_integer_t>(), out);
      return;
    case Document::value_t::number_unsigned:
      AppendDecimal(document.get<Document::number_unsigned_t>(), out);
      return;
    default:
      out += NlohmannDump(document);
  }
}

// Exact when every string copies verbatim and numbers are short, so that the output grows once
// instead of doubling its way up: bodies of many KB would otherwise be copied a dozen times, each
// time through malloc's large-chunk path.
size_t EstimatedJsonLength(const Document& document) {
  switch (document.type()) {
    case Document::value_t::object: {
      size_t length = 2;
      for (const auto& [key, value] : document.items()) length += key.size() + 4 + EstimatedJsonLength(value);
      return length;
    }
    case Document::value_t::array: {
      size_t length = 2;
      for (const Document& value : document) length += 1 + EstimatedJsonLength(value);
      return length;
    }
    case Document::value_t::string: return document.get_ref<const std::string&>().size() + 2;
    default: return 8;
  }
}

std::string WriteJson(const Document& document) {
  std::string out;
  out.reserve(EstimatedJsonLength(document));
  AppendJson(document, out);
  return out;
}

}  // namespace skybox::aws
