#include "services/s3/blob/blob_store.h"

#include <algorithm>
#include <chrono>

namespace skybox::s3 {

BlobWriter::~BlobWriter() = default;
BlobStore::~BlobStore() = default;

BlobId BlobStore::NewId() {
  const uint64_t now_us = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::microseconds>(
          std::chrono::system_clock::now().time_since_epoch())
          .count());
  uint64_t last = last_id_.load(std::memory_order_relaxed);
  uint64_t next;
  do {
    next = std::max(last + 1, now_us);
  } while (!last_id_.compare_exchange_weak(last, next, std::memory_order_relaxed));
  return next;
}

Result<size_t> SweepUnreferencedBlobs(BlobStore& store,
                                      const std::function<bool(BlobId)>& referenced) {
  SKYBOX_ASSIGN_OR_RETURN(std::vector<BlobId> ids, store.List());
  size_t removed = 0;
  for (BlobId id : ids) {
    if (referenced(id)) continue;
    SKYBOX_RETURN_IF_ERROR(store.Remove(id));
    ++removed;
  }
  return removed;
}

}  // namespace skybox::s3
