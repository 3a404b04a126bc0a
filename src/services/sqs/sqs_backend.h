// SqsBackend: the state behind every SQS operation — the queue registry and the message
// engine over the Store (send, receive, delete, change visibility, purge, dead-letter moves),
// plus long polling.
//
// Durability: every state change is one WriteBatch; an operation answers only after its batch
// is durable, so an acknowledged SendMessage survives kill -9 and a deleted message never
// returns. Messages live in the store (keys.h); memory holds only queue metadata, the
// overlay of in-flight commits and mirrors of the queues' small side records (queue.h). A
// side record (FIFO deduplication id, receive attempt, last purge, message count, move task)
// is written in the batch of the change it belongs to; expired ones are deleted by later
// batches of the same queue and at open.
//
// Thread-safety: every method may be called from any thread. The registry is guarded by
// `registry_mu_`; each queue's state by its own `Queue::mu`. Lock order: a Queue::mu before
// registry_mu_ (a leaf: nothing is locked while holding it); never two Queue::mu at once (a dead-letter move writes the target queue's keys
// without taking its lock: a new sequence is invisible to everyone until durable).
// Callbacks passed in run on the store's committer thread or the timer thread.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "aws/service.h"
#include "base/timer_queue.h"
#include "services/sqs/keys.h"
#include "services/sqs/queue.h"
#include "storage/store.h"

namespace skybox::services::sqs {

struct SqsOptions {
  std::string region = "us-east-1";
  // Host[:port] of queue URLs when the request's Host header is not available; asked per
  // request, so a server listening on port 0 can supply its port once bound.
  std::function<std::string()> default_host = [] { return std::string("localhost:4566"); };
  // Wall-clock milliseconds since the epoch: timestamps, visibility, delays, retention. A seam
  // for tests; long-poll waits use real (steady) time regardless.
  std::function<int64_t()> clock_ms;
};

int64_t NowMs();

// How long a deleted queue's name stays unavailable (QueueDeletedRecently).
constexpr int64_t kQueueDeletedRecentlyMs = 60 * 1000;

// One entry of a SendMessage(Batch) whose validation passed.
struct OutgoingMessage {
  StoredMessage message;  // body, attributes, md5s, sender, group and dedup ids filled in
  int delay_seconds = 0;
};
struct SentMessage {
  std::string message_id;
  uint64_t sequence = 0;
};

struct QueueCounts {
  uint64_t visible = 0;
  uint64_t not_visible = 0;
  uint64_t delayed = 0;
};

// A side record of a queue (keys.h, QueueRecordKind): put when `value` is set, else deleted.
struct QueueRecord {
  QueueRecordKind kind;
  std::string name;
  std::optional<std::string> value;
};

class SqsBackend : public std::enable_shared_from_this<SqsBackend> {
 public:
  // Opens the namespaces and loads the queue registry.
  static Result<std::shared_ptr<SqsBackend>> Open(storage::Store* store, SqsOptions options);
  // Stops the timer thread, then waits for every commit it queued, whose callbacks use it.
  ~SqsBackend();

  const SqsOptions& options() const { return options_; }
  int64_t Now() const { return options_.clock_ms ? options_.clock_ms() : NowMs(); }

  // --- registry ---
  std::shared_ptr<Queue> Find(std::string_view account_id, std::string_view name);
  // The queue a request's QueueUrl names, or QueueDoesNotExist.
  Result<std::shared_ptr<Queue>> Resolve(std::string_view account_id, const aws::Document& input);
  std::shared_ptr<Queue> FindByArn(std::string_view arn);
  std::vector<std::shared_ptr<Queue>> List(std::string_view account_id);
  // Registers and persists a new queue; `existing` gets the queue that already had the name.
  // QueueDeletedRecently when a queue of that name was deleted less than 60 s ago.
  void Create(QueueMeta meta, std::function<void(Result<std::shared_ptr<Queue>>)> done,
              std::shared_ptr<Queue>* existing);
  // Persists `q->meta` (the caller changed it under q->mu).
  void PersistMeta(const std::shared_ptr<Queue>& q, std::function<void(Status)> done);
  // Deletes the queue, its messages and side records, and remembers the name for 60 s.
  void Delete(const std::shared_ptr<Queue>& q, std::function<void(Status)> done);
  std::string ArnOf(const Queue& q) const;

  // --- messages ---
  void Send(const std::shared_ptr<Queue>& q, std::vector<OutgoingMessage> messages,
            std::function<void(Status, std::vector<SentMessage>)> done);
  // Receives at once, or parks the request up to `wait_seconds` (long polling).
  void Receive(const std::shared_ptr<Queue>& q, ReceiveRequest request, int wait_seconds, aws::CallDone done);
  // Per-entry results, in order; an entry's Status is its error (ReceiptHandleIsInvalid).
  void DeleteMessages(const std::shared_ptr<Queue>& q, std::vector<std::string> handles,
                      std::function<void(Status, std::vector<Status>)> done);
  void ChangeVisibility(const std::shared_ptr<Queue>& q, std::vector<std::pair<std::string, int>> entries,
                        std::function<void(Status, std::vector<Status>)> done);
  // PurgeQueueInProgress within 60 s of the previous purge.
  void Purge(const std::shared_ptr<Queue>& q, std::function<void(Status)> done);
  // The Approximate* counters: the queue's message count less the invisible messages, which
  // are counted from the visibility index (only its entries after `now` are read).
  QueueCounts Count(const std::shared_ptr<Queue>& q);
  // Moves up to `limit` receivable messages of `source` to the queue `target_of` names for
  // each (message move tasks; a message with no target stays). `progress(moved)` gives a side
  // record of `source` written in the same batch when any moved. `done` gets how many moved.
  using TargetOf = std::function<std::shared_ptr<Queue>(const StoredMessage&)>;
  void MoveMessages(const std::shared_ptr<Queue>& source, TargetOf target_of, size_t limit,
                    std::function<QueueRecord(size_t)> progress, std::function<void(Status, size_t)> done);
  // Writes side records of `q` in one batch, ordered after every change already staged on it.
  void CommitRecords(const std::shared_ptr<Queue>& q, std::vector<QueueRecord> records,
                     std::function<void(Status)> done);
  // The move task records (JSON) found at open; each call after the first returns none.
  std::vector<std::string> TakeLoadedMoveTasks();
  TimerQueue& timers() { return *timers_; }

  // Answers every parked long poll with an empty result; later ones are not parked.
  void BeginShutdown();

 private:
  SqsBackend(storage::Store* store, SqsOptions options) : store_(store), options_(std::move(options)) {}
  Status Load();
  // Loads the side records into the queues' mirrors and the recently deleted names; deletes
  // expired and orphaned records.
  Status LoadRecords(const std::map<uint64_t, std::shared_ptr<Queue>>& by_id);
  uint64_t NextSequence() { return next_sequence_.fetch_add(1); }

  // What a batch being built changes besides its keys.
  struct Staged {
    std::vector<std::pair<uint64_t, uint64_t>> overlay;  // (sequence, version) of `pending`
    int64_t count_delta = 0;                             // messages added less removed
    std::vector<std::shared_ptr<Queue>> incoming;        // a target per message moved out
  };
  Result<std::optional<StoredMessage>> LoadLocked(Queue& q, uint64_t sequence);
  void StageLocked(Queue& q, storage::WriteBatch& batch, const std::optional<StoredMessage>& before,
                   std::optional<StoredMessage> after, uint64_t sequence, Staged& staged);
  // Puts `moved` (a new sequence) into `target` as a receivable message.
  void StageIncomingLocked(const std::shared_ptr<Queue>& target, storage::WriteBatch& batch, const StoredMessage& moved,
                           Staged& staged);
  // Adds the message count records `staged` changes and queues the batch.
  void CommitLocked(const std::shared_ptr<Queue>& q, storage::WriteBatch batch, Staged staged,
                    std::function<void(Status)> done);
  void PutRecord(storage::WriteBatch& batch, const Queue& q, const QueueRecord& record);
  // Drops expired deduplication ids and receive attempts, deleting their records in `batch`.
  void SweepExpiredLocked(Queue& q, int64_t now, storage::WriteBatch& batch);
  // Candidates for a receive, in delivery order (standard: by visible time; FIFO: by group).
  std::vector<StoredMessage> ReceivableLocked(Queue& q, int64_t now, size_t limit);
  // Claims up to request.max_messages messages and commits; true when any were claimed, in
  // which case `done` was taken and already answered (the claim's commit may still be in
  // flight: the overlay holds it, and a lost claim only redelivers). With `answer_empty`, a
  // receive that only expired or dead-lettered messages also takes `done` and answers empty
  // once that is durable (so a client sees the dead-letter queue filled when it is answered).
  bool ReceiveLocked(const std::shared_ptr<Queue>& q, const ReceiveRequest& request, aws::CallDone& done,
                     bool answer_empty = false);
  aws::Document MessageOutput(const Queue& q, const StoredMessage& m, const ReceiveRequest& request,
                              const std::string& handle) const;
  void WakeWaiters(const std::shared_ptr<Queue>& q);
  void NotifyReceivable(const std::shared_ptr<Queue>& q);
  void ScheduleWakeLocked(const std::shared_ptr<Queue>& q);
  void ExpireWaiter(const std::shared_ptr<Queue>& q, const std::shared_ptr<Waiter>& w);

  storage::Store* store_;
  SqsOptions options_;
  storage::Namespace queues_ns_, messages_ns_, visibility_ns_, state_ns_, deleted_ns_;
  std::atomic<uint64_t> next_sequence_{1};
  std::atomic<bool> shutting_down_{false};

  std::mutex registry_mu_;
  std::map<std::string, std::shared_ptr<Queue>, std::less<>> queues_;  // guarded by registry_mu_
  uint64_t next_queue_id_ = 1;                                          // guarded by registry_mu_
  // Queue key -> when it was deleted, mirroring sqs_deleted; guarded by registry_mu_. Entries
  // older than 60 s are dropped when the name is created again and at open.
  std::map<std::string, int64_t, std::less<>> deleted_ms_;
  std::vector<std::string> loaded_move_tasks_;  // guarded by registry_mu_

  // Reset first on destruction (its thread joins), so no timer callback runs or commits anew.
  std::unique_ptr<TimerQueue> timers_ = std::make_unique<TimerQueue>();
};

}  // namespace skybox::services::sqs
