// Engine: the seam between the Store (commit queue, durability policy, metrics) and the thing
// that actually keeps ordered key-value data. Two implementations: RocksDbEngine (on disk) and
// MemoryEngine (ephemeral). Services never see an Engine; they use Store.
//
// Contract shared by every engine:
//  - Write applies a whole group of batches atomically: all of their operations become
//    visible together, or (on error) none of them do. With `sync`, the group is durable
//    before it becomes visible and before Write returns OK.
//  - Reads (Get, iterators) are linearizable with Write: a read that starts after Write
//    returned sees the group.
//  - Snapshots and iterators must be destroyed before the engine.
//
// Thread-safety: every method may be called concurrently, except that Write and SyncWal are
// only ever called from the Store's single committer thread.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/iterator.h"
#include "storage/namespace.h"
#include "storage/write_batch.h"

namespace skybox::storage {

// A consistent, read-only point-in-time view. Opaque; each engine subclasses it.
class Snapshot {
 public:
  virtual ~Snapshot() = default;
};

class Engine {
 public:
  virtual ~Engine() = default;

  // Returns the namespace called `name`, creating (and, on disk, persisting) it if missing.
  virtual Result<Namespace> OpenNamespace(std::string_view name) = 0;
  // True when `ns` was issued by this engine.
  virtual bool IsKnown(Namespace ns) const = 0;

  // The value of `key`, std::nullopt when absent. Reads at `snapshot` when given.
  virtual Result<std::optional<std::string>> Get(Namespace ns, std::string_view key,
                                                 const Snapshot* snapshot) = 0;
  virtual std::shared_ptr<const Snapshot> GetSnapshot() = 0;
  virtual std::unique_ptr<Iterator> NewIterator(Namespace ns, IteratorOptions options,
                                                std::shared_ptr<const Snapshot> snapshot) = 0;

  // Applies `group` atomically (see the contract above). Namespaces must be known.
  virtual Status Write(std::span<const WriteBatch* const> group, bool sync) = 0;
  // Makes every write that Write has returned durable.
  virtual Status SyncWal() = 0;
  // Rewrites the data files so that the space of deleted and overwritten values goes back to
  // the filesystem; may take long, and runs beside reads and writes. Returns early (not OK)
  // once `canceled` is set. An engine without files has nothing to do.
  virtual Status Compact(const std::atomic<bool>& canceled) = 0;
};

}  // namespace skybox::storage
