#include "services/sqs/message_attributes.h"

#include <cstdint>
#include <cstdio>
#include <vector>

#include "base/ascii.h"
#include "base/crypto.h"
#include "services/sqs/sqs_errors.h"

namespace skybox::services::sqs {
namespace {

void AppendLengthPrefixed(std::string& out, std::string_view bytes) {
  uint32_t n = static_cast<uint32_t>(bytes.size());
  out.push_back(static_cast<char>(n >> 24));
  out.push_back(static_cast<char>(n >> 16));
  out.push_back(static_cast<char>(n >> 8));
  out.push_back(static_cast<char>(n));
  out.append(bytes);
}

std::string BinaryOf(const aws::Document& v) {
  if (v.is_binary()) return std::string(v.get_binary().begin(), v.get_binary().end());
  if (v.is_string()) return v.get<std::string>();
  return {};
}

// obj[key] when obj is an object holding a string there, else "" (never throws).
std::string StringField(const aws::Document& obj, const char* key) {
  if (!obj.is_object()) return {};
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool IsBinaryType(std::string_view type) { return type.substr(0, 6) == "Binary"; }

bool ValidName(std::string_view name) {
  if (name.empty() || name.size() > 256) return false;
  if (name.front() == '.' || name.back() == '.') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
              c == '-' || c == '.';
    if (!ok) return false;
    if (c == '.' && i + 1 < name.size() && name[i + 1] == '.') return false;
  }
  std::string lower = AsciiLowercase(name.substr(0, 4));
  return lower != "aws." && lower != "amaz";
}

// Decodes one UTF-8 code point at `i` and advances past it; -1 (advancing one byte) when
// the bytes there are not UTF-8.
long NextCodePoint(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra < 0 || i + extra >= s.size() + (extra == 0 ? 1 : 0)) {
    ++i;
    return -1;
  }
  long cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k <= extra; ++k) {
    unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc >> 6) != 2) {
      ++i;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  i += extra + 1;
  return cp;
}

bool AllowedChar(long cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) ||
         (cp >= 0x10000 && cp <= 0x10FFFF);
}

// Digits of a decimal's mantissa without leading or trailing zeros: a Number attribute carries at
// most 38 of them.
size_t SignificantDigits(std::string_view number) {
  std::string digits;
  for (char c : number.substr(0, number.find_first_of("eE"))) {
    if (c >= '0' && c <= '9') digits += c;
  }
  size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) return 0;
  return digits.find_last_not_of('0') - first + 1;
}

}  // namespace

std::string Md5Hex(std::string_view data) { return HexEncode(Md5(data)); }

std::string Md5OfAttributes(const aws::Document& attributes) {
  if (!attributes.is_object() || attributes.empty()) return "";
  std::string buf;
  // nlohmann's object is a std::map: iteration is already in name order.
  for (const auto& [name, attr] : attributes.items()) {
    std::string type = StringField(attr, "DataType");
    AppendLengthPrefixed(buf, name);
    AppendLengthPrefixed(buf, type);
    if (IsBinaryType(type)) {
      buf.push_back(2);
      AppendLengthPrefixed(buf, attr.is_object() && attr.contains("BinaryValue") ? BinaryOf(attr["BinaryValue"]) : "");
    } else {
      buf.push_back(1);
      AppendLengthPrefixed(buf, StringField(attr, "StringValue"));
    }
  }
  return Md5Hex(buf);
}

Result<size_t> ValidateMessageAttributes(const aws::Document& attributes, bool system) {
  if (!attributes.is_object()) return size_t{0};
  const char* kind = system ? "system" : "user";
  if (!system && attributes.size() > 10) {
    return InvalidParameterValue("Number of message attributes [" + std::to_string(attributes.size()) +
                                 "] exceeds the allowed maximum [10].");
  }
  size_t bytes = 0;
  for (const auto& [name, attr] : attributes.items()) {
    if (!system && !ValidName(name)) {
      return InvalidParameterValue("Message (user) attribute name '" + name + "' is invalid.");
    }
    // AWSTraceHeader is the one system attribute a sender may set (MessageSystemAttributeNameForSends).
    if (system && name != "AWSTraceHeader") {
      return InvalidParameterValue("Message (system) attribute name '" + name + "' is invalid.");
    }
    std::string type = StringField(attr, "DataType");
    std::string base = type.substr(0, type.find('.'));
    if (type.empty()) {
      return InvalidParameterValue("The message (" + std::string(kind) + ") attribute '" + name +
                                   "' must contain a non-empty attribute type.");
    }
    if (base != "String" && base != "Number" && base != "Binary") {
      return InvalidParameterValue("The type of message (" + std::string(kind) + ") attribute '" + name +
                                   "' is invalid. You must use only the following supported type prefixes: Binary, Number, String.");
    }
    std::string value;
    if (base == "Binary") {
      bool present = attr.is_object() && attr.contains("BinaryValue");
      if (present) value = BinaryOf(attr["BinaryValue"]);
      if (!present) {
        return InvalidParameterValue("The message (" + std::string(kind) + ") attribute '" + name +
                                     "' must contain a non-empty message attribute value for message attribute type '" +
                                     base + "'.");
      }
    } else {
      value = StringField(attr, "StringValue");
      if (value.empty()) {
        return InvalidParameterValue("The message (" + std::string(kind) + ") attribute '" + name +
                                     "' must contain a non-empty message attribute value for message attribute type '" +
                                     base + "'.");
      }
      if (base == "Number") {
        char* end = nullptr;
        std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0' || SignificantDigits(value) > 38) {
          return InvalidParameterValue("Value " + value + " for parameter MessageAttributeValue is invalid. Reason: Number format is invalid.");
        }
      }
    }
    if (system && name == "AWSTraceHeader" && base != "String") {
      return InvalidParameterValue("The message system attribute 'AWSTraceHeader' must be of type 'String'.");
    }
    bytes += name.size() + type.size() + value.size();
  }
  return bytes;
}

Status ValidateMessageBody(std::string_view body) {
  size_t i = 0;
  while (i < body.size()) {
    size_t at = i;
    long cp = NextCodePoint(body, i);
    if (cp < 0) cp = static_cast<unsigned char>(body[at]);
    if (!AllowedChar(cp) || (i == at + 1 && cp >= 0x80)) {
      char hex[32];
      std::snprintf(hex, sizeof hex, "#x%lX", cp);
      return SqsError("InvalidMessageContents",
                      std::string("Invalid binary character '") + hex +
                          "' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF");
    }
  }
  return Status::Ok();
}

bool AttributeSelected(const aws::Document& selectors, std::string_view name) {
  if (!selectors.is_array()) return false;
  for (const auto& s : selectors) {
    if (!s.is_string()) continue;
    std::string_view sel = s.get_ref<const std::string&>();
    if (sel == "All" || sel == ".*" || sel == name) return true;
    if (sel.size() >= 2 && sel.substr(sel.size() - 2) == ".*" &&
        name.substr(0, sel.size() - 1) == sel.substr(0, sel.size() - 1)) {
      return true;
    }
  }
  return false;
}

}  // namespace skybox::services::sqs
