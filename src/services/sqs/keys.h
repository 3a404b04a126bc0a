// SQS's storage layout: the order-preserving key encodings and receipt handles.
//
// Namespaces:
//   sqs_queues      "<account>/<name>"                      -> queue metadata (JSON)
//   sqs_messages    BE64(queue id) BE64(sequence)            -> StoredMessage (CBOR)
//   sqs_visibility  BE64(queue id) BE64(visible at, ms) BE64(sequence) -> "" (index)
// The visibility index orders a queue's messages by when they become receivable, so a receive
// seeks to the queue's first entry and stops at the first one still invisible. The message
// namespace orders them by sequence (send order): FIFO receives walk it.
//
// A receipt handle names (queue id, sequence, receive count) plus a random nonce, so a
// handle from an earlier receive of the same message is recognised as stale.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skybox::services::sqs {

std::string QueueKey(std::string_view account_id, std::string_view name);

std::string MessageKey(uint64_t queue_id, uint64_t sequence);
// [MessagePrefix(q), MessagePrefix(q + 1)) holds every message of queue q.
std::string MessagePrefix(uint64_t queue_id);
uint64_t SequenceOfMessageKey(std::string_view key);

std::string VisibilityKey(uint64_t queue_id, int64_t visible_at_ms, uint64_t sequence);
struct VisibilityEntry {
  int64_t visible_at_ms;
  uint64_t sequence;
};
std::optional<VisibilityEntry> ParseVisibilityKey(std::string_view key);

struct ReceiptHandle {
  uint64_t queue_id = 0;
  uint64_t sequence = 0;
  uint32_t receive_count = 0;
  uint64_t nonce = 0;
};
std::string EncodeReceiptHandle(const ReceiptHandle& handle);
std::optional<ReceiptHandle> DecodeReceiptHandle(std::string_view text);

}  // namespace skybox::services::sqs
