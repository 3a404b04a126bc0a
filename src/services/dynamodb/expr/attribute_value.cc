#include "services/dynamodb/expr/attribute_value.h"

#include <algorithm>
#include <array>
#include <set>

#include "base/crypto.h"
#include "services/dynamodb/expr/number.h"

namespace skybox::dynamodb {
namespace {

constexpr std::array<std::pair<AttributeType, std::string_view>, 10> kTypeNames = {{
    {AttributeType::kS, "S"},       {AttributeType::kN, "N"},       {AttributeType::kB, "B"},
    {AttributeType::kSS, "SS"},     {AttributeType::kNS, "NS"},     {AttributeType::kBS, "BS"},
    {AttributeType::kM, "M"},       {AttributeType::kL, "L"},       {AttributeType::kNull, "NULL"},
    {AttributeType::kBool, "BOOL"},
}};

Status Invalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

std::string_view BinaryView(const Document& binary) {
  const auto& bytes = binary.get_binary();
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

bool MemberShapeOk(AttributeType type, const Document& member) {
  auto all_of = [&](auto pred) {
    return member.is_array() && std::all_of(member.begin(), member.end(), pred);
  };
  switch (type) {
    case AttributeType::kS:
    case AttributeType::kN: return member.is_string();
    case AttributeType::kB: return member.is_binary();
    case AttributeType::kSS:
    case AttributeType::kNS: return all_of([](const Document& d) { return d.is_string(); });
    case AttributeType::kBS: return all_of([](const Document& d) { return d.is_binary(); });
    case AttributeType::kM: return member.is_object();
    case AttributeType::kL: return member.is_array();
    case AttributeType::kNull:
    case AttributeType::kBool: return member.is_boolean();
  }
  return false;
}

std::optional<Number> AsNumber(const Document& text) {
  if (!text.is_string()) return std::nullopt;
  Result<Number> n = Number::Parse(text.get_ref<const std::string&>());
  if (!n.ok()) return std::nullopt;
  return n.value();
}

// "[a, b]" as AWS prints collections in duplicate messages.
std::string CollectionText(const Document& members, bool binary) {
  std::string out = "[";
  for (size_t i = 0; i < members.size(); ++i) {
    if (i) out += ", ";
    out += binary ? Base64Encode(BinaryView(members[i])) : members[i].get<std::string>();
  }
  return out + "]";
}

Result<Document> CanonicalSet(AttributeType type, const Document& members) {
  if (members.empty()) {
    switch (type) {
      case AttributeType::kSS:
        return Invalid("One or more parameter values were invalid: An string set  may not be empty");
      case AttributeType::kNS:
        return Invalid("One or more parameter values were invalid: An number set  may not be empty");
      default:
        return Invalid("One or more parameter values were invalid: Binary sets should not be empty");
    }
  }
  Document out = Document::array();
  std::set<std::string> seen;
  for (const Document& member : members) {
    std::string key;
    if (type == AttributeType::kNS) {
      SKYBOX_ASSIGN_OR_RETURN(Number n, Number::Parse(member.get_ref<const std::string&>()));
      key = n.ToString();
      out.push_back(key);
    } else {
      key = type == AttributeType::kBS ? std::string(BinaryView(member)) : member.get<std::string>();
      out.push_back(member);
    }
    if (!seen.insert(key).second) {
      if (type == AttributeType::kNS) return Invalid("Input collection contains duplicates");
      if (type == AttributeType::kSS) {
        return Invalid("One or more parameter values were invalid: Input collection " +
                       CollectionText(members, false) + " contains duplicates.");
      }
      return Invalid("One or more parameter values were invalid: Input collection " +
                     CollectionText(members, true) + "of type BS contains duplicates.");
    }
  }
  return out;
}

// Unordered comparison of set members by a canonical key per member.
bool SetsEqual(AttributeType type, const Document& a, const Document& b) {
  if (a.size() != b.size()) return false;
  auto keys = [type](const Document& members) {
    std::multiset<std::string> out;
    for (const Document& m : members) {
      if (type == AttributeType::kNS) {
        std::optional<Number> n = AsNumber(m);
        out.insert(n ? n->ToString() : m.get<std::string>());
      } else if (type == AttributeType::kBS) {
        out.insert(std::string(BinaryView(m)));
      } else {
        out.insert(m.get<std::string>());
      }
    }
    return out;
  };
  return keys(a) == keys(b);
}

size_t NumberSize(const Document& text) {
  std::optional<Number> n = AsNumber(text);
  if (!n || n->is_zero()) return 1;
  int len = static_cast<int>(n->digits().size());
  int integer_digits = std::clamp(n->exponent() + 1, 0, len);
  int fraction_digits = len - integer_digits;
  return 1 + static_cast<size_t>((integer_digits + 1) / 2 + (fraction_digits + 1) / 2) +
         (n->negative() ? 1 : 0);
}

}  // namespace

std::string_view AttributeTypeName(AttributeType type) {
  for (const auto& [t, name] : kTypeNames) {
    if (t == type) return name;
  }
  return "";
}

std::optional<AttributeType> AttributeTypeFromName(std::string_view name) {
  for (const auto& [t, n] : kTypeNames) {
    if (n == name) return t;
  }
  return std::nullopt;
}

std::optional<AttributeType> TypeOf(const Document& value) {
  if (!value.is_object() || value.size() != 1) return std::nullopt;
  std::optional<AttributeType> type = AttributeTypeFromName(value.begin().key());
  if (!type || !MemberShapeOk(*type, value.begin().value())) return std::nullopt;
  return type;
}

Result<Document> CanonicalAttributeValue(const Document& value, int depth) {
  if (depth > kMaxNestingDepth) {
    return Invalid(std::string(kNestingLimitMessage));
  }
  if (value.is_object() && value.size() > 1) {
    return Invalid(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
        "supported datatypes");
  }
  std::optional<AttributeType> type = TypeOf(value);
  if (!type) {
    return Invalid(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  }
  const Document& member = value.begin().value();
  switch (*type) {
    case AttributeType::kN: {
      SKYBOX_ASSIGN_OR_RETURN(Number n, Number::Parse(member.get_ref<const std::string&>()));
      return Document{{"N", n.ToString()}};
    }
    case AttributeType::kNull:
      if (!member.get<bool>()) {
        return Invalid(
            "One or more parameter values were invalid: Null attribute value types must have the "
            "value of true");
      }
      return value;
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: {
      SKYBOX_ASSIGN_OR_RETURN(Document members, CanonicalSet(*type, member));
      return Document{{std::string(AttributeTypeName(*type)), std::move(members)}};
    }
    case AttributeType::kM: {
      Document out = Document::object();
      for (auto it = member.begin(); it != member.end(); ++it) {
        SKYBOX_ASSIGN_OR_RETURN(out[it.key()], CanonicalAttributeValue(it.value(), depth + 1));
      }
      return Document{{"M", std::move(out)}};
    }
    case AttributeType::kL: {
      Document out = Document::array();
      for (const Document& element : member) {
        SKYBOX_ASSIGN_OR_RETURN(Document canonical, CanonicalAttributeValue(element, depth + 1));
        out.push_back(std::move(canonical));
      }
      return Document{{"L", std::move(out)}};
    }
    default:
      return value;
  }
}

Result<Document> CanonicalItem(const Document& item) {
  if (!item.is_object()) return Invalid("One or more parameter values were invalid: Item is not a map");
  Document out = Document::object();
  for (auto it = item.begin(); it != item.end(); ++it) {
    SKYBOX_ASSIGN_OR_RETURN(out[it.key()], CanonicalAttributeValue(it.value()));
  }
  return out;
}

bool AttributeValuesEqual(const Document& a, const Document& b) {
  std::optional<AttributeType> ta = TypeOf(a);
  if (!ta || ta != TypeOf(b)) return false;
  const Document& ma = a.begin().value();
  const Document& mb = b.begin().value();
  switch (*ta) {
    case AttributeType::kN: {
      std::optional<Number> na = AsNumber(ma);
      std::optional<Number> nb = AsNumber(mb);
      return na && nb ? *na == *nb : ma == mb;
    }
    case AttributeType::kSS:
    case AttributeType::kNS:
    case AttributeType::kBS: return SetsEqual(*ta, ma, mb);
    case AttributeType::kM: {
      if (ma.size() != mb.size()) return false;
      for (auto it = ma.begin(); it != ma.end(); ++it) {
        auto other = mb.find(it.key());
        if (other == mb.end() || !AttributeValuesEqual(it.value(), *other)) return false;
      }
      return true;
    }
    case AttributeType::kL: {
      if (ma.size() != mb.size()) return false;
      for (size_t i = 0; i < ma.size(); ++i) {
        if (!AttributeValuesEqual(ma[i], mb[i])) return false;
      }
      return true;
    }
    default: return ma == mb;
  }
}

std::optional<std::strong_ordering> CompareAttributeValues(const Document& a, const Document& b) {
  std::optional<AttributeType> ta = TypeOf(a);
  if (!ta || ta != TypeOf(b)) return std::nullopt;
  const Document& ma = a.begin().value();
  const Document& mb = b.begin().value();
  switch (*ta) {
    case AttributeType::kS: {
      int c = ma.get_ref<const std::string&>().compare(mb.get_ref<const std::string&>());
      return c <=> 0;
    }
    case AttributeType::kB: {
      int c = BinaryView(ma).compare(BinaryView(mb));
      return c <=> 0;
    }
    case AttributeType::kN: {
      std::optional<Number> na = AsNumber(ma);
      std::optional<Number> nb = AsNumber(mb);
      if (!na || !nb) return std::nullopt;
      return *na <=> *nb;
    }
    default: return std::nullopt;
  }
}

size_t AttributeValueSize(const Document& value) {
  std::optional<AttributeType> type = TypeOf(value);
  if (!type) return 0;
  const Document& member = value.begin().value();
  switch (*type) {
    case AttributeType::kS: return member.get_ref<const std::string&>().size();
    case AttributeType::kB: return member.get_binary().size();
    case AttributeType::kN: return NumberSize(member);
    case AttributeType::kSS: {
      size_t total = 0;
      for (const Document& m : member) total += m.get_ref<const std::string&>().size();
      return total;
    }
    case AttributeType::kNS: {
      size_t total = 0;
      for (const Document& m : member) total += NumberSize(m);
      return total;
    }
    case AttributeType::kBS: {
      size_t total = 0;
      for (const Document& m : member) total += m.get_binary().size();
      return total;
    }
    case AttributeType::kM: {
      size_t total = 3;
      for (auto it = member.begin(); it != member.end(); ++it) {
        total += 1 + it.key().size() + AttributeValueSize(it.value());
      }
      return total;
    }
    case AttributeType::kL: {
      size_t total = 3;
      for (const Document& element : member) total += 1 + AttributeValueSize(element);
      return total;
    }
    case AttributeType::kNull:
    case AttributeType::kBool: return 1;
  }
  return 0;
}

size_t ItemSize(const Document& item) {
  size_t total = 0;
  if (!item.is_object()) return 0;
  for (auto it = item.begin(); it != item.end(); ++it) {
    total += it.key().size() + AttributeValueSize(it.value());
  }
  return total;
}

}  // namespace skybox::dynamodb
