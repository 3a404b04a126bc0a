#include "services/s3/blob/fd_cache.h"

#include <unistd.h>

namespace skybox::s3 {

OpenFile::~OpenFile() { ::close(fd_); }

std::shared_ptr<const OpenFile> FdCache::Lookup(uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = map_.find(id);
  if (it == map_.end()) return nullptr;
  lru_.splice(lru_.begin(), lru_, it->second);
  return it->second->second;
}

uint64_t FdCache::Epoch() {
  std::lock_guard<std::mutex> lock(mu_);
  return invalidations_;
}

void FdCache::Insert(uint64_t id, std::shared_ptr<const OpenFile> file, uint64_t epoch) {
  if (capacity_ == 0) return;
  std::shared_ptr<const OpenFile> evicted;  // closed outside the lock
  std::lock_guard<std::mutex> lock(mu_);
  if (epoch != invalidations_ || map_.count(id) != 0) return;
  lru_.emplace_front(id, std::move(file));
  map_[id] = lru_.begin();
  if (lru_.size() > capacity_) {
    evicted = std::move(lru_.back().second);
    map_.erase(lru_.back().first);
    lru_.pop_back();
  }
}

void FdCache::Invalidate(uint64_t id) {
  std::shared_ptr<const OpenFile> dropped;
  std::lock_guard<std::mutex> lock(mu_);
  ++invalidations_;
  auto it = map_.find(id);
  if (it == map_.end()) return;
  dropped = std::move(it->second->second);
  lru_.erase(it->second);
  map_.erase(it);
}

size_t FdCache::size() {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

}  // namespace skybox::s3
