// Queue: one SQS queue's durable metadata and its in-memory runtime state.
//
// QueueMeta is what sqs_queues stores. Queue adds what only lives while the server runs:
// the overlay of message changes whose commit is still in flight and long-poll waiters, plus
// in-memory mirrors of the queue's durable side records (keys.h, QueueRecordKind): the FIFO
// deduplication window, ReceiveRequestAttemptId answers, the PurgeQueue rate limit and the
// message count. A mirror is loaded at open and changed together with the batch that writes
// its record, so it stays exact across restarts.
//
// Why an overlay: a committed batch is visible to reads only once it is durable (fsync'd), so
// between a receive staging its claim and the claim becoming readable, a second receiver
// reading the store would see the message as still visible. Every change is therefore also
// recorded in `pending` (sequence -> the message's newest state, or nullopt when deleted)
// until its commit completes, and every reader consults `pending` before the store.
//
// Thread-safety: `meta` fields other than id/account/name, and every runtime field, are
// guarded by `mu`. The store reads of a receive happen with `mu` held, so a pending entry
// cannot be retired between a reader's store read and its overlay check. Commits are queued
// with `mu` held, so the store applies one queue's batches in the order they were staged.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "aws/service.h"
#include "base/timer_queue.h"
#include "services/sqs/queue_attributes.h"
#include "services/sqs/stored_message.h"

namespace skybox::services::sqs {

struct QueueMeta {
  uint64_t id = 0;
  std::string account_id;
  std::string name;
  AttributeMap attributes;
  std::map<std::string, std::string> tags;
  int64_t created_s = 0;
  int64_t modified_s = 0;

  bool fifo() const { return BoolAttribute(attributes, "FifoQueue"); }
  std::string ToJson() const;
  static std::optional<QueueMeta> FromJson(std::string_view json);
};

// What a ReceiveMessage asks for (validated).
struct ReceiveRequest {
  int max_messages = 1;
  std::optional<int> visibility_timeout;
  aws::Document system_attribute_names = aws::Document::array();
  aws::Document message_attribute_names = aws::Document::array();
  std::string attempt_id;
};

// A long-poll ReceiveMessage parked until a message becomes receivable or its wait ends.
struct Waiter {
  ReceiveRequest request;
  aws::CallDone done;
  TimerQueue::TimerId deadline_timer = 0;
};

struct PendingChange {
  std::optional<StoredMessage> state;  // nullopt: deleted
  uint64_t version = 0;
};

// A FIFO MessageDeduplicationId seen within the window: later sends get the first answer.
struct DedupEntry {
  int64_t expires_ms = 0;
  std::string message_id;
  uint64_t sequence = 0;

  std::string ToJson() const;
  static std::optional<DedupEntry> FromJson(std::string_view json);
};

// The messages a FIFO ReceiveMessage with a ReceiveRequestAttemptId answered, repeated to a
// retry with the same id until it expires.
struct ReceiveAttempt {
  int64_t expires_ms = 0;
  aws::Document messages = aws::Document::array();

  std::string ToJson() const;
  static std::optional<ReceiveAttempt> FromJson(std::string_view json);
};

class Queue {
 public:
  explicit Queue(QueueMeta m) : meta(std::move(m)) {}

  std::mutex mu;
  QueueMeta meta;                                   // see the header comment
  bool deleted = false;                             // guarded by mu
  std::map<uint64_t, PendingChange> pending;        // guarded by mu
  uint64_t next_version = 1;                        // guarded by mu
  std::list<std::shared_ptr<Waiter>> waiters;       // guarded by mu
  TimerQueue::TimerId wake_timer = 0;               // guarded by mu
  int64_t wake_at_ms = 0;                           // guarded by mu; 0 when no wake timer
  int64_t last_purge_ms = -1;                       // guarded by mu
  bool purging = false;                             // guarded by mu
  // Messages with a lower sequence were purged: gone for every operation from the moment
  // PurgeQueue is accepted, also while its batch is still being written.
  uint64_t purged_below = 0;                        // guarded by mu
  std::map<std::string, DedupEntry> dedup;                // guarded by mu; FIFO only
  std::map<std::string, ReceiveAttempt> receive_attempts;  // guarded by mu; FIFO only
  // The entries of `dedup` / `receive_attempts` by expiry, for the sweep that deletes expired
  // records. An entry renewed since stays listed under its old time too (the sweep checks the
  // map's expiry). Guarded by mu.
  std::multimap<int64_t, std::string> dedup_expiry, attempt_expiry;
  std::atomic<size_t> waiter_count{0};              // mirrors waiters.size() for lock-free checks

  // Where a standard receive starts scanning the visibility index. Every live index entry of
  // the queue has visible_at >= scan_from_ms, except entries in `pending` (overlay) and those
  // of dead-letter/move batches still in flight (`incoming_commits` > 0). It skips the
  // tombstones that received and deleted messages leave at the front of the index.
  std::atomic<int64_t> scan_from_ms{0};
  std::atomic<int> incoming_commits{0};  // dead-letter / move batches writing into this queue

  // How many messages the queue holds (visible, in flight or delayed), including every staged
  // change. It changes, and its record is put in the batch, only with `count_mu` held and the
  // batch queued before `count_mu` is released, so records reach the store in the order of
  // the values they carry. A leaf lock: taken with the queue's (or a source queue's) mu held.
  std::mutex count_mu;
  std::atomic<int64_t> message_count{0};

  // Lowers scan_from_ms to `visible_at_ms` (from any thread).
  void LowerScanStart(int64_t visible_at_ms) {
    int64_t cur = scan_from_ms.load();
    while (visible_at_ms < cur && !scan_from_ms.compare_exchange_weak(cur, visible_at_ms)) {
    }
  }
};

}  // namespace skybox::services::sqs
