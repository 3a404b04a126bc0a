// BlobStore on the local file system: one file per blob, a 256-way fan-out of directories.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <cstring>
#include <limits>
#include <mutex>
#include <vector>

#include "services/s3/blob/blob_store.h"
#include "services/s3/blob/fd_cache.h"
#include "services/s3/blob/file_io.h"

namespace skybox::s3 {
namespace {

// Writeback of a blob being written starts every this many bytes (see Append).
constexpr uint64_t kWritebackBytes = 8 << 20;

std::string FanOutName(uint8_t byte) {
  char name[3];
  std::snprintf(name, sizeof name, "%02x", byte);
  return name;
}

// Parses exactly `digits` lowercase hex digits.
bool ParseHex(const char* text, size_t digits, uint64_t* out) {
  if (std::strlen(text) != digits) return false;
  uint64_t value = 0;
  for (size_t i = 0; i < digits; ++i) {
    const char c = text[i];
    if (c >= '0' && c <= '9') value = value * 16 + (c - '0');
    else if (c >= 'a' && c <= 'f') value = value * 16 + (c - 'a' + 10);
    else return false;
  }
  *out = value;
  return true;
}

class FileBlobWriter final : public BlobWriter {
 public:
  FileBlobWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~FileBlobWriter() override {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) ::unlink(path_.c_str());
  }

  Status Append(std::string_view bytes) override {
    SKYBOX_RETURN_IF_ERROR(Usable());
    failed_ = true;  // until the bytes are all in: a partial write leaves the file unknown
    SKYBOX_RETURN_IF_ERROR(WriteAll(fd_, bytes.data(), bytes.size(), path_));
    failed_ = false;
    size_ += bytes.size();
    // Start writing back what is complete so far, without waiting: Commit's fdatasync then
    // has only the tail left instead of the whole object (a 1 GiB PUT would otherwise stall
    // on one huge flush at the end). Advisory; errors surface at Commit.
    if (size_ - flushed_ >= kWritebackBytes) {
      ::sync_file_range(fd_, static_cast<off64_t>(flushed_), static_cast<off64_t>(size_ - flushed_),
                        SYNC_FILE_RANGE_WRITE);
      flushed_ = size_;
    }
    return Status::Ok();
  }

  // Appends `length` bytes of the file `src_fd` from `offset`, in the kernel when it can.
  Status AppendFrom(int src_fd, uint64_t offset, uint64_t length) {
    SKYBOX_RETURN_IF_ERROR(Usable());
    auto in = static_cast<off64_t>(offset);
    uint64_t left = length;
    bool kernel_copy = true;
    std::vector<char> buffer;
    while (left > 0) {
      ssize_t n = -1;
      if (kernel_copy) {
        n = ::copy_file_range(src_fd, &in, fd_, nullptr, left, 0);
        if (n < 0 && (errno == EXDEV || errno == ENOSYS || errno == EOPNOTSUPP ||
                      errno == EINVAL)) {
          kernel_copy = false;  // e.g. an old kernel or a file system that cannot
          continue;
        }
      } else {
        buffer.resize(1 << 20);
        n = ::pread(src_fd, buffer.data(), std::min<uint64_t>(left, buffer.size()), in);
        if (n > 0) {
          SKYBOX_RETURN_IF_ERROR(WriteAll(fd_, buffer.data(), static_cast<size_t>(n), path_));
          in += n;
        }
      }
      if (n < 0) {
        if (errno == EINTR) continue;
        return BlobIoStatus(errno, "copy into " + path_);
      }
      if (n == 0) return InvalidArgument("blob copy range passes the end of the source blob");
      left -= static_cast<uint64_t>(n);
      size_ += static_cast<uint64_t>(n);
    }
    return Status::Ok();
  }

  Status Commit() override {
    if (committed_) return Status::Ok();
    SKYBOX_RETURN_IF_ERROR(Usable());
    // A failed fsync may have dropped the dirty pages, so retrying it proves nothing.
    failed_ = true;
    if (::fdatasync(fd_) != 0) return BlobIoStatus(errno, "fdatasync " + path_);
    SKYBOX_RETURN_IF_ERROR(FsyncDir(Parent(path_)));
    failed_ = false;
    ::close(fd_);
    fd_ = -1;
    committed_ = true;
    return Status::Ok();
  }

  uint64_t size() const override { return size_; }

 private:
  Status Usable() const {
    if (committed_) return Status(StatusCode::kFailedPrecondition, "blob already committed");
    if (failed_) return Status(StatusCode::kFailedPrecondition, "blob writer failed earlier");
    return Status::Ok();
  }

  int fd_;
  const std::string path_;
  uint64_t size_ = 0;
  uint64_t flushed_ = 0;  // bytes already handed to writeback (sync_file_range)
  bool committed_ = false;
  bool failed_ = false;  // an earlier Append or Commit failed; the blob can only be dropped
};

class FileBlobStore final : public BlobStore {
 public:
  FileBlobStore(std::string dir, size_t fd_cache_capacity)
      : dir_(std::move(dir)), fds_(fd_cache_capacity) {}

  Status Init() { return MakeDirs(dir_); }

  Result<std::unique_ptr<BlobWriter>> Create(BlobId id) override {
    SKYBOX_ASSIGN_OR_RETURN(auto writer, CreateFile(id));
    return std::unique_ptr<BlobWriter>(std::move(writer));
  }

  Result<size_t> Read(BlobId id, uint64_t offset, char* buf, size_t n) override {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const OpenFile> file, OpenCached(id));
    if (offset >= static_cast<uint64_t>(std::numeric_limits<off_t>::max()) - n) return size_t{0};
    size_t done = 0;
    while (done < n) {
      const ssize_t got = ::pread(file->fd(), buf + done, n - done,
                                  static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return BlobIoStatus(errno, "read " + PathOf(id));
      }
      if (got == 0) break;
      done += static_cast<size_t>(got);
    }
    return done;
  }

  Result<uint64_t> Size(BlobId id) override {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const OpenFile> file, OpenCached(id));
    struct stat st;
    if (::fstat(file->fd(), &st) != 0) return BlobIoStatus(errno, "stat " + PathOf(id));
    return static_cast<uint64_t>(st.st_size);
  }

  Status Link(BlobId existing, BlobId new_id) override {
    SKYBOX_RETURN_IF_ERROR(EnsureFanOut(new_id));
    const std::string target = PathOf(new_id);
    if (::link(PathOf(existing).c_str(), target.c_str()) != 0) {
      return BlobIoStatus(errno, "link " + PathOf(existing) + " to " + target);
    }
    return FsyncDir(Parent(target));
  }

  Status Copy(BlobId src, uint64_t offset, uint64_t length, BlobId new_id) override {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const OpenFile> file, OpenCached(src));
    struct stat st;
    if (::fstat(file->fd(), &st) != 0) return BlobIoStatus(errno, "stat " + PathOf(src));
    const auto size = static_cast<uint64_t>(st.st_size);
    if (offset > size || length > size - offset) {
      return InvalidArgument("blob copy range passes the end of the source blob");
    }
    SKYBOX_ASSIGN_OR_RETURN(std::unique_ptr<FileBlobWriter> writer, CreateFile(new_id));
    SKYBOX_RETURN_IF_ERROR(writer->AppendFrom(file->fd(), offset, length));
    return writer->Commit();
  }

  Status Remove(BlobId id) override {
    const std::string path = PathOf(id);
    const int rc = ::unlink(path.c_str());
    const int err = errno;
    fds_.Invalidate(id);
    if (rc != 0 && err != ENOENT) return BlobIoStatus(err, "unlink " + path);
    return Status::Ok();
  }

  Result<std::vector<BlobId>> List() override {
    std::vector<BlobId> ids;
    for (int byte = 0; byte < 256; ++byte) {
      const std::string sub = dir_ + "/" + FanOutName(static_cast<uint8_t>(byte));
      DIR* d = ::opendir(sub.c_str());
      if (d == nullptr) {
        if (errno == ENOENT) continue;
        return BlobIoStatus(errno, "opendir " + sub);
      }
      errno = 0;
      while (const dirent* entry = ::readdir(d)) {
        uint64_t id;
        if (ParseHex(entry->d_name, 16, &id)) ids.push_back(id);
      }
      const int err = errno;
      ::closedir(d);
      if (err != 0) return BlobIoStatus(err, "readdir " + sub);
    }
    return ids;
  }

 private:
  std::string PathOf(BlobId id) const {
    char name[20];
    std::snprintf(name, sizeof name, "/%016llx", static_cast<unsigned long long>(id));
    return FanOutDir(id) + name;
  }

  std::string FanOutDir(BlobId id) const {
    return dir_ + "/" + FanOutName(static_cast<uint8_t>(id & 0xff));
  }

  // Creates the fan-out directory of `id` on first use (mkdir costs ~0.5 ms here, so not all
  // 256 at open). Serialised so that no blob is committed into a directory whose own entry a
  // concurrent creator has not fsync'd yet.
  Status EnsureFanOut(BlobId id) {
    std::atomic<bool>& ready = fan_out_ready_[id & 0xff];
    if (ready.load(std::memory_order_acquire)) return Status::Ok();
    std::lock_guard<std::mutex> lock(fan_out_mu_);
    if (ready.load(std::memory_order_relaxed)) return Status::Ok();
    const std::string sub = FanOutDir(id);
    if (::mkdir(sub.c_str(), 0700) == 0) {
      SKYBOX_RETURN_IF_ERROR(FsyncDir(dir_));
    } else if (errno != EEXIST) {
      return BlobIoStatus(errno, "mkdir " + sub);
    }
    ready.store(true, std::memory_order_release);
    return Status::Ok();
  }

  Result<std::unique_ptr<FileBlobWriter>> CreateFile(BlobId id) {
    SKYBOX_RETURN_IF_ERROR(EnsureFanOut(id));
    const std::string path = PathOf(id);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return BlobIoStatus(errno, "create " + path);
    return std::make_unique<FileBlobWriter>(fd, path);
  }

  Result<std::shared_ptr<const OpenFile>> OpenCached(BlobId id) {
    if (auto file = fds_.Lookup(id)) return file;
    const uint64_t epoch = fds_.Epoch();
    const std::string path = PathOf(id);
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return BlobIoStatus(errno, "open " + path);
    auto file = std::make_shared<const OpenFile>(fd);
    fds_.Insert(id, file, epoch);
    return file;
  }

  const std::string dir_;
  FdCache fds_;
  std::mutex fan_out_mu_;
  std::array<std::atomic<bool>, 256> fan_out_ready_{};  // written under fan_out_mu_
};

}  // namespace

Result<std::unique_ptr<BlobStore>> OpenFileBlobStore(std::string dir, size_t fd_cache_capacity) {
  if (dir.empty()) return InvalidArgument("blob store: empty directory path");
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  auto store = std::make_unique<FileBlobStore>(std::move(dir), fd_cache_capacity);
  SKYBOX_RETURN_IF_ERROR(store->Init());
  return std::unique_ptr<BlobStore>(std::move(store));
}

}  // namespace skybox::s3
