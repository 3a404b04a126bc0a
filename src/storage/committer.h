// Committer: the single thread that applies queued write batches in groups and makes them
// durable (internal to storage/; Store documents the contract users see).
//
// One loop: take every queued batch, drop (complete with an error) those naming unknown
// namespaces, write the rest to the engine as one atomic group -- with sync in kSync mode --
// then run their callbacks in queue order. In kAsync mode the same thread also syncs the
// log whenever unsynced writes are older than the interval.
//
// Thread-safety: Submit, Stats and Stop may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/engine.h"
#include "storage/store.h"

namespace skybox::storage {

class Committer {
 public:
  Committer(Engine* engine, Durability durability, std::chrono::milliseconds sync_interval);
  ~Committer();  // Stop()s

  // Queues `batch`; `done` runs on the committer thread. With `force_sync` the group this
  // batch lands in is fsync'd whatever the durability mode. After Stop, runs `done` inline
  // with kFailedPrecondition.
  void Submit(WriteBatch batch, bool force_sync, std::function<void(Status)> done);

  // Completes everything queued, syncs unsynced writes, and joins the thread. Idempotent.
  void Stop();

  CommitStats Stats() const;

 private:
  struct Pending {
    WriteBatch batch;
    bool force_sync;
    std::function<void(Status)> done;
  };
  using Clock = std::chrono::steady_clock;

  void Run();
  void ApplyGroup(std::vector<Pending>& group);
  // Fsyncs the log when kAsync writes are unsynced and (unless `force`) the oldest is due.
  void SyncIfDue(std::unique_lock<std::mutex>& lock, bool force);

  Engine* engine_;
  const Durability durability_;
  const std::chrono::milliseconds sync_interval_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::vector<Pending> queue_;       // guarded by mu_
  bool stopping_ = false;            // guarded by mu_
  bool unsynced_ = false;            // guarded by mu_; kAsync writes not yet fsync'd
  Clock::time_point oldest_unsynced_;  // guarded by mu_
  CommitStats stats_;                // guarded by mu_
  std::once_flag stop_once_;
  std::thread thread_;
};

}  // namespace skybox::storage
