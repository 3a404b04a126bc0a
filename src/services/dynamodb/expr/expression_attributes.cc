#include "services/dynamodb/expr/expression_attributes.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "base/ascii.h"

namespace skybox::dynamodb {
namespace {

Status Invalid(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "ValidationException", std::move(message));
}

// Placeholder keys are the sigil followed by one or more of [0-9A-Za-z_].
bool ValidKey(std::string_view key, char sigil) {
  if (key.size() < 2 || key[0] != sigil) return false;
  for (char c : key.substr(1)) {
    if (!IsAsciiAlnum(c) && c != '_') return false;
  }
  return true;
}

// The bucket a key lands in within a java.util.HashSet holding `total` keys: DynamoDB lists
// unused placeholders in that set's iteration order.
uint32_t JavaHashSetSlot(std::string_view key, size_t total) {
  int32_t h = 0;
  for (unsigned char c : key) h = static_cast<int32_t>(31u * static_cast<uint32_t>(h) + c);
  uint32_t u = static_cast<uint32_t>(h);
  size_t wanted = std::max<size_t>(static_cast<size_t>(static_cast<double>(total) / 0.75) + 1, 16);
  uint32_t capacity = 1;
  while (capacity < wanted) capacity <<= 1;
  return (u ^ (u >> 16)) & (capacity - 1);
}

template <typename Map, typename Set>
std::string UnusedKeys(const Map& defined, const Set& used) {
  std::vector<std::string_view> unused;
  for (const auto& [key, unused_value] : defined) {
    if (!used.count(key)) unused.push_back(key);
  }
  std::stable_sort(unused.begin(), unused.end(), [&](std::string_view a, std::string_view b) {
    return JavaHashSetSlot(a, defined.size()) < JavaHashSetSlot(b, defined.size());
  });
  std::string keys;
  for (std::string_view key : unused) {
    if (!keys.empty()) keys += ", ";
    keys += key;
  }
  return keys;
}

}  // namespace

Result<ExpressionAttributes> ExpressionAttributes::Create(const Document* names,
                                                          const Document* values) {
  ExpressionAttributes out;
  if (names != nullptr && !names->is_null()) {
    if (!names->is_object() || names->empty()) {
      return Invalid("ExpressionAttributeNames must not be empty");
    }
    for (auto it = names->begin(); it != names->end(); ++it) {
      if (it.key().size() > 255) {
        return Invalid("ExpressionAttributeNames contains invalid key: The expression attribute "
                       "map contains a key that is too long; size of key: " +
                       std::to_string(it.key().size()));
      }
      if (!ValidKey(it.key(), '#')) {
        return Invalid("ExpressionAttributeNames contains invalid key: Syntax error; key: \"" +
                       it.key() + "\"");
      }
      std::string name = it.value().is_string() ? it.value().get<std::string>() : "";
      if (name.empty()) {
        return Invalid("ExpressionAttributeNames contains invalid value: Empty attribute name for "
                       "key " + it.key());
      }
      out.names_[it.key()] = std::move(name);
    }
  }
  if (values != nullptr && !values->is_null()) {
    if (!values->is_object() || values->empty()) {
      return Invalid("ExpressionAttributeValues must not be empty");
    }
    for (auto it = values->begin(); it != values->end(); ++it) {
      if (it.key().size() > 255) {
        return Invalid("ExpressionAttributeValues contains invalid key: The expression attribute "
                       "map contains a key that is too long;");
      }
      if (!ValidKey(it.key(), ':')) {
        return Invalid("ExpressionAttributeValues contains invalid key: Syntax error; key: \"" +
                       it.key() + "\"");
      }
    }
    for (auto it = values->begin(); it != values->end(); ++it) {
      Result<Document> canonical = CanonicalAttributeValue(it.value());
      if (!canonical.ok()) {
        return Invalid("ExpressionAttributeValues contains invalid value: " +
                       canonical.status().message() + " for key " + it.key());
      }
      out.values_[it.key()] = std::move(canonical).value();
    }
  }
  return out;
}

Result<ExpressionAttributes> ExpressionAttributes::FromRequest(const Document& request) {
  auto member = [&request](const char* name) -> const Document* {
    auto it = request.find(name);
    return it == request.end() ? nullptr : &*it;
  };
  return Create(member("ExpressionAttributeNames"), member("ExpressionAttributeValues"));
}

const std::string* ExpressionAttributes::ResolveName(std::string_view placeholder) {
  auto it = names_.find(placeholder);
  if (it == names_.end()) return nullptr;
  used_names_.insert(it->first);
  return &it->second;
}

const Document* ExpressionAttributes::ResolveValue(std::string_view placeholder) {
  auto it = values_.find(placeholder);
  if (it == values_.end()) return nullptr;
  used_values_.insert(it->first);
  return &it->second;
}

Status ExpressionAttributes::CheckAllUsed() const {
  std::string names = UnusedKeys(names_, used_names_);
  if (!names.empty()) {
    return Invalid("Value provided in ExpressionAttributeNames unused in expressions: keys: {" +
                   names + "}");
  }
  std::string values = UnusedKeys(values_, used_values_);
  if (!values.empty()) {
    return Invalid("Value provided in ExpressionAttributeValues unused in expressions: keys: {" +
                   values + "}");
  }
  return Status::Ok();
}

}  // namespace skybox::dynamodb
