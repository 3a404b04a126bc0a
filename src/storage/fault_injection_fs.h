// FaultInjectionFileSystem: a RocksDB FileSystem wrapper that lets tests break the disk under
// a Store (StoreOptions::file_system), in the spirit of leveldb's fault_injection_test.
//
// It remembers, for every file written through it, how many bytes have been written and how
// many of those were covered by the last successful Sync/Fsync. On top of that it can:
//  (a) fail every write (Append) or every sync with an I/O error;
//  (b) simulate power loss: CutPower() makes every later write, sync and file-metadata change
//      fail (the machine is off); after the store is closed, RestorePower() truncates every
//      file back to its synced size -- the bytes the OS had not yet written out are gone --
//      and lets I/O work again so the store can be reopened;
//  (c) tear a write: the next append to a write-ahead log (*.log) persists only a prefix and
//      then the power is cut, as if the machine died mid-write; the prefix (and whatever the
//      file held before) counts as on disk.
// The wrapped filesystem must be the real one (its paths are truncated with truncate(2)).
// Not modelled: directory fsyncs (a created or renamed file is assumed durable at once) and
// files that existed before this filesystem was installed (they count as fully synced).
//
// Thread-safety: all methods may be called from any thread.
#pragma once

#include <rocksdb/file_system.h>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace skybox::storage {

class FaultInjectionFileSystem : public rocksdb::FileSystemWrapper {
 public:
  explicit FaultInjectionFileSystem(
      std::shared_ptr<rocksdb::FileSystem> base = rocksdb::FileSystem::Default());

  const char* Name() const override { return "SkyboxFaultInjectionFileSystem"; }

  void SetFailWrites(bool fail);
  void SetFailSyncs(bool fail);
  void CutPower();
  // Requires that nothing is using the filesystem (close the store first).
  void RestorePower();
  void TearNextWalAppend(size_t keep_bytes);

  // Successful Sync/Fsync calls so far, on any file.
  uint64_t sync_count() const;

  // Hooks for the file wrappers. Each returns the error to report, or OK to go ahead.
  // OnAppend sets `*keep` to how many of the `n` bytes to really write.
  rocksdb::IOStatus OnAppend(const std::string& path, size_t n, size_t* keep);
  rocksdb::IOStatus BeforeSync() const;
  void Appended(const std::string& path, size_t n);
  void Synced(const std::string& path, uint64_t size);
  uint64_t WrittenSize(const std::string& path) const;

  rocksdb::IOStatus NewWritableFile(const std::string& path, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& path,
                                       const rocksdb::FileOptions& options,
                                       std::unique_ptr<rocksdb::FSWritableFile>* result,
                                       rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus ReuseWritableFile(const std::string& path, const std::string& old_path,
                                      const rocksdb::FileOptions& options,
                                      std::unique_ptr<rocksdb::FSWritableFile>* result,
                                      rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus RenameFile(const std::string& from, const std::string& to,
                               const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus DeleteFile(const std::string& path, const rocksdb::IOOptions& options,
                               rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus LinkFile(const std::string& from, const std::string& to,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;
  rocksdb::IOStatus Truncate(const std::string& path, size_t size,
                             const rocksdb::IOOptions& options,
                             rocksdb::IODebugContext* dbg) override;

 private:
  struct FileState {
    uint64_t written = 0;
    uint64_t synced = 0;
  };
  rocksdb::IOStatus PowerCheck() const;  // requires mu_
  rocksdb::IOStatus Track(const std::string& path, rocksdb::IOStatus opened,
                          std::unique_ptr<rocksdb::FSWritableFile>* result, bool keep_state);

  mutable std::mutex mu_;
  std::map<std::string, FileState> files_;  // guarded by mu_
  bool fail_writes_ = false;                // guarded by mu_
  bool fail_syncs_ = false;                 // guarded by mu_
  bool power_off_ = false;                  // guarded by mu_
  bool tear_pending_ = false;               // guarded by mu_
  size_t tear_keep_ = 0;                    // guarded by mu_
  uint64_t sync_count_ = 0;                 // guarded by mu_
};

}  // namespace skybox::storage
