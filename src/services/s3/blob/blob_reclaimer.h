// BlobReclaimer: removes the blobs a committed write no longer references only once no reader
// that may still be reading them is left (epoch-based reclamation).
//
// A reader (a GET streaming an object, a copy reading its source) takes a ReadGuard *before* it
// reads the metadata naming the blobs and keeps it until it is done with their bytes. Free is
// called after the batch that dropped the blobs' references is durable and visible: a reader
// that starts after it cannot find them, and one that started before holds them until it lets
// go. So a GET that began before a delete or an overwrite serves the old bytes to the end, as
// S3 does, and a copy of a source deleted meanwhile finds its bytes.
//
// A reader that never finishes holds back later removals until it does; a crash loses pending
// removals, which the blob sweep at the next start reclaims (blob_store.h).
//
// Thread-safety: all methods may be called from any thread concurrently. `remove` runs on the
// thread of the Free or of the last ReadGuard that lets the blobs go, outside the lock.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

#include "services/s3/blob/blob_store.h"

namespace skybox::s3 {

class BlobReclaimer {
 public:
  // `remove` deletes blobs that no reader can reach any more (it should hand blocking work to a
  // worker thread).
  explicit BlobReclaimer(std::function<void(std::vector<BlobId>)> remove) : remove_(std::move(remove)) {}
  BlobReclaimer(const BlobReclaimer&) = delete;
  BlobReclaimer& operator=(const BlobReclaimer&) = delete;

  class ReadGuard {
   public:
    ReadGuard() = default;  // guards nothing
    ReadGuard(ReadGuard&& other) noexcept;
    ReadGuard& operator=(ReadGuard&& other) noexcept;
    ~ReadGuard();

   private:
    friend class BlobReclaimer;
    ReadGuard(BlobReclaimer* owner, uint64_t epoch) : owner_(owner), epoch_(epoch) {}
    BlobReclaimer* owner_ = nullptr;  // the reclaimer must outlive its guards
    uint64_t epoch_ = 0;
  };

  // Call before reading the metadata that names the blobs to read.
  ReadGuard GuardReads();

  // The blobs a durable batch stopped referencing: removed now, or when the last reader that
  // started before this call lets go.
  void Free(std::vector<BlobId> blobs);

  // Removals waiting for readers (tests, metrics).
  size_t pending() const;

 private:
  void Leave(uint64_t epoch);

  const std::function<void(std::vector<BlobId>)> remove_;
  mutable std::mutex mu_;
  uint64_t epoch_ = 0;                 // GUARDED_BY(mu_): bumped by every Free
  // GUARDED_BY(mu_): how many active readers started in each epoch (one node while no blob is
  // freed, so a GET allocates nothing here).
  std::map<uint64_t, uint64_t> readers_;
  std::deque<std::pair<uint64_t, std::vector<BlobId>>> waiting_;  // GUARDED_BY(mu_): by epoch
};

}  // namespace skybox::s3
