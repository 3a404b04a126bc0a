// The JSON documents SNS delivers to sqs (non-raw) and http/https subscribers — Notification,
// SubscriptionConfirmation — and the canonical strings their Signature is computed over.
//
// Field order follows AWS's documents (Type, MessageId, ...); receivers must not rely on it,
// but humans reading logs do.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace skybox::services::sns {

// One message as the subscriber sees it.
struct NotificationFields {
  std::string type = "Notification";  // or "SubscriptionConfirmation", "UnsubscribeConfirmation"
  std::string message_id;
  std::string topic_arn;
  std::string subject;  // omitted when empty
  std::string message;
  std::string timestamp;  // ISO 8601 with milliseconds, UTC ("2026-11-29T08:00:00.000Z")
  // Notification only.
  std::string unsubscribe_url;
  // SNS-shaped attributes: {"name": {"Type": "String", "Value": "v"}}; omitted when empty.
  nlohmann::ordered_json message_attributes = nlohmann::ordered_json::object();
  // FIFO topics: omitted when empty.
  std::string sequence_number;
  // Confirmations only.
  std::string token;
  std::string subscribe_url;
  // Filled by the signer.
  std::string signature_version = "1";
  std::string signature;
  std::string signing_cert_url;
};

// The canonical string AWS documents for verifying a message: "Key\nValue\n" for each signed
// key, in byte order — Message, MessageId, Subject (when present), Timestamp, TopicArn, Type
// for notifications; Message, MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type for
// (un)subscribe confirmations.
std::string StringToSign(const NotificationFields& fields);

// The JSON body (compact).
std::string NotificationJson(const NotificationFields& fields);

// SQS message attributes ({"n": {"DataType", "StringValue"|"BinaryValue"}}) as the notification
// shows them ({"n": {"Type", "Value"}}).
nlohmann::ordered_json NotificationAttributes(const nlohmann::json& sqs_attributes);

// Milliseconds since the epoch as AWS's notification timestamp.
std::string NotificationTimestamp(int64_t epoch_ms);

}  // namespace skybox::services::sns
