#include "aws/protocol/validation.h"

#include <cctype>

namespace skybox::aws {
namespace {

// How AWS renders a value inside "Value ... at".
std::string Render(const Document& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_binary()) {
    std::string n = std::to_string(v.get_binary().size());
    return "java.nio.HeapByteBuffer[pos=0 lim=" + n + " cap=" + n + "]";
  }
  if (v.is_array()) {
    std::string out = "[";
    for (size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + Render(v[i]);
    return out + "]";
  }
  if (v.is_object()) {
    std::string out = "{";
    bool first = true;
    for (auto it = v.begin(); it != v.end(); ++it) {
      out += (first ? "" : ", ") + it.key() + "=" + Render(it.value());
      first = false;
    }
    return out + "}";
  }
  return v.dump();
}

class Checker {
 public:
  Checker(const ValidationOptions& options, std::vector<std::string>& out)
      : options_(options), out_(out) {}

  void Structure(const Shape& shape, const Document& doc, const std::string& prefix) {
    if (!doc.is_object()) return;
    for (const Member& m : shape.members) {
      std::string path = prefix.empty() ? ValidationPathName(m.name)
                                        : prefix + "." + ValidationPathName(m.name);
      auto it = doc.find(m.name);
      if (it == doc.end() || it->is_null()) {
        if (m.required) Fail("null", path, "Member must not be null");
        continue;
      }
      Value(*m.shape, *it, path);
    }
  }

 private:
  void Fail(const std::string& value, const std::string& path, const std::string& constraint) {
    out_.push_back("Value " + value + " at '" + path + "' failed to satisfy constraint: " + constraint);
  }
  void FailValue(const Document& v, const std::string& path, const std::string& constraint) {
    Fail("'" + Render(v) + "'", path, constraint);
  }

  void Value(const Shape& shape, const Document& v, const std::string& path) {
    switch (shape.type) {
      case ShapeType::kStructure:
        Structure(shape, v, path);
        return;
      case ShapeType::kList:
        if (!v.is_array()) return;
        Length(shape, v, v.size(), path);
        for (size_t i = 0; i < v.size(); ++i) {
          Value(*shape.member.shape, v[i], path + "." + std::to_string(i + 1) + ".member");
        }
        return;
      case ShapeType::kMap:
        if (!v.is_object()) return;
        Length(shape, v, v.size(), path);
        for (auto it = v.begin(); it != v.end(); ++it) {
          Value(*shape.value.shape, it.value(), path + "." + it.key() + ".member");
        }
        return;
      case ShapeType::kString:
        if (!v.is_string()) return;
        Length(shape, v, CodePoints(v.get_ref<const std::string&>()), path);
        Enum(shape, v, path);
        return;
      case ShapeType::kBlob:
        if (v.is_binary()) Length(shape, v, v.get_binary().size(), path);
        return;
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (v.is_number()) Range(shape, v, path);
        return;
      default:
        return;
    }
  }

  static size_t CodePoints(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  }

  void Length(const Shape& shape, const Document& v, size_t size, const std::string& path) {
    if (shape.min && static_cast<int64_t>(size) < *shape.min) {
      FailValue(v, path, "Member must have length greater than or equal to " + std::to_string(*shape.min));
    }
    if (shape.max && static_cast<int64_t>(size) > *shape.max) {
      FailValue(v, path, "Member must have length less than or equal to " + std::to_string(*shape.max));
    }
  }

  void Range(const Shape& shape, const Document& v, const std::string& path) {
    double d = v.get<double>();
    if (shape.min && d < static_cast<double>(*shape.min)) {
      FailValue(v, path, "Member must have value greater than or equal to " + std::to_string(*shape.min));
    }
    if (shape.max && d > static_cast<double>(*shape.max)) {
      FailValue(v, path, "Member must have value less than or equal to " + std::to_string(*shape.max));
    }
  }

  void Enum(const Shape& shape, const Document& v, const std::string& path) {
    if (!options_.check_enums || shape.enum_values.empty()) return;
    const std::string& s = v.get_ref<const std::string&>();
    for (const std::string& e : shape.enum_values) {
      if (e == s) return;
    }
    std::string set = "[";
    for (size_t i = 0; i < shape.enum_values.size(); ++i) {
      set += (i ? ", " : "") + shape.enum_values[i];
    }
    FailValue(v, path, "Member must satisfy enum value set: " + set + "]");
  }

  const ValidationOptions& options_;
  std::vector<std::string>& out_;
};

}  // namespace

std::vector<std::string> FindViolations(const Shape& shape, const Document& input,
                                        const ValidationOptions& options) {
  std::vector<std::string> out;
  Checker(options, out).Structure(shape, input, "");
  return out;
}

std::string ValidationMessage(const std::vector<std::string>& violations) {
  if (violations.empty()) return "";
  std::string msg = std::to_string(violations.size()) +
                    (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < violations.size(); ++i) msg += (i ? "; " : "") + violations[i];
  return msg;
}

std::string ValidationPathName(std::string_view member_name) {
  std::string s(member_name);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

}  // namespace skybox::aws
