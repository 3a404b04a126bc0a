#include "services/sns/publish_rules.h"

#include <cctype>
#include <cstdlib>

#include "base/crypto.h"
#include "services/sns/sns_errors.h"

namespace skybox::services::sns {
namespace {

using nlohmann::json;

std::string Str(const json& input, const char* key) {
  auto it = input.find(key);
  return it != input.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool ValidSubject(std::string_view subject) {
  if (subject.empty() || subject.size() > 100) return false;
  if (!std::isalnum(static_cast<unsigned char>(subject[0])) && !std::ispunct(static_cast<unsigned char>(subject[0]))) {
    return false;
  }
  for (char c : subject) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || u >= 0x80) return false;
  }
  return true;
}

// AWS's MessageGroupId / MessageDeduplicationId alphabet: alphanumerics and punctuation.
bool ValidFifoToken(std::string_view token) {
  if (token.empty() || token.size() > 128) return false;
  for (char c : token) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && !std::ispunct(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool ValidAttributeName(std::string_view name) {
  if (name.empty() || name.size() > 256 || name.front() == '.' || name.back() == '.') return false;
  if (name.find("..") != std::string_view::npos) return false;
  if (name.starts_with("AWS.") || name.starts_with("Amazon.")) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') return false;
  }
  return true;
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

Status ValidateAttributes(const json& attributes, size_t& bytes) {
  if (!attributes.is_object()) return InvalidParameter("MessageAttributes");
  for (auto& [name, value] : attributes.items()) {
    if (!ValidAttributeName(name)) {
      return InvalidParameter("MessageAttributes Reason: The message attribute name '" + name + "' is invalid");
    }
    std::string type = value.is_object() ? Str(value, "DataType") : std::string();
    bool is_string = type == "String" || type.starts_with("String.");
    bool is_number = type == "Number" || type.starts_with("Number.");
    bool is_binary = type == "Binary" || type.starts_with("Binary.");
    if (!is_string && !is_number && !is_binary) {
      return ParameterValueInvalid("The message attribute '" + name +
                                   "' has an invalid message attribute type, the set of supported type prefixes "
                                   "is Binary, Number, and String.");
    }
    std::string v = Str(value, is_binary ? "BinaryValue" : "StringValue");
    if (v.empty()) {
      return ParameterValueInvalid("The message attribute '" + name +
                                   "' must contain non-empty message attribute value for message attribute type '" +
                                   type + "'.");
    }
    if (is_number && !ParseNumber(v)) {
      return ParameterValueInvalid("Could not cast message attribute '" + name + "' value to number.");
    }
    if (type == "String.Array") {
      json array = json::parse(v, nullptr, false);
      if (!array.is_array()) {
        return ParameterValueInvalid("The message attribute '" + name +
                                     "' with type 'String.Array' must use field 'String'.");
      }
    }
    bytes += name.size() + type.size() + v.size();
  }
  return Status::Ok();
}

}  // namespace

PublishedMessage PublishedMessageFrom(const json& input) {
  PublishedMessage m;
  m.message = Str(input, "Message");
  m.subject = Str(input, "Subject");
  m.message_structure = Str(input, "MessageStructure");
  if (input.contains("MessageAttributes") && input["MessageAttributes"].is_object()) {
    m.attributes = input["MessageAttributes"];
  }
  m.group_id = Str(input, "MessageGroupId");
  m.deduplication_id = Str(input, "MessageDeduplicationId");
  return m;
}

Status ValidatePublishedMessage(PublishedMessage& m, bool fifo, bool content_based_deduplication) {
  if (m.message.empty()) return InvalidParameter("Empty message");
  size_t bytes = m.message.size();
  SKYBOX_RETURN_IF_ERROR(ValidateAttributes(m.attributes, bytes));
  if (bytes > kMaxMessageBytes) return InvalidParameter("Message too long");
  if (!m.subject.empty()) {
    if (!ValidSubject(m.subject)) return InvalidParameter("Subject");
  }
  if (m.message_structure == "json") {
    json doc = json::parse(m.message, nullptr, false);
    if (!doc.is_object()) return InvalidParameter("Message Structure - JSON message body failed to parse");
    if (!doc.contains("default") || !doc["default"].is_string()) {
      return InvalidParameter("Message Structure - No default entry in JSON message body");
    }
  } else if (!m.message_structure.empty()) {
    return InvalidParameter("MessageStructure");
  }
  if (!fifo) {
    if (!m.deduplication_id.empty()) {
      return InvalidParameter(
          "MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid "
          "for this topic type");
    }
    if (!m.group_id.empty() && !ValidFifoToken(m.group_id)) return InvalidParameter("MessageGroupId");
    return Status::Ok();
  }
  if (m.group_id.empty()) return InvalidParameter("The MessageGroupId parameter is required for FIFO topics");
  if (!ValidFifoToken(m.group_id)) return InvalidParameter("MessageGroupId");
  if (m.deduplication_id.empty()) {
    if (!content_based_deduplication) {
      return InvalidParameter(
          "The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided "
          "explicitly");
    }
    m.deduplication_id = HexEncode(Sha256(m.message));
  } else if (!ValidFifoToken(m.deduplication_id)) {
    return InvalidParameter("MessageDeduplicationId");
  }
  return Status::Ok();
}

json FilterPolicyAttributes(const json& attributes) {
  json out = json::object();
  if (!attributes.is_object()) return out;
  for (auto& [name, value] : attributes.items()) {
    if (!value.is_object()) continue;
    std::string type = Str(value, "DataType");
    std::string v = Str(value, "StringValue");
    if (type == "String.Array") {
      json array = json::parse(v, nullptr, false);
      if (array.is_array()) out[name] = std::move(array);
    } else if (type == "Number" || type.starts_with("Number.")) {
      if (auto n = ParseNumber(v)) out[name] = *n;
    } else if (type == "String" || type.starts_with("String.")) {
      out[name] = v;
    }
  }
  return out;
}

std::string MessageForProtocol(std::string_view message, std::string_view structure, std::string_view protocol) {
  if (structure != "json") return std::string(message);
  json doc = json::parse(message, nullptr, false);
  if (!doc.is_object()) return std::string(message);
  auto it = doc.find(std::string(protocol));
  if (it != doc.end() && it->is_string()) return it->get<std::string>();
  return doc.value("default", std::string(message));
}

}  // namespace skybox::services::sns
