// What SNS accepts in Publish / PublishBatch, and how a published message looks to filter
// policies and to each protocol.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace skybox::services::sns {

constexpr size_t kMaxMessageBytes = 262144;  // message + attributes

// One message as published (Publish input or a PublishBatch entry).
struct PublishedMessage {
  std::string message;
  std::string subject;
  std::string message_structure;  // "" or "json"
  // As the model decodes them (SQS-shaped): {"n": {"DataType", "StringValue"|"BinaryValue"}}.
  nlohmann::json attributes = nlohmann::json::object();
  std::string group_id;
  std::string deduplication_id;
};

// Reads the members Publish and PublishBatchRequestEntry share.
PublishedMessage PublishedMessageFrom(const nlohmann::json& input);

// Checks `m` for a topic of the given kind. For a FIFO topic with content-based deduplication
// and no explicit id, fills `deduplication_id` with the SHA-256 of the message. Failures are
// AWS's InvalidParameter / ParameterValueInvalid.
Status ValidatePublishedMessage(PublishedMessage& m, bool fifo, bool content_based_deduplication);

// The message attributes as a filter policy (MessageAttributes scope) sees them: String as a
// string, Number as a number, String.Array as the parsed array; Binary left out.
nlohmann::json FilterPolicyAttributes(const nlohmann::json& attributes);

// The message a subscriber of `protocol` gets: with MessageStructure json, the protocol's own
// entry or else "default"; otherwise the message itself.
std::string MessageForProtocol(std::string_view message, std::string_view structure, std::string_view protocol);

}  // namespace skybox::services::sns
