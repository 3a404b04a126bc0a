// Store: Skybox's ordered key-value core. Every service keeps all of its state here, and
// every state change is one atomic WriteBatch.
//
// Durability contract:
//  - Durability::kSync (default): Commit's `done` runs with OK only after the batch is in the
//    write-ahead log and the log is fsync'd. Concurrent commits share one fsync (group
//    commit): a single committer thread takes every queued batch, writes them together and
//    syncs once, then completes all their callbacks. A batch becomes visible to readers no
//    earlier than it is durable.
//  - Durability::kAsync: `done` runs once the batch is in the engine (visible, in the OS page
//    cache); the log is fsync'd at least every `async_sync_interval` (100 ms). A crash may
//    lose the most recent commits, but what survives is always a prefix of the commit order
//    and never part of a batch.
//  - Ephemeral stores (in memory) keep nothing after Close; `durability` has no effect.
//  - A failed write or fsync completes every batch of its group with an error, never OK.
//    After an I/O error the on-disk engine refuses further writes until the store reopens.
//
// Thread-safety: every method may be called from any thread concurrently. `done` callbacks run
// on the committer thread, in commit order; they must be quick and must not wait for another
// commit (post the result to your own thread instead). Snapshots and iterators must be
// destroyed before the Store.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/engine.h"
#include "storage/iterator.h"
#include "storage/namespace.h"
#include "storage/write_batch.h"

namespace rocksdb {
class FileSystem;
}

namespace skybox::storage {

class Committer;
class SpaceReclaimer;

enum class Durability { kSync, kAsync };

// When an on-disk store compacts to give the space of deleted values back (space_reclaimer.h).
struct SpaceReclaimerOptions {
  std::chrono::milliseconds interval{5000};
  uint64_t min_freed_bytes = 64 << 20;  // freed since the last compaction, per the writers' hints
  uint64_t quiet_commits = 50;          // fewer commits than this in an interval is quiet
};

struct StoreOptions {
  std::string data_dir;    // created if missing; ignored when ephemeral
  bool ephemeral = false;  // in-memory engine; nothing is written to disk
  Durability durability = Durability::kSync;
  // kAsync only: the longest time an acknowledged commit may stay un-fsync'd.
  std::chrono::milliseconds async_sync_interval{100};
  // Fault-injection seam: the filesystem RocksDB does all its I/O through (see
  // fault_injection_fs.h). Null means the real filesystem.
  std::shared_ptr<rocksdb::FileSystem> file_system;
  SpaceReclaimerOptions reclaim;
};

// Counters of the committer since Open, for tests and diagnostics.
struct CommitStats {
  uint64_t commits = 0;  // batches completed (OK or not)
  uint64_t groups = 0;   // engine writes; commits / groups is the mean group size
  uint64_t syncs = 0;    // fsyncs of the write-ahead log
  uint64_t freed_bytes = 0;  // WriteBatch::FreedBytes of the batches written successfully
};

class Store {
 public:
  // Opens the store described by `options`. An on-disk store creates data_dir if missing and
  // recovers everything previously committed to it. Errors (kFailedPrecondition unless said
  // otherwise) carry a message fit for a CLI: data dir is a file, is not writable, cannot be
  // created, or is in use by another process; kInvalidArgument for an empty data_dir.
  static Result<std::unique_ptr<Store>> Open(StoreOptions options);

  // Close()s.
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // The namespace called `name`, created on first use; an on-disk store remembers it and
  // reopens it on the next Open. Calling it again with the same name returns the same handle.
  Result<Namespace> OpenNamespace(std::string_view name);

  // The value of `key` in `ns` (std::nullopt when absent), as of `snapshot` when given.
  // Fails with kInvalidArgument for a namespace this store did not issue.
  Result<std::optional<std::string>> Get(Namespace ns, std::string_view key,
                                         const Snapshot* snapshot = nullptr);

  // A point-in-time view for Get and NewIterator. Release it promptly: on disk it pins old
  // data files, in memory it pins old versions.
  std::shared_ptr<const Snapshot> GetSnapshot();

  // An ordered iterator over `ns` within `options`' bounds, at `snapshot` when given (the
  // iterator keeps it alive), otherwise at an implicit snapshot taken now. An unknown
  // namespace yields an iterator whose status() says so.
  std::unique_ptr<Iterator> NewIterator(Namespace ns, IteratorOptions options = {},
                                        std::shared_ptr<const Snapshot> snapshot = nullptr);

  // Queues `batch` for the committer and returns at once; `done` runs on the committer thread
  // with OK once the batch is applied and durable per the durability mode, or with an error
  // (unknown namespace: kInvalidArgument; I/O failure: kUnavailable). After Close, `done` runs
  // immediately on the calling thread with kFailedPrecondition.
  void Commit(WriteBatch batch, std::function<void(Status)> done);

  // Commit and block until `done` would have run. For tools and tests, never event loops.
  Status CommitAndWait(WriteBatch batch);

  // Blocks until every commit queued before it has completed and the log is fsync'd (also in
  // kAsync mode). Used at shutdown.
  Status Flush();

  // Completes every queued commit, fsyncs, stops the committer and closes the engine.
  // Idempotent. Outstanding snapshots and iterators must already be gone. Afterwards only
  // Commit, CommitAndWait, Flush (which fail) and GetCommitStats may be called.
  void Close();

  CommitStats GetCommitStats() const;
  const StoreOptions& options() const { return options_; }

 private:
  Store(StoreOptions options, std::unique_ptr<Engine> engine);

  StoreOptions options_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Committer> committer_;
  std::unique_ptr<SpaceReclaimer> reclaimer_;  // on-disk stores only
};

}  // namespace skybox::storage
