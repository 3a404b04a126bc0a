#include "aws/protocol/json_shape.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <vector>

#include "aws/protocol/json_reader.h"
#include "aws/protocol/json_writer.h"
#include "aws/protocol/timestamp.h"
#include "base/crypto.h"

namespace skybox::aws {
namespace {

Status Serialization(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "SerializationException", std::move(message));
}

const char* TokenName(const Document& v) {
  if (v.is_string()) return "STRING_VALUE";
  if (v.is_number()) return "NUMBER_VALUE";
  if (v.is_boolean()) return "BOOLEAN_VALUE";
  return "NULL_VALUE";
}

const char* TypeName(ShapeType t) {
  switch (t) {
    case ShapeType::kInteger: return "Integer";
    case ShapeType::kLong: return "Long";
    case ShapeType::kFloat: return "Float";
    case ShapeType::kDouble: return "Double";
    case ShapeType::kBoolean: return "Boolean";
    case ShapeType::kBlob: return "Blob";
    case ShapeType::kTimestamp: return "Date";
    default: return "String";
  }
}

Status Mismatch(const Document& v, const Shape& shape) {
  if (v.is_object()) return Serialization("Start of structure or map found where not expected.");
  if (v.is_array()) return Serialization("Start of list found where not expected");
  if (shape.type == ShapeType::kStructure || shape.type == ShapeType::kMap) {
    return Serialization(std::string("Expected a structure or map but found ") + TokenName(v));
  }
  if (shape.type == ShapeType::kList) {
    return Serialization(std::string("Expected a list but found ") + TokenName(v));
  }
  return Serialization(std::string(TokenName(v)) + " cannot be converted to " + TypeName(shape.type));
}

bool Bound(const Member& m) { return m.location != Location::kBody; }

Result<Document> Decode(const Document& v, const Shape& shape, bool body_only);

Result<Document> DecodeStructure(const Document& v, const Shape& shape, bool body_only) {
  if (!v.is_object()) return Mismatch(v, shape);
  Document out = Document::object();
  for (const Member& m : shape.members) {
    if (body_only && Bound(m)) continue;
    auto it = v.find(m.WireName());
    if (it == v.end() || it->is_null()) continue;
    SKYBOX_ASSIGN_OR_RETURN(Document value, Decode(*it, *m.shape, false));
    out[m.name] = std::move(value);
  }
  return out;
}

Result<Document> Decode(const Document& v, const Shape& shape, bool body_only) {
  switch (shape.type) {
    case ShapeType::kStructure:
      return DecodeStructure(v, shape, body_only);
    case ShapeType::kList: {
      if (!v.is_array()) return Mismatch(v, shape);
      Document out = Document::array();
      for (const Document& e : v) {
        if (e.is_null()) continue;
        SKYBOX_ASSIGN_OR_RETURN(Document value, Decode(e, *shape.member.shape, false));
        out.push_back(std::move(value));
      }
      return out;
    }
    case ShapeType::kMap: {
      if (!v.is_object()) return Mismatch(v, shape);
      Document out = Document::object();
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (it->is_null()) continue;
        SKYBOX_ASSIGN_OR_RETURN(Document value, Decode(it.value(), *shape.value.shape, false));
        out[it.key()] = std::move(value);
      }
      return out;
    }
    case ShapeType::kString:
      if (!v.is_string()) return Mismatch(v, shape);
      return v;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_number_integer()) return v;
      if (v.is_number_float() && std::trunc(v.get<double>()) == v.get<double>() &&
          std::fabs(v.get<double>()) < 9.2e18) {
        return Document(static_cast<int64_t>(v.get<double>()));
      }
      return Mismatch(v, shape);
    case ShapeType::kFloat:
    case ShapeType::kDouble:
      if (!v.is_number()) return Mismatch(v, shape);
      return v;
    case ShapeType::kBoolean:
      if (!v.is_boolean()) return Mismatch(v, shape);
      return v;
    case ShapeType::kBlob: {
      if (!v.is_string()) return Mismatch(v, shape);
      auto bytes = Base64Decode(v.get_ref<const std::string&>());
      if (!bytes) return Serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " +
                                       std::to_string(v.get_ref<const std::string&>().size()));
      return Document::binary(std::vector<uint8_t>(bytes->begin(), bytes->end()));
    }
    case ShapeType::kTimestamp: {
      if (v.is_number()) return Document(v.get<double>());
      if (!v.is_string()) return Mismatch(v, shape);
      auto t = ParseTimestamp(v.get_ref<const std::string&>());
      if (!t) return Serialization("Unable to parse date value: " + v.get<std::string>());
      return Document(*t);
    }
    case ShapeType::kDocument:
      return v;
  }
  return v;
}

Document EncodeTimestamp(double t, const Member& ref) {
  t = ClampTimestamp(t);
  TimestampFormat f = ref.timestamp_format != TimestampFormat::kDefault ? ref.timestamp_format
                                                                        : ref.shape->timestamp_format;
  if (f == TimestampFormat::kIso8601) return FormatIso8601(t);
  if (f == TimestampFormat::kRfc822) return FormatRfc822(t);
  double ms = std::round(t * 1000.0);
  if (std::fmod(ms, 1000.0) == 0) return static_cast<int64_t>(ms / 1000.0);
  return ms / 1000.0;
}

// Whether `v` has a wire form under `ref`; a member or element without one is left out:
// containers must be of their kind, blobs bytes or text, timestamps readable, integers numbers
// within int64 (a float is truncated).
bool Representable(const Document& v, const Member& ref) {
  switch (ref.shape->type) {
    case ShapeType::kList: return v.is_array();
    case ShapeType::kMap: return v.is_object();
    case ShapeType::kBlob: return v.is_binary() || v.is_string();
    case ShapeType::kTimestamp: return DocumentTimestamp(v).has_value();
    case ShapeType::kInteger:
    case ShapeType::kLong: return v.is_number() && (!v.is_number_float() || std::fabs(v.get<double>()) < 9.2e18);
    default: return true;
  }
}

const Member* FindMember(const Shape& shape, const std::string& name) {
  for (const Member& m : shape.members) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

void WriteValue(const Document& v, const Member& ref, std::string& out);

// A structure's members in wire-name order (the order of a JSON object's keys when the value
// was first converted to a Document and then written); a value that is not an object is {}.
void WriteStructure(const Document& v, const Shape& shape, bool body_only, std::string& out) {
  out += '{';
  if (!v.is_object()) {
    out += '}';
    return;
  }
  struct Present {
    const Member* member;
    const Document* value;
  };
  // Most structures are small (an AttributeValue has one member set): no allocation for them.
  Present inline_present[8];
  std::vector<Present> more;
  size_t count = 0;
  bool renamed = false;  // a member's wire name differs from its name: the order needs a sort
  for (auto it = v.begin(); it != v.end(); ++it) {
    if (it->is_null()) continue;
    const Member* m = FindMember(shape, it.key());
    if (m == nullptr || (body_only && Bound(*m)) || !Representable(*it, *m)) continue;
    renamed = renamed || &m->WireName() != &m->name;
    Present p{m, &*it};
    if (count < std::size(inline_present)) {
      inline_present[count] = p;
    } else {
      if (more.empty()) more.assign(std::begin(inline_present), std::end(inline_present));
      more.push_back(p);
    }
    ++count;
  }
  Present* present = more.empty() ? inline_present : more.data();
  if (renamed) {
    std::sort(present, present + count,
              [](const Present& a, const Present& b) { return a.member->WireName() < b.member->WireName(); });
  }
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out += ',';
    AppendJsonString(present[i].member->WireName(), out);
    out += ':';
    WriteValue(*present[i].value, *present[i].member, out);
  }
  out += '}';
}

// `v` must be Representable under `ref`.
void WriteValue(const Document& v, const Member& ref, std::string& out) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return WriteStructure(v, shape, false, out);
    case ShapeType::kList: {
      out += '[';
      bool first = true;
      for (const Document& e : v) {
        if (!Representable(e, shape.member)) continue;
        if (!first) out += ',';
        first = false;
        WriteValue(e, shape.member, out);
      }
      out += ']';
      return;
    }
    case ShapeType::kMap: {
      out += '{';
      bool first = true;
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (!Representable(it.value(), shape.value)) continue;
        if (!first) out += ',';
        first = false;
        AppendJsonString(it.key(), out);
        out += ':';
        WriteValue(it.value(), shape.value, out);
      }
      out += '}';
      return;
    }
    case ShapeType::kBlob:
      if (v.is_binary()) {
        const auto& b = v.get_binary();
        return AppendJsonString(Base64Encode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size())), out);
      }
      return AppendJsonString(Base64Encode(v.get_ref<const std::string&>()), out);
    case ShapeType::kTimestamp:
      return AppendJson(EncodeTimestamp(*DocumentTimestamp(v), ref), out);
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_number_float()) return AppendJson(Document(static_cast<int64_t>(v.get<double>())), out);
      return AppendJson(v, out);
    default:
      return AppendJson(v, out);
  }
}

}  // namespace

bool JsonDepthWithin(std::string_view text, int max_depth) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return false;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return true;
}

Result<Document> ParseJsonBody(std::string_view body) {
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return Document::object();
  if (!JsonDepthWithin(body, kMaxNestingDepth)) {
    return Serialization("JSON nesting exceeds the maximum depth of " + std::to_string(kMaxNestingDepth));
  }
  std::optional<Document> plain = ParsePlainJson(body);
  Document doc = plain ? std::move(*plain) : Document::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return Serialization("The request body is not valid JSON");
  if (!doc.is_object()) return Mismatch(doc, Shape{.type = ShapeType::kStructure});
  return doc;
}

Result<Document> JsonToDocument(const Document& json, const Shape& shape, bool body_only) {
  return Decode(json, shape, body_only);
}

std::string WriteJsonForShape(const Document& doc, const Shape& shape, bool body_only) {
  std::string out;
  out.reserve(EstimatedJsonLength(doc));
  WriteStructure(doc, shape, body_only, out);
  return out;
}

Document BinaryBody(std::string_view bytes) {
  const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
  return Document::binary(std::vector<uint8_t>(p, p + bytes.size()));
}

std::optional<double> DocumentTimestamp(const Document& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_string()) return ParseTimestamp(v.get_ref<const std::string&>());
  return std::nullopt;
}

}  // namespace skybox::aws
