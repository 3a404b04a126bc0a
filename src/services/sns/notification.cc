#include "services/sns/notification.h"

#include "aws/protocol/timestamp.h"

namespace skybox::services::sns {
namespace {

bool IsConfirmation(const NotificationFields& f) { return f.type != "Notification"; }

void AppendPair(std::string& out, std::string_view key, std::string_view value) {
  out.append(key).append("\n").append(value).append("\n");
}

}  // namespace

std::string StringToSign(const NotificationFields& f) {
  std::string out;
  AppendPair(out, "Message", f.message);
  AppendPair(out, "MessageId", f.message_id);
  if (IsConfirmation(f)) {
    AppendPair(out, "SubscribeURL", f.subscribe_url);
    AppendPair(out, "Timestamp", f.timestamp);
    AppendPair(out, "Token", f.token);
  } else {
    if (!f.subject.empty()) AppendPair(out, "Subject", f.subject);
    AppendPair(out, "Timestamp", f.timestamp);
  }
  AppendPair(out, "TopicArn", f.topic_arn);
  AppendPair(out, "Type", f.type);
  return out;
}

std::string NotificationJson(const NotificationFields& f) {
  nlohmann::ordered_json doc;
  doc["Type"] = f.type;
  doc["MessageId"] = f.message_id;
  if (IsConfirmation(f)) doc["Token"] = f.token;
  doc["TopicArn"] = f.topic_arn;
  if (!IsConfirmation(f) && !f.subject.empty()) doc["Subject"] = f.subject;
  doc["Message"] = f.message;
  if (IsConfirmation(f)) doc["SubscribeURL"] = f.subscribe_url;
  doc["Timestamp"] = f.timestamp;
  if (!f.sequence_number.empty()) doc["SequenceNumber"] = f.sequence_number;
  doc["SignatureVersion"] = f.signature_version;
  doc["Signature"] = f.signature;
  doc["SigningCertURL"] = f.signing_cert_url;
  if (!IsConfirmation(f)) {
    doc["UnsubscribeURL"] = f.unsubscribe_url;
    if (!f.message_attributes.empty()) doc["MessageAttributes"] = f.message_attributes;
  }
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::ordered_json NotificationAttributes(const nlohmann::json& sqs_attributes) {
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  if (!sqs_attributes.is_object()) return out;
  for (auto& [name, value] : sqs_attributes.items()) {
    if (!value.is_object()) continue;
    std::string type = value.value("DataType", std::string("String"));
    bool binary = type.starts_with("Binary");
    std::string v = value.value(binary ? "BinaryValue" : "StringValue", std::string());
    out[name] = {{"Type", type}, {"Value", v}};
  }
  return out;
}

std::string NotificationTimestamp(int64_t epoch_ms) { return aws::FormatIso8601(static_cast<double>(epoch_ms) / 1000.0); }

}  // namespace skybox::services::sns
