#include "aws/protocol/xml_shape.h"

#include <charconv>
#include <cmath>

#include "aws/protocol/json_shape.h"
#include "aws/protocol/timestamp.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

bool Flattened(const Member& ref) { return ref.flattened || ref.shape->flattened; }

std::string_view NameOr(const Member& m, std::string_view fallback) {
  return m.location_name.empty() ? fallback : std::string_view(m.location_name);
}

std::string NumberText(const Document& v) {
  if (v.is_number_float()) {
    double d = v.get<double>();
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  }
  return v.dump();
}

std::string AttributesOf(const Shape& shape, const Document& value, const Member& ref) {
  std::string attrs;
  if (!ref.xml_namespace_uri.empty()) {
    attrs += ref.xml_namespace_prefix.empty() ? " xmlns=\"" : " xmlns:" + ref.xml_namespace_prefix + "=\"";
    AppendXmlEscaped(attrs, ref.xml_namespace_uri);
    attrs += "\"";
  }
  if (!shape.xml_namespace_prefix.empty()) {
    attrs += " xmlns:" + shape.xml_namespace_prefix + "=\"";
    AppendXmlEscaped(attrs, shape.xml_namespace_uri);
    attrs += "\"";
  }
  if (shape.type != ShapeType::kStructure || !value.is_object()) return attrs;
  for (const Member& m : shape.members) {
    if (!m.xml_attribute) continue;
    auto it = value.find(m.name);
    if (it == value.end()) continue;
    auto text = ScalarToText(*it, m, TimestampFormat::kIso8601);
    if (!text) continue;
    if (!m.xml_namespace_prefix.empty()) {
      attrs += " xmlns:" + m.xml_namespace_prefix + "=\"";
      AppendXmlEscaped(attrs, m.xml_namespace_uri);
      attrs += "\"";
    }
    attrs += " " + m.WireName() + "=\"";
    AppendXmlEscaped(attrs, *text);
    attrs += "\"";
  }
  return attrs;
}

void Open(std::string& out, std::string_view name, std::string_view attrs) {
  out += '<';
  out += name;
  out += attrs;
  out += '>';
}

void Close(std::string& out, std::string_view name) {
  out += "</";
  out += name;
  out += '>';
}

std::optional<Document> Parse(const XmlElement& e, const Member& ref, std::string& bad);

// Elements that carry the values of member `m` inside `parent`.
std::vector<const XmlElement*> ElementsFor(const XmlElement& parent, const Member& m) {
  std::vector<const XmlElement*> found;
  std::string_view name = m.WireName();
  if (m.shape->type == ShapeType::kList && Flattened(m)) name = NameOr(m.shape->member, name);
  for (const XmlElement& c : parent.children) {
    if (c.name == name) found.push_back(&c);
  }
  return found;
}

std::optional<Document> ParseStructure(const XmlElement& e, const Shape& shape, std::string& bad) {
  Document out = Document::object();
  for (const Member& m : shape.members) {
    if (m.location != Location::kBody) continue;
    if (m.xml_attribute) {
      if (auto a = e.Attribute(m.WireName())) {
        auto v = ScalarFromText(*a, *m.shape, true);
        if (!v) return (bad = m.WireName(), std::nullopt);
        out[m.name] = std::move(*v);
      }
      continue;
    }
    std::vector<const XmlElement*> els = ElementsFor(e, m);
    if (els.empty()) continue;
    if (Flattened(m) && m.shape->type != ShapeType::kStructure) {
      Document list = Document::array();
      Document map = Document::object();
      for (const XmlElement* el : els) {
        if (m.shape->type == ShapeType::kList) {
          auto v = Parse(*el, m.shape->member, bad);
          if (!v) return std::nullopt;
          list.push_back(std::move(*v));
        } else {
          const XmlElement* k = el->Child(NameOr(m.shape->key, "key"));
          const XmlElement* v = el->Child(NameOr(m.shape->value, "value"));
          if (k == nullptr || v == nullptr) continue;
          auto pv = Parse(*v, m.shape->value, bad);
          if (!pv) return std::nullopt;
          map[k->text] = std::move(*pv);
        }
      }
      out[m.name] = m.shape->type == ShapeType::kList ? std::move(list) : std::move(map);
      continue;
    }
    // A member the schema allows once, given twice, is no valid document (S3: MalformedXML).
    if (els.size() > 1) return (bad = m.WireName(), std::nullopt);
    auto v = Parse(*els.front(), m, bad);
    if (!v) return std::nullopt;
    out[m.name] = std::move(*v);
  }
  return out;
}

std::optional<Document> Parse(const XmlElement& e, const Member& ref, std::string& bad) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return ParseStructure(e, shape, bad);
    case ShapeType::kList: {
      Document list = Document::array();
      std::string_view item = NameOr(shape.member, "member");
      for (const XmlElement& c : e.children) {
        if (c.name != item) continue;
        auto v = Parse(c, shape.member, bad);
        if (!v) return std::nullopt;
        list.push_back(std::move(*v));
      }
      return list;
    }
    case ShapeType::kMap: {
      Document map = Document::object();
      for (const XmlElement& entry : e.children) {
        if (entry.name != "entry") continue;
        const XmlElement* k = entry.Child(NameOr(shape.key, "key"));
        const XmlElement* v = entry.Child(NameOr(shape.value, "value"));
        if (k == nullptr || v == nullptr) continue;
        auto pv = Parse(*v, shape.value, bad);
        if (!pv) return std::nullopt;
        map[k->text] = std::move(*pv);
      }
      return map;
    }
    default: {
      auto v = ScalarFromText(e.text, shape, true);
      if (!v) bad = e.name;
      return v;
    }
  }
}

}  // namespace

std::optional<Document> ScalarFromText(std::string_view text, const Shape& shape, bool blob_base64) {
  switch (shape.type) {
    case ShapeType::kInteger:
    case ShapeType::kLong: {
      int64_t n = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty()) return std::nullopt;
      if (shape.type == ShapeType::kInteger && (n > INT32_MAX || n < INT32_MIN)) return std::nullopt;
      return Document(n);
    }
    case ShapeType::kFloat:
    case ShapeType::kDouble: {
      if (text == "NaN") return Document(NAN);
      if (text == "Infinity") return Document(INFINITY);
      if (text == "-Infinity") return Document(-INFINITY);
      double d = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (ec != std::errc() || p != text.data() + text.size() || text.empty()) return std::nullopt;
      return Document(d);
    }
    case ShapeType::kBoolean:
      if (text == "true") return Document(true);
      if (text == "false") return Document(false);
      return std::nullopt;
    case ShapeType::kBlob: {
      if (!blob_base64) return Document::binary(std::vector<uint8_t>(text.begin(), text.end()));
      auto bytes = Base64Decode(text);
      if (!bytes) return std::nullopt;
      return Document::binary(std::vector<uint8_t>(bytes->begin(), bytes->end()));
    }
    case ShapeType::kTimestamp: {
      auto t = ParseTimestamp(text);
      if (!t) return std::nullopt;
      return Document(*t);
    }
    case ShapeType::kString:
      return Document(std::string(text));
    default:
      return std::nullopt;
  }
}

std::optional<std::string> ScalarToText(const Document& v, const Member& ref,
                                        TimestampFormat fallback, bool blob_raw) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kString:
      if (v.is_string()) return v.get<std::string>();
      if (v.is_number() || v.is_boolean()) return v.dump();
      return std::nullopt;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_number_float()) {
        double d = v.get<double>();
        if (!(std::fabs(d) < 9.2e18)) return std::nullopt;
        return std::to_string(static_cast<int64_t>(d));
      }
      if (v.is_number()) return v.dump();
      return std::nullopt;
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (v.is_number()) return NumberText(v);
      return std::nullopt;
    case ShapeType::kBoolean:
      if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
      return std::nullopt;
    case ShapeType::kBlob: {
      std::string raw;
      if (v.is_binary()) {
        const auto& bytes = v.get_binary();
        raw.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());  // one copy, not a byte loop
      }
      else if (v.is_string()) raw = v.get<std::string>();
      else return std::nullopt;
      return blob_raw ? raw : Base64Encode(raw);
    }
    case ShapeType::kTimestamp: {
      auto t = DocumentTimestamp(v);
      if (!t) return std::nullopt;
      TimestampFormat f = ref.timestamp_format != TimestampFormat::kDefault ? ref.timestamp_format
                                                                            : shape.timestamp_format;
      return FormatTimestamp(*t, f, fallback);
    }
    default:
      return std::nullopt;
  }
}

void AppendXmlValue(std::string& out, std::string_view element_name, const Member& ref,
                    const Document& value, bool body_only, std::string_view extra_attributes) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure: {
      std::string attrs = std::string(extra_attributes) + AttributesOf(shape, value, ref);
      Open(out, element_name, attrs);
      AppendXmlMembers(out, shape, value, body_only);
      Close(out, element_name);
      return;
    }
    case ShapeType::kList: {
      if (!value.is_array()) return;
      if (Flattened(ref)) {
        std::string_view item = NameOr(shape.member, element_name);
        for (const Document& e : value) AppendXmlValue(out, item, shape.member, e, false);
        return;
      }
      Open(out, element_name, extra_attributes);
      std::string_view item = NameOr(shape.member, "member");
      for (const Document& e : value) AppendXmlValue(out, item, shape.member, e, false);
      Close(out, element_name);
      return;
    }
    case ShapeType::kMap: {
      if (!value.is_object()) return;
      std::string_view k = NameOr(shape.key, "key"), v = NameOr(shape.value, "value");
      bool flat = Flattened(ref);
      if (!flat) Open(out, element_name, extra_attributes);
      for (auto it = value.begin(); it != value.end(); ++it) {
        Open(out, flat ? element_name : "entry", "");
        Open(out, k, "");
        AppendXmlEscaped(out, it.key());
        Close(out, k);
        AppendXmlValue(out, v, shape.value, it.value(), false);
        Close(out, flat ? element_name : "entry");
      }
      if (!flat) Close(out, element_name);
      return;
    }
    default: {
      auto text = ScalarToText(value, ref, TimestampFormat::kIso8601);
      if (!text) return;
      Open(out, element_name, std::string(extra_attributes) + AttributesOf(shape, value, ref));
      AppendXmlEscaped(out, *text);
      Close(out, element_name);
    }
  }
}

void AppendXmlMembers(std::string& out, const Shape& shape, const Document& value, bool body_only) {
  if (!value.is_object()) return;
  auto emit = [&](const Member& m) {
    if (m.xml_attribute || (body_only && m.location != Location::kBody)) return;
    auto it = value.find(m.name);
    if (it == value.end() || it->is_null()) return;
    AppendXmlValue(out, m.WireName(), m, *it, false);
  };
  if (shape.xml_order.empty()) {
    for (const Member& m : shape.members) emit(m);
    return;
  }
  for (const std::string& name : shape.xml_order) {
    if (const Member* m = shape.FindMember(name)) emit(*m);
  }
}

Result<Document> XmlToDocument(const XmlElement& element, const Shape& shape) {
  std::string bad;
  auto doc = ParseStructure(element, shape, bad);
  if (!doc) return InvalidArgument("invalid value in element " + bad);
  return std::move(*doc);
}

}  // namespace skybox::aws
