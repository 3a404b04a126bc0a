#include "services/s3/http/metadata_encoding.h"

#include <optional>

#include "base/ascii.h"
#include "base/crypto.h"

namespace skybox::s3 {
namespace {

// RFC 2047 §4.2: "_" is a space, "=XX" a byte.
std::optional<std::string> DecodeQ(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out.push_back(' ');
    } else if (text[i] == '=') {
      if (i + 2 >= text.size()) return std::nullopt;
      const int hi = AsciiHexValue(text[i + 1]), lo = AsciiHexValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// One encoded-word "=?charset?encoding?text?=" at the start of `rest`, decoded to UTF-8;
// advances `rest` past it.
std::optional<std::string> TakeEncodedWord(std::string_view& rest) {
  if (!rest.starts_with("=?")) return std::nullopt;
  const size_t charset_end = rest.find('?', 2);
  if (charset_end == std::string_view::npos || charset_end + 2 >= rest.size() || rest[charset_end + 2] != '?') {
    return std::nullopt;
  }
  const size_t text_end = rest.find("?=", charset_end + 3);
  if (text_end == std::string_view::npos) return std::nullopt;
  const std::string charset = AsciiLowercase(rest.substr(2, charset_end - 2));
  const char encoding = rest[charset_end + 1];
  const std::string_view text = rest.substr(charset_end + 3, text_end - charset_end - 3);
  std::optional<std::string> bytes;
  if (encoding == 'B' || encoding == 'b') {
    bytes = Base64Decode(text);
  } else if (encoding == 'Q' || encoding == 'q') {
    bytes = DecodeQ(text);
  }
  if (!bytes) return std::nullopt;
  rest.remove_prefix(text_end + 2);
  if (charset == "utf-8" || charset == "us-ascii") return bytes;
  if (charset == "iso-8859-1") return Latin1ToUtf8(*bytes);
  return std::nullopt;
}

}  // namespace

std::string DecodeMetadataValue(std::string_view value) {
  std::string_view rest = TrimBlanks(value);
  if (!rest.starts_with("=?")) return std::string(value);
  std::string out;
  while (!rest.empty()) {
    std::optional<std::string> word = TakeEncodedWord(rest);
    if (!word) return std::string(value);
    out += *word;
    rest = TrimBlanks(rest);
  }
  return out;
}

std::string MailSafeMetadataValue(std::string_view value) {
  for (char ch : value) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c > 0x7E) return "=?UTF-8?B?" + Base64Encode(value) + "?=";
  }
  return std::string(value);
}

}  // namespace skybox::s3
