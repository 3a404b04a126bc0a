// SQS's storage layout: the order-preserving key encodings and receipt handles.
//
// Namespaces:
//   sqs_queues      "<account>/<name>"                      -> queue metadata (JSON)
//   sqs_messages    BE64(queue id) BE64(sequence)            -> StoredMessage (CBOR)
//   sqs_visibility  BE64(queue id) BE64(visible at, ms) BE64(sequence) -> "n"ew / "r"eceived
//   sqs_state       BE64(queue id) kind [name]                -> a queue's side record (see
//                   QueueRecordKind), written in the batch of the change it belongs to
//   sqs_deleted     "<account>/<name>"                        -> when the queue was deleted (ms)
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

// The side records a queue keeps in sqs_state besides its messages.
enum class QueueRecordKind : char {
  kMessageCount = 'c',    // no name; how many messages the queue holds (decimal)
  kDeduplication = 'd',   // name: the FIFO deduplication key; EncodeDedupRecord
  kReceiveAttempt = 'a',  // name: a ReceiveRequestAttemptId; the answer given (JSON)
  kLastPurge = 'p',       // no name; when PurgeQueue last ran (ms, decimal)
  kMoveTask = 't',        // name: the task handle; the task (JSON), kept under its source queue
};
std::string QueueRecordKey(uint64_t queue_id, QueueRecordKind kind, std::string_view name = {});
struct QueueRecordRef {
  uint64_t queue_id;
  QueueRecordKind kind;
  std::string_view name;  // points into the parsed key
};
std::optional<QueueRecordRef> ParseQueueRecordKey(std::string_view key);

struct ReceiptHandle {
  uint64_t queue_id = 0;
  uint64_t sequence = 0;
  uint32_t receive_count = 0;
  uint64_t nonce = 0;
};
std::string EncodeReceiptHandle(const ReceiptHandle& handle);
std::optional<ReceiptHandle> DecodeReceiptHandle(std::string_view text);

}  // namespace skybox::services::sqs
