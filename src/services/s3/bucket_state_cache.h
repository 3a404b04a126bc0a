// BucketStateCache: what object operations consult about a bucket on every request — that it
// exists, its versioning state, lifecycle rules, Object Lock settings, default encryption, and
// for anonymous reads its policy, public access block and what its ACLs give everyone —
// read from the store once and kept in memory, so a GET or PUT does not pay several point reads
// (and document parses) for them.
//
// Whoever changes one of these (DeleteBucket, a put or delete of one of these configurations)
// calls Invalidate once the change is durable and before answering, so the next request reads
// the new state. A lookup that read the store before an invalidation does not keep what it read
// (a generation counter), so a racing reader cannot reinstall the old state. A bucket that does
// not exist is not cached (CreateBucket needs no invalidation).
//
// Thread-safety: thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/config/object_lock_config.h"
#include "storage/store.h"

namespace skybox::s3 {

struct BucketState {
  // The bucket's record as stored: which bucket of this name this is. A bucket deleted and
  // created again under the name has another (CreateBucket records a new sequence in it), so a
  // write that decided from one bucket can tell it is not the one there now.
  std::string incarnation;
  std::string region;  // where it was created (the record's region)
  VersioningState versioning = VersioningState::kUnversioned;
  std::vector<LifecycleRule> lifecycle;  // empty: no lifecycle configuration (or an unreadable one)
  ObjectLockSettings object_lock;
  std::optional<aws::Document> default_encryption;  // the "encryption" configuration, if set
  std::optional<std::string> policy;                 // the bucket policy's JSON, if set
  bool restrict_public_buckets = false;              // the public access block's setting
  // ACLs can grant anonymous access: the ownership controls leave ACLs on and the public access
  // block does not IgnorePublicAcls.
  bool public_acls_apply = false;
  // public_acls_apply and the bucket ACL gives AllUsers READ (or FULL_CONTROL)
  bool everyone_may_list = false;
};

class BucketStateCache {
 public:
  // At most this many buckets are kept; past it the cache starts over (S3 accounts have
  // hundreds of buckets at most, so this only bounds memory against misuse).
  static constexpr size_t kMaxBuckets = 4096;

  BucketStateCache(storage::Store* store, storage::Namespace ns) : store_(store), ns_(ns) {}

  // The bucket's state; NoSuchBucket when it does not exist; S3's InternalError for a storage
  // failure or an unreadable versioning configuration.
  Result<std::shared_ptr<const BucketState>> Get(std::string_view bucket);

  // Forgets `bucket` (it was deleted, or its versioning or lifecycle configuration changed).
  void Invalidate(std::string_view bucket);

 private:
  Result<std::shared_ptr<const BucketState>> Read(std::string_view bucket);

  storage::Store* store_;
  storage::Namespace ns_;
  std::shared_mutex mu_;
  std::atomic<uint64_t> generation_{0};
  std::unordered_map<std::string, std::shared_ptr<const BucketState>> buckets_;  // GUARDED_BY(mu_)
};

}  // namespace skybox::s3
