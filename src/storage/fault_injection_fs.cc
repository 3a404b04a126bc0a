#include "storage/fault_injection_fs.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <functional>

namespace skybox::storage {
namespace {

using rocksdb::IOStatus;

bool IsWal(const std::string& path) {
  return path.size() > 4 && path.compare(path.size() - 4, 4, ".log") == 0;
}

// Routes a file's appends and syncs through the filesystem's bookkeeping and fault switches.
class TrackedFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  TrackedFile(FaultInjectionFileSystem* fs, std::string path,
              std::unique_ptr<rocksdb::FSWritableFile> file)
      : FSWritableFileOwnerWrapper(std::move(file)), fs_(fs), path_(std::move(path)) {}

  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                  rocksdb::IODebugContext* dbg) override {
    return TrackAppend(data, [&](const rocksdb::Slice& part) {
      return target()->Append(part, options, dbg);
    });
  }
  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& options,
                  const rocksdb::DataVerificationInfo& /*info*/,
                  rocksdb::IODebugContext* dbg) override {
    return Append(data, options, dbg);  // the checksum covers all of `data`; a torn part can't keep it
  }
  IOStatus Sync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return TrackSync([&] { return target()->Sync(options, dbg); });
  }
  IOStatus Fsync(const rocksdb::IOOptions& options, rocksdb::IODebugContext* dbg) override {
    return TrackSync([&] { return target()->Fsync(options, dbg); });
  }

 private:
  IOStatus TrackAppend(const rocksdb::Slice& data,
                       const std::function<IOStatus(const rocksdb::Slice&)>& write) {
    size_t keep = 0;
    IOStatus verdict = fs_->OnAppend(path_, data.size(), &keep);
    if (keep > 0) {
      IOStatus written = write(rocksdb::Slice(data.data(), keep));
      if (!written.ok()) return written;
      fs_->Appended(path_, keep);
    }
    return verdict;
  }
  IOStatus TrackSync(const std::function<IOStatus()>& sync) {
    IOStatus s = fs_->BeforeSync();
    if (!s.ok()) return s;
    uint64_t covered = fs_->WrittenSize(path_);
    s = sync();
    if (s.ok()) fs_->Synced(path_, covered);
    return s;
  }

  FaultInjectionFileSystem* fs_;
  std::string path_;
};

}  // namespace

FaultInjectionFileSystem::FaultInjectionFileSystem(std::shared_ptr<rocksdb::FileSystem> base)
    : FileSystemWrapper(base) {}

void FaultInjectionFileSystem::SetFailWrites(bool fail) {
  std::lock_guard lock(mu_);
  fail_writes_ = fail;
}

void FaultInjectionFileSystem::SetFailSyncs(bool fail) {
  std::lock_guard lock(mu_);
  fail_syncs_ = fail;
}

void FaultInjectionFileSystem::CutPower() {
  std::lock_guard lock(mu_);
  power_off_ = true;
}

void FaultInjectionFileSystem::RestorePower() {
  std::lock_guard lock(mu_);
  for (auto& [path, state] : files_) {
    if (state.synced < state.written) {
      // RocksDB's POSIX FileSystem does not implement Truncate; the paths are real ones.
      if (::truncate(path.c_str(), static_cast<off_t>(state.synced)) != 0 && errno != ENOENT) {
        std::abort();  // the simulation would silently prove nothing
      }
    }
    state.written = state.synced;
  }
  power_off_ = fail_writes_ = fail_syncs_ = tear_pending_ = false;
}

void FaultInjectionFileSystem::TearNextWalAppend(size_t keep_bytes) {
  std::lock_guard lock(mu_);
  tear_pending_ = true;
  tear_keep_ = keep_bytes;
}

uint64_t FaultInjectionFileSystem::sync_count() const {
  std::lock_guard lock(mu_);
  return sync_count_;
}

IOStatus FaultInjectionFileSystem::PowerCheck() const {
  return power_off_ ? IOStatus::IOError("injected fault: power is off") : IOStatus::OK();
}

IOStatus FaultInjectionFileSystem::OnAppend(const std::string& path, size_t n, size_t* keep) {
  std::lock_guard lock(mu_);
  *keep = 0;
  if (!PowerCheck().ok()) return PowerCheck();
  if (fail_writes_) return IOStatus::IOError("injected fault: write failed");
  if (tear_pending_ && IsWal(path)) {
    tear_pending_ = false;
    power_off_ = true;
    *keep = std::min(n, tear_keep_);
    FileState& state = files_[path];
    state.synced = state.written + *keep;  // the prefix reached the platter before the lights went out
    return IOStatus::IOError("injected fault: torn write, power lost");
  }
  *keep = n;
  return IOStatus::OK();
}

IOStatus FaultInjectionFileSystem::BeforeSync() const {
  std::lock_guard lock(mu_);
  if (!PowerCheck().ok()) return PowerCheck();
  if (fail_syncs_) return IOStatus::IOError("injected fault: fsync failed");
  return IOStatus::OK();
}

void FaultInjectionFileSystem::Appended(const std::string& path, size_t n) {
  std::lock_guard lock(mu_);
  files_[path].written += n;
}

void FaultInjectionFileSystem::Synced(const std::string& path, uint64_t size) {
  std::lock_guard lock(mu_);
  FileState& state = files_[path];
  state.synced = std::max(state.synced, size);
  ++sync_count_;
}

uint64_t FaultInjectionFileSystem::WrittenSize(const std::string& path) const {
  std::lock_guard lock(mu_);
  auto it = files_.find(path);
  return it == files_.end() ? 0 : it->second.written;
}

IOStatus FaultInjectionFileSystem::Track(const std::string& path, IOStatus opened,
                                         std::unique_ptr<rocksdb::FSWritableFile>* result,
                                         bool keep_state) {
  if (!opened.ok()) return opened;
  std::lock_guard lock(mu_);
  if (!keep_state || !files_.count(path)) {
    uint64_t size = keep_state ? (*result)->GetFileSize(rocksdb::IOOptions(), nullptr) : 0;
    files_[path] = FileState{size, size};
  }
  *result = std::make_unique<TrackedFile>(this, path, std::move(*result));
  return opened;
}

IOStatus FaultInjectionFileSystem::NewWritableFile(
    const std::string& path, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  {
    std::lock_guard lock(mu_);
    if (!PowerCheck().ok()) return PowerCheck();
  }
  return Track(path, target()->NewWritableFile(path, options, result, dbg), result, false);
}

IOStatus FaultInjectionFileSystem::ReopenWritableFile(
    const std::string& path, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  {
    std::lock_guard lock(mu_);
    if (!PowerCheck().ok()) return PowerCheck();
  }
  return Track(path, target()->ReopenWritableFile(path, options, result, dbg), result, true);
}

IOStatus FaultInjectionFileSystem::ReuseWritableFile(
    const std::string& path, const std::string& old_path, const rocksdb::FileOptions& options,
    std::unique_ptr<rocksdb::FSWritableFile>* result, rocksdb::IODebugContext* dbg) {
  {
    std::lock_guard lock(mu_);
    if (!PowerCheck().ok()) return PowerCheck();
    files_.erase(old_path);
  }
  return Track(path, target()->ReuseWritableFile(path, old_path, options, result, dbg), result,
               false);
}

IOStatus FaultInjectionFileSystem::RenameFile(const std::string& from, const std::string& to,
                                              const rocksdb::IOOptions& options,
                                              rocksdb::IODebugContext* dbg) {
  std::lock_guard lock(mu_);
  if (!PowerCheck().ok()) return PowerCheck();
  IOStatus s = target()->RenameFile(from, to, options, dbg);
  if (!s.ok()) return s;
  auto it = files_.find(from);
  if (it == files_.end()) {
    files_.erase(to);
  } else {
    files_[to] = it->second;
    files_.erase(from);
  }
  return s;
}

IOStatus FaultInjectionFileSystem::DeleteFile(const std::string& path,
                                              const rocksdb::IOOptions& options,
                                              rocksdb::IODebugContext* dbg) {
  std::lock_guard lock(mu_);
  if (!PowerCheck().ok()) return PowerCheck();
  IOStatus s = target()->DeleteFile(path, options, dbg);
  if (s.ok()) files_.erase(path);
  return s;
}

IOStatus FaultInjectionFileSystem::LinkFile(const std::string& from, const std::string& to,
                                            const rocksdb::IOOptions& options,
                                            rocksdb::IODebugContext* dbg) {
  std::lock_guard lock(mu_);
  if (!PowerCheck().ok()) return PowerCheck();
  IOStatus s = target()->LinkFile(from, to, options, dbg);
  auto it = files_.find(from);
  if (s.ok() && it != files_.end()) files_[to] = it->second;
  return s;
}

IOStatus FaultInjectionFileSystem::Truncate(const std::string& path, size_t size,
                                            const rocksdb::IOOptions& options,
                                            rocksdb::IODebugContext* dbg) {
  std::lock_guard lock(mu_);
  if (!PowerCheck().ok()) return PowerCheck();
  IOStatus s = target()->Truncate(path, size, options, dbg);
  auto it = files_.find(path);
  if (s.ok() && it != files_.end()) {
    it->second.written = std::min<uint64_t>(it->second.written, size);
    it->second.synced = std::min<uint64_t>(it->second.synced, size);
  }
  return s;
}

}  // namespace skybox::storage
