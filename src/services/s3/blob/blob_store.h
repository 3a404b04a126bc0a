// BlobStore: where the bytes of large S3 objects live, outside the key-value store.
//
// A blob is an immutable byte string named by a BlobId: one per single-part PUT, one per
// multipart part; CopyObject gives an existing blob a second name (Link) instead of copying.
// Object metadata in storage refers to blobs by id, and the service writes a reference key for
// each id in the same atomic batch as that metadata. A blob without a reference (a writer
// killed mid-way, a crash between Commit and the metadata batch, a Remove lost in a crash) is
// garbage that SweepUnreferencedBlobs reclaims.
//
// Durability: a blob survives a crash once its writer's Commit (or Link / Copy) returned OK.
// Remove is not made durable: a removed blob that reappears after a crash is unreferenced and
// swept.
//
// Errors: kNotFound for an unknown id; kAlreadyExists when creating an id that exists;
// kUnavailable for a full or failing disk (ENOSPC, EDQUOT, EIO, EROFS, out of fds) with a
// message naming the cause; kInternal for other system errors.
//
// Thread-safety: every BlobStore method may be called from any thread concurrently. A
// BlobWriter is used by one thread at a time and must not outlive its store. Everything except
// Read and Size may block on disk and belongs on a WorkerPool, never an event loop.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/status.h"

namespace skybox::s3 {

using BlobId = uint64_t;

// Writes one new blob. Blocking (file I/O): use from a worker thread, never an event loop.
class BlobWriter {
 public:
  // An uncommitted blob (never committed, or after a failed Append/Commit) is removed.
  virtual ~BlobWriter();
  // Adds bytes at the end. kFailedPrecondition after Commit. After a failed Append or Commit
  // the writer only answers kFailedPrecondition: destroy it and start a new blob.
  virtual Status Append(std::string_view bytes) = 0;
  // Makes the data (fdatasync) and the blob's directory entry durable; after OK the blob
  // survives a crash and the writer accepts no more appends.
  virtual Status Commit() = 0;
  // Bytes appended so far.
  virtual uint64_t size() const = 0;
};

class BlobStore {
 public:
  virtual ~BlobStore();

  // A fresh id: time-based (microseconds since the epoch) and strictly increasing within the
  // process, so ids stay unique across restarts unless the wall clock goes back or more than
  // one id per microsecond is sustained. Create refuses an existing id, so a collision is an
  // error, never an overwrite.
  BlobId NewId();

  // Starts writing blob `id`. kAlreadyExists when it exists.
  virtual Result<std::unique_ptr<BlobWriter>> Create(BlobId id) = 0;

  // Reads up to n bytes at `offset` into buf; returns the bytes read, short only at the end of
  // the blob (0 at or past the end). Fast enough for event loops when the data is in the page
  // cache: it preads through a bounded LRU cache of open files.
  virtual Result<size_t> Read(BlobId id, uint64_t offset, char* buf, size_t n) = 0;

  // The blob's length in bytes.
  virtual Result<uint64_t> Size(BlobId id) = 0;

  // Gives the bytes of `existing` the second name `new_id`, durably (CopyObject). The two
  // names are independent: removing one leaves the other readable.
  virtual Status Link(BlobId existing, BlobId new_id) = 0;

  // Writes `length` bytes of `src` starting at `offset` as the new, durable blob `new_id`
  // (UploadPartCopy with a range). kInvalidArgument when the range passes the end of `src`.
  virtual Status Copy(BlobId src, uint64_t offset, uint64_t length, BlobId new_id) = 0;

  // Removes the name `id`. OK when it does not exist (idempotent). Readers that already hold
  // the blob open may finish their reads.
  virtual Status Remove(BlobId id) = 0;

  // Every blob present, including ones whose writer has not committed yet (file store).
  virtual Result<std::vector<BlobId>> List() = 0;

 private:
  std::atomic<uint64_t> last_id_{0};
};

// Blobs as files under <dir>/<2-hex fan-out: low byte of the id>/<16-hex id>. Creates `dir`
// now and each fan-out directory on first use (mode 0700), fsyncing their parents.
// `fd_cache_capacity` bounds how many blob files Read keeps open.
Result<std::unique_ptr<BlobStore>> OpenFileBlobStore(std::string dir,
                                                     size_t fd_cache_capacity = 256);

// Blobs in memory, for `skybox serve --ephemeral` (nothing touches the disk). Linked blobs
// share their bytes.
std::unique_ptr<BlobStore> NewMemoryBlobStore();

// Removes every blob listed now for which `referenced(id)` is false; returns how many were
// removed, or the first failure (after which the sweep stops). A blob being written, or
// committed but not yet referenced, looks like garbage: run the sweep before serving requests,
// or make `referenced` answer true for in-flight ids.
Result<size_t> SweepUnreferencedBlobs(BlobStore& store,
                                      const std::function<bool(BlobId)>& referenced);

}  // namespace skybox::s3
