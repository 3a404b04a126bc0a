#include "aws/protocol/validation.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <utility>

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

// Where a value sits: a chain of segments on the stack, spelled out only for a violation (most
// requests have none, and building every member's path up front was most of the cost).
struct Path {
  const Path* parent = nullptr;
  std::string_view member;    // a structure member: "<parent>.<member>", first letter lower-case
  std::string_view map_key;   // a map value: "<map>.<key>.member"
  size_t list_position = 0;   // a list element (1-based): "<list>.<N>.member"

  std::string Spell() const {
    std::string out = parent != nullptr ? parent->Spell() : std::string();
    if (!member.empty()) {
      if (!out.empty()) out += '.';
      out += ValidationPathName(member);
    } else if (list_position != 0) {
      out += "." + std::to_string(list_position) + ".member";
    } else if (parent != nullptr) {
      out.append(".").append(map_key).append(".member");
    }
    return out;
  }
};

class Checker {
 public:
  Checker(const ValidationOptions& options, std::vector<std::string>& out)
      : options_(options), out_(out) {}

  void Structure(const Shape& shape, const Document& doc, const Path& at) {
    if (!doc.is_object()) return;
    // The members the document holds, by position in the model: a document carries a few of
    // a shape's members, so walking it beats a lookup per model member. Violations still come
    // in the model's member order.
    std::vector<std::pair<size_t, const Document*>> present;
    present.reserve(doc.size());
    for (auto it = doc.begin(); it != doc.end(); ++it) {
      if (it->is_null()) continue;
      if (const Member* m = shape.FindMember(it.key())) present.emplace_back(m - shape.members.data(), &*it);
    }
    std::sort(present.begin(), present.end());
    size_t next = 0;
    for (size_t i = 0; i < shape.members.size(); ++i) {
      const Member& m = shape.members[i];
      Path here{&at, m.name};
      if (next < present.size() && present[next].first == i) {
        Value(*m.shape, *present[next++].second, here);
      } else if (m.required) {
        Fail("null", here, "Member must not be null");
      }
    }
  }

 private:
  void Fail(const std::string& value, const Path& at, const std::string& constraint) {
    out_.push_back("Value " + value + " at '" + at.Spell() + "' failed to satisfy constraint: " + constraint);
  }
  void FailValue(const Document& v, const Path& at, const std::string& constraint) {
    Fail("'" + Render(v) + "'", at, constraint);
  }

  void Value(const Shape& shape, const Document& v, const Path& at) {
    switch (shape.type) {
      case ShapeType::kStructure:
        Structure(shape, v, at);
        return;
      case ShapeType::kList:
        if (!v.is_array()) return;
        Length(shape, v, v.size(), at);
        for (size_t i = 0; i < v.size(); ++i) {
          Value(*shape.member.shape, v[i], Path{&at, {}, {}, i + 1});
        }
        return;
      case ShapeType::kMap:
        if (!v.is_object()) return;
        Length(shape, v, v.size(), at);
        for (auto it = v.begin(); it != v.end(); ++it) {
          Value(*shape.value.shape, it.value(), Path{&at, {}, it.key()});
        }
        return;
      case ShapeType::kString:
        if (!v.is_string()) return;
        Length(shape, v, CodePoints(v.get_ref<const std::string&>()), at);
        Enum(shape, v, at);
        return;
      case ShapeType::kBlob:
        if (v.is_binary()) Length(shape, v, v.get_binary().size(), at);
        return;
      case ShapeType::kInteger:
      case ShapeType::kLong:
      case ShapeType::kFloat:
      case ShapeType::kDouble:
        if (v.is_number()) Range(shape, v, at);
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

  void Length(const Shape& shape, const Document& v, size_t size, const Path& at) {
    if (shape.min && static_cast<int64_t>(size) < *shape.min) {
      FailValue(v, at, "Member must have length greater than or equal to " + std::to_string(*shape.min));
    }
    if (shape.max && static_cast<int64_t>(size) > *shape.max) {
      FailValue(v, at, "Member must have length less than or equal to " + std::to_string(*shape.max));
    }
  }

  void Range(const Shape& shape, const Document& v, const Path& at) {
    double d = v.get<double>();
    if (shape.min && d < static_cast<double>(*shape.min)) {
      FailValue(v, at, "Member must have value greater than or equal to " + std::to_string(*shape.min));
    }
    if (shape.max && d > static_cast<double>(*shape.max)) {
      FailValue(v, at, "Member must have value less than or equal to " + std::to_string(*shape.max));
    }
  }

  void Enum(const Shape& shape, const Document& v, const Path& at) {
    if (!options_.check_enums || shape.enum_values.empty()) return;
    const std::string& s = v.get_ref<const std::string&>();
    for (const std::string& e : shape.enum_values) {
      if (e == s) return;
    }
    std::string set = "[";
    for (size_t i = 0; i < shape.enum_values.size(); ++i) {
      set += (i ? ", " : "") + shape.enum_values[i];
    }
    FailValue(v, at, "Member must satisfy enum value set: " + set + "]");
  }

  const ValidationOptions& options_;
  std::vector<std::string>& out_;
};

}  // namespace

std::vector<std::string> FindViolations(const Shape& shape, const Document& input,
                                        const ValidationOptions& options) {
  std::vector<std::string> out;
  Checker(options, out).Structure(shape, input, Path{});
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
