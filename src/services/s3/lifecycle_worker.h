// LifecycleWorker: applies buckets' lifecycle rules (config/lifecycle_rules.h) — expiring
// current versions, deleting noncurrent versions, removing expired delete markers — through
// the same commit paths as DeleteObject (object_commit.h), so versioning semantics, blob
// reclamation and atomicity are the normal ones.
//
// Restart-safe by construction: it keeps no state; each pass derives what is due from the
// stored versions and the clock, so whatever a crash interrupted is simply found again. S3
// applies rules once a day; Skybox checks every `interval` (cheap for buckets without rules).
// Incomplete multipart uploads past their AbortIncompleteMultipartUpload age are aborted.
//
// Thread-safety: runs on its own thread; RunPass may also be called directly (tests).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "base/periodic_worker.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

class LifecycleWorker {
 public:
  LifecycleWorker(std::shared_ptr<S3Backend> backend, std::chrono::milliseconds interval);

  void Start() { thread_.Start(); }
  void Stop() { thread_.Stop(); }

  // One pass over every bucket with lifecycle rules; returns the versions deleted or marked.
  size_t RunPass();

 private:
  size_t ApplyToBucket(const std::string& bucket, std::chrono::system_clock::time_point now);
  size_t AbortExpiredUploads(const std::string& bucket, const std::vector<LifecycleRule>& rules,
                             std::chrono::system_clock::time_point now);

  std::shared_ptr<S3Backend> backend_;
  PeriodicWorker thread_;  // last: joined before the members above go
};

}  // namespace skybox::s3
