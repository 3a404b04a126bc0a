// StoredMessage: one queued message as kept in the sqs_messages namespace, and its encoding.
//
// Thread-safety: a value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/protocol/document.h"

namespace skybox::services::sqs {

struct StoredMessage {
  uint64_t sequence = 0;
  std::string message_id;
  std::string body;
  aws::Document attributes = aws::Document::object();         // MessageBodyAttributeMap
  aws::Document system_attributes = aws::Document::object();  // AWSTraceHeader
  std::string md5_of_body;
  std::string md5_of_attributes;         // empty when there are none
  std::string md5_of_system_attributes;  // empty when there are none
  std::string sender_id;
  int64_t sent_ms = 0;
  int64_t first_receive_ms = 0;  // 0 until the first receive
  int64_t last_receive_ms = 0;
  uint32_t receive_count = 0;
  uint64_t receipt_nonce = 0;  // of the latest receive; older handles are stale
  int64_t visible_at_ms = 0;   // receivable from this time on
  std::string group_id;        // FIFO queues
  std::string deduplication_id;
  std::string dead_letter_source_arn;  // set when moved to a dead-letter queue
};

std::string EncodeStoredMessage(const StoredMessage& m);
std::optional<StoredMessage> DecodeStoredMessage(std::string_view bytes);

// The bytes that count toward MaximumMessageSize: body plus attribute names, types and values.
size_t MessageSize(const StoredMessage& m);

}  // namespace skybox::services::sqs
