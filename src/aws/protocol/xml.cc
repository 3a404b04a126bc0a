#include "aws/protocol/xml.h"

#include "base/utf8.h"

#include <expat.h>

#include "aws/protocol/json_shape.h"

namespace skybox::aws {
namespace {

std::string_view LocalName(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

struct ParseState {
  XML_Parser parser;
  std::vector<XmlElement*> stack;
  XmlElement root;
  bool have_root = false;
  bool too_deep = false;
  bool has_dtd = false;
};

// Requests never need a DTD; refusing one rules out entity-expansion bombs.
void OnDoctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  auto* st = static_cast<ParseState*>(data);
  st->has_dtd = true;
  XML_StopParser(st->parser, XML_FALSE);
}

void OnStart(void* data, const XML_Char* name, const XML_Char** attrs) {
  auto* st = static_cast<ParseState*>(data);
  if (static_cast<int>(st->stack.size()) >= kMaxNestingDepth) {
    st->too_deep = true;
    XML_StopParser(st->parser, XML_FALSE);
    return;
  }
  XmlElement* el;
  if (st->stack.empty()) {
    el = &st->root;
    st->have_root = true;
  } else {
    st->stack.back()->children.emplace_back();
    el = &st->stack.back()->children.back();
  }
  el->name = std::string(LocalName(name));
  for (int i = 0; attrs[i] != nullptr; i += 2) el->attributes.emplace_back(attrs[i], attrs[i + 1]);
  st->stack.push_back(el);
}

void OnEnd(void* data, const XML_Char*) {
  auto* st = static_cast<ParseState*>(data);
  if (!st->stack.empty()) st->stack.pop_back();
}

void OnText(void* data, const XML_Char* s, int len) {
  auto* st = static_cast<ParseState*>(data);
  if (!st->stack.empty()) st->stack.back()->text.append(s, static_cast<size_t>(len));
}

}  // namespace

const XmlElement* XmlElement::Child(std::string_view child_name) const {
  for (const XmlElement& c : children) {
    if (c.name == child_name) return &c;
  }
  return nullptr;
}

std::optional<std::string_view> XmlElement::Attribute(std::string_view attr_name) const {
  for (const auto& [k, v] : attributes) {
    if (k == attr_name || LocalName(k) == LocalName(attr_name)) return std::string_view(v);
  }
  return std::nullopt;
}

Result<XmlElement> ParseXml(std::string_view text) {
  if (text.size() > (1u << 30)) return InvalidArgument("XML document too large");
  ParseState st;
  st.parser = XML_ParserCreate("UTF-8");
  if (st.parser == nullptr) return Internal("XML_ParserCreate failed");
  XML_SetUserData(st.parser, &st);
  XML_SetElementHandler(st.parser, OnStart, OnEnd);
  XML_SetCharacterDataHandler(st.parser, OnText);
  XML_SetStartDoctypeDeclHandler(st.parser, OnDoctype);
  XML_Status rc = XML_Parse(st.parser, text.data(), static_cast<int>(text.size()), XML_TRUE);
  std::string error = rc == XML_STATUS_OK ? "" : XML_ErrorString(XML_GetErrorCode(st.parser));
  XML_ParserFree(st.parser);
  if (st.too_deep) return InvalidArgument("XML nesting exceeds the maximum depth");
  if (st.has_dtd) return InvalidArgument("XML with a document type declaration");
  if (rc != XML_STATUS_OK || !st.have_root) return InvalidArgument("malformed XML: " + error);
  return std::move(st.root);
}

void AppendXmlEscaped(std::string& out, std::string_view text) {
  // Request bytes can be anything. Ill-formed UTF-8 becomes U+FFFD; a control character is
  // written as a character reference, as S3 writes the keys holding one (XML 1.0 parsers refuse
  // it either way, which is why S3 offers encoding-type=url; the AWS SDK for JavaScript reads it
  // back as the character). DEL is an XML 1.0 character and passes as it is.
  constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  constexpr std::string_view kHex = "0123456789ABCDEF";
  while (!text.empty()) {
    char c = text.front();
    auto b = static_cast<unsigned char>(c);
    if (b >= 0x80) {
      size_t n = Utf8SequenceLength(text);
      out.append(n == 0 ? kReplacement : text.substr(0, n));
      text.remove_prefix(n == 0 ? 1 : n);
      continue;
    }
    text.remove_prefix(1);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      case '\r': out += "&#13;"; break;
      case '\n':
      case '\t': out.push_back(c); break;
      default:
        if (b < 0x20) {
          out += "&#x";
          if (b >= 0x10) out.push_back(kHex[b >> 4]);
          out.push_back(kHex[b & 0xf]);
          out.push_back(';');
        } else {
          out.push_back(c);
        }
    }
  }
}

}  // namespace skybox::aws
