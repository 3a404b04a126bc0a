// SpaceReclaimer: gives the space of deleted values back to the filesystem once writes quiet
// down (internal to storage/; Store owns one for an on-disk engine).
//
// RocksDB frees the space of a deleted value only when a compaction meets its tombstone, and
// compactions follow writes: after a burst of deletes (an emptied S3 bucket of inline
// objects), a server that then stays idle kept every byte until its next restart. Writers
// hint how many bytes their deletes free (WriteBatch::Delete's `freed_bytes`); every
// `interval` this checks the committer's counters and compacts the engine when at least
// `min_freed_bytes` were freed since the last compaction and fewer than `quiet_commits`
// batches were committed during the interval. Under a steady write load it does nothing:
// the automatic compactions that load triggers reclaim the space, and a full compaction
// would compete with it. The PeriodicWorker spaces passes to use at most a tenth of a core.
//
// Thread-safety: Start and Stop from the owner's thread; Stop cancels a running compaction and
// joins.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

#include "base/periodic_worker.h"
#include "storage/engine.h"
#include "storage/store.h"

namespace skybox::storage {

class SpaceReclaimer {
 public:
  SpaceReclaimer(Engine* engine, std::function<CommitStats()> stats, SpaceReclaimerOptions options);
  ~SpaceReclaimer();  // Stop()s

  void Start();
  void Stop();

 private:
  void Pass();

  Engine* engine_;
  const std::function<CommitStats()> stats_;
  const SpaceReclaimerOptions options_;
  std::atomic<bool> canceled_{false};
  // Touched only by the worker's passes.
  uint64_t commits_seen_ = 0;
  uint64_t freed_at_last_compaction_ = 0;
  PeriodicWorker worker_;
};

}  // namespace skybox::storage
