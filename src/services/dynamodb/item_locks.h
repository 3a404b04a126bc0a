// ItemLocks: serialises conditional writes to the same item, and lets a writer see writes that
// are committed-but-not-yet-durable.
//
// Why: a conditional write reads the item, evaluates its condition and commits. Commits are
// asynchronous and a batch becomes visible to readers only once it is durable (fsync), so two
// writers that merely read-then-commit could both see the old item and both succeed. Every
// data-plane write therefore:
//   1. locks the stripes of the storage keys of the base items it touches (Lock; stripes are
//      taken in a global order, so transactions over many items never deadlock);
//   2. reads those items through the Guard, which answers from the overlay of pending writes
//      first and from the store otherwise;
//   3. evaluates conditions, builds ONE WriteBatch (items + index entries) and hands it to
//      Guard::Commit, which records the new item values in the overlay and queues the batch
//      while the stripes are still held (so commit order equals lock order);
//   4. releases the stripes (Guard destruction). When the commit completes, its overlay
//      entries are dropped (the store now has them) and the caller's callback runs.
// Readers that are not writers (GetItem, Query, Scan) read the store only, so they never see a
// write before it is durable. Index entries need no locks: they are derived from the base item,
// whose writes are serialised here.
//
// Thread-safety: all methods are thread-safe. Commit callbacks run on the store's committer
// thread; they take only the short-lived pending-map mutexes, never an item lock.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/result.h"
#include "storage/store.h"

namespace skybox::dynamodb {

class ItemLocks {
  struct Pending {
    std::optional<std::string> value;  // nullopt: deleted
    int commits = 0;                   // queued commits that wrote this key
  };
  struct Stripe {
    std::mutex item_mu;  // held by a writer from its read to its commit's enqueue
    // Separate from item_mu so that a commit callback never waits for a writer.
    std::mutex pending_mu;
    std::unordered_map<std::string, Pending> pending;  // GUARDED_BY(pending_mu)
  };

 public:
  // One item write: the base item storage key and its new value (nullopt to delete).
  struct ItemWrite {
    std::string key;
    std::optional<std::string> value;
  };

  class Guard {
   public:
    Guard(Guard&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), stripes_(std::move(other.stripes_)) {}
    Guard& operator=(Guard&&) = delete;
    ~Guard();

    // The item under `key` as a writer must see it (`key` must be one of the locked keys).
    Result<std::optional<std::string>> Read(std::string_view key) const;
    // Queues `batch` (which must contain `writes`) and records `writes` as pending until it
    // completes; `done` then runs on the committer thread. Call at most once per Guard.
    void Commit(storage::WriteBatch batch, std::vector<ItemWrite> writes, std::function<void(Status)> done);

   private:
    friend class ItemLocks;
    Guard(ItemLocks* owner, std::vector<size_t> stripes);
    ItemLocks* owner_;
    std::vector<size_t> stripes_;  // sorted, distinct, all locked
  };

  ItemLocks(storage::Store* store, storage::Namespace items);

  // Locks the stripes of `keys` (base item storage keys; duplicates allowed).
  Guard Lock(const std::vector<std::string>& keys);
  // Locks every stripe (for index backfill, which must not race with item writes).
  Guard LockAll();

 private:
  static constexpr size_t kStripes = 64;
  static size_t StripeOf(std::string_view key);

  storage::Store* store_;
  storage::Namespace items_;
  std::array<Stripe, kStripes> stripes_;
};

}  // namespace skybox::dynamodb
