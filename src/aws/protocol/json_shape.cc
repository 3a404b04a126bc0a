#include "aws/protocol/json_shape.h"

#include <cmath>

#include "aws/protocol/json_reader.h"
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

Document Encode(const Document& v, const Member& ref, bool body_only);

Document EncodeStructure(const Document& v, const Shape& shape, bool body_only) {
  Document out = Document::object();
  if (!v.is_object()) return out;
  for (const Member& m : shape.members) {
    if (body_only && Bound(m)) continue;
    auto it = v.find(m.name);
    if (it == v.end() || it->is_null()) continue;
    Document value = Encode(*it, m, false);
    if (!value.is_discarded()) out[m.WireName()] = std::move(value);
  }
  return out;
}

// Returns a discarded value for values that cannot be represented.
Document Encode(const Document& v, const Member& ref, bool body_only) {
  const Shape& shape = *ref.shape;
  switch (shape.type) {
    case ShapeType::kStructure:
      return EncodeStructure(v, shape, body_only);
    case ShapeType::kList: {
      Document out = Document::array();
      if (!v.is_array()) return Document(Document::value_t::discarded);
      for (const Document& e : v) {
        Document value = Encode(e, shape.member, false);
        if (!value.is_discarded()) out.push_back(std::move(value));
      }
      return out;
    }
    case ShapeType::kMap: {
      Document out = Document::object();
      if (!v.is_object()) return Document(Document::value_t::discarded);
      for (auto it = v.begin(); it != v.end(); ++it) {
        Document value = Encode(it.value(), shape.value, false);
        if (!value.is_discarded()) out[it.key()] = std::move(value);
      }
      return out;
    }
    case ShapeType::kBlob:
      if (v.is_binary()) {
        const auto& b = v.get_binary();
        return Base64Encode(std::string_view(reinterpret_cast<const char*>(b.data()), b.size()));
      }
      if (v.is_string()) return Base64Encode(v.get_ref<const std::string&>());
      return Document(Document::value_t::discarded);
    case ShapeType::kTimestamp: {
      auto t = DocumentTimestamp(v);
      return t ? EncodeTimestamp(*t, ref) : Document(Document::value_t::discarded);
    }
    case ShapeType::kInteger:
    case ShapeType::kLong:
      if (v.is_number_float()) {
        double d = v.get<double>();
        if (!(std::fabs(d) < 9.2e18)) return Document(Document::value_t::discarded);
        return static_cast<int64_t>(d);
      }
      return v.is_number() ? v : Document(Document::value_t::discarded);
    default:
      return v;
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

Document DocumentToJson(const Document& doc, const Shape& shape, bool body_only) {
  return EncodeStructure(doc, shape, body_only);
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
