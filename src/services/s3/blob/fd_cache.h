// FdCache: a bounded LRU of open, read-only blob files, so GETs pread without an open() each.
//
// Entries are shared_ptr<const OpenFile>: a reader keeps its file open while it preads even if
// another thread evicts or invalidates the entry meanwhile; the descriptor closes when the last
// holder lets go, so a cached fd is never closed under a pread (nor reused for another file).
//
// Thread-safety: all methods may be called from any thread concurrently.
#pragma once

#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <utility>

namespace skybox::s3 {

// Owns one file descriptor; closes it on destruction.
class OpenFile {
 public:
  explicit OpenFile(int fd) : fd_(fd) {}
  ~OpenFile();
  OpenFile(const OpenFile&) = delete;
  OpenFile& operator=(const OpenFile&) = delete;
  int fd() const { return fd_; }

 private:
  int fd_;
};

class FdCache {
 public:
  explicit FdCache(size_t capacity) : capacity_(capacity) {}

  // The cached file for `id` (now the most recently used), or null.
  std::shared_ptr<const OpenFile> Lookup(uint64_t id);

  // A token to take before opening a file that will be Insert-ed; see Insert.
  uint64_t Epoch();

  // Caches `file` for `id`, evicting the least recently used entry beyond capacity. Skipped
  // when any Invalidate happened since `epoch` was taken: the file may have been removed
  // between the open and now, and must not stay readable through the cache.
  void Insert(uint64_t id, std::shared_ptr<const OpenFile> file, uint64_t epoch);

  // Drops `id` (after its name was removed).
  void Invalidate(uint64_t id);

  size_t size();

 private:
  using Entry = std::pair<uint64_t, std::shared_ptr<const OpenFile>>;
  const size_t capacity_;
  std::mutex mu_;
  std::list<Entry> lru_;                                          // GUARDED_BY(mu_), front = newest
  std::unordered_map<uint64_t, std::list<Entry>::iterator> map_;  // GUARDED_BY(mu_)
  uint64_t invalidations_ = 0;                                    // GUARDED_BY(mu_)
};

}  // namespace skybox::s3
