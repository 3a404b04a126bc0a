// File-system helpers of the file blob store: errno → Status, durable directory creation,
// complete writes. Internal to src/services/s3/blob.
//
// Thread-safety: stateless; safe from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "base/status.h"

namespace skybox::s3 {

// The Status for a failed system call with errno `err` on `what` (e.g. "write /d/ab/…").
// ENOENT → kNotFound, EEXIST → kAlreadyExists; a full or failing disk or exhausted fds/memory
// (ENOSPC, EDQUOT, EIO, EROFS, EMFILE, ENFILE, ENOMEM) → kUnavailable, which S3 answers with
// a 5xx the client retries; anything else → kInternal. The message names the cause.
Status BlobIoStatus(int err, const std::string& what);

// fsyncs the directory `path`, making the entries created in it durable.
Status FsyncDir(const std::string& path);

// The directory part of `path` ("." when it has none).
std::string Parent(const std::string& path);

// mkdir -p with mode 0700, fsyncing the parent of each directory it creates.
// kFailedPrecondition when `path` exists but is not a directory.
Status MakeDirs(const std::string& path);

// Writes all n bytes (retrying short writes and EINTR); `path` is for the error message.
Status WriteAll(int fd, const char* data, size_t n, const std::string& path);

}  // namespace skybox::s3
