// S3Backend: the state every S3 operation shares — the store and its "s3" namespace, the blob
// store and the worker pool that does its blocking I/O, the per-key write locks, the version
// sequence, and the notifier that turns object changes into event notifications.
//
// Writes to one object key are serialised (key_serializer.h) from the read of its head to the
// moment its batch (versions, head, blob references) is durable, so every writer reads the
// store and decides from the latest state.
//
// Thread-safety: all methods are thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "services/s3/blob/blob_reclaimer.h"
#include "services/s3/blob/blob_store.h"
#include "services/s3/bucket_state_cache.h"
#include "services/s3/blob/worker_pool.h"
#include "services/s3/object_record.h"
#include "services/s3/key_serializer.h"
#include "services/s3/notification/bucket_notifier.h"
#include "storage/store.h"

namespace skybox::s3 {

struct S3Options {
  std::string region = "us-east-1";
  // Where blob files live; empty keeps blobs in memory (ephemeral stores).
  std::string blob_dir;
  size_t io_threads = 4;
  // Objects up to this size are stored inline in the key-value store.
  size_t inline_max_bytes = 256 * 1024;
  // How often the lifecycle worker looks for versions and uploads its rules expire.
  std::chrono::milliseconds lifecycle_interval{5000};
};

class S3Backend {
 public:
  // Opens the "s3" namespace and the blob store, and removes blobs no metadata refers to (left
  // by a crash mid-upload or between a delete and its file removal). Event notifications go
  // through `outbox`; without one, none are sent.
  static Result<std::shared_ptr<S3Backend>> Open(storage::Store* store, S3Options options,
                                                 std::shared_ptr<services::delivery::Outbox> outbox = nullptr);
  ~S3Backend();

  storage::Store& store() { return *store_; }
  storage::Namespace ns() const { return ns_; }
  BlobStore& blobs() { return *blobs_; }
  WorkerPool& pool() { return *pool_; }
  // Serialises writers of one object key; key them by HeadKey(bucket, key).
  KeySerializer& writers() { return *writers_; }
  // A bucket's writes against its deletion: every write that adds or changes records of a
  // bucket holds the bucket shared from its last check that the bucket exists to the moment its
  // batch is durable, and CreateBucket and DeleteBucket hold it exclusively from their check to
  // theirs, so DeleteBucket can neither commit between a write's check and its commit nor miss
  // the write's records. HoldKeysAndBucket runs `work(release)` once the writers of every key
  // in `keys` are held (writers().RunAll, in that order) and then the bucket shared — always
  // last, so a holder never waits for anything while it holds the bucket; HoldBucket runs it
  // holding the bucket exclusively. Both hold through writers(), keyed by BucketKey(bucket).
  void HoldKeysAndBucket(std::string bucket, std::vector<std::string> keys,
                         std::function<void(KeySerializer::Release)> work);
  void HoldBucket(std::string bucket, std::function<void(KeySerializer::Release)> work);
  const S3Options& options() const { return options_; }
  BucketNotifier& notifier() { return *notifier_; }
  const std::shared_ptr<BucketNotifier>& shared_notifier() const { return notifier_; }

  // A new version sequence: increasing across restarts (microseconds since the epoch, bumped
  // past the last one handed out).
  uint64_t NextSeq();
  // Version ids for versioned writes; VersionSeq inverts NewVersionId (nullopt for ids Skybox
  // did not issue, including "null").
  static std::string NewVersionId(uint64_t seq);
  static std::optional<uint64_t> VersionSeq(std::string_view version_id);

  // OK when the bucket exists, else NoSuchBucket (or the storage failure).
  Status RequireBucket(std::string_view bucket);
  // The bucket's existence, versioning state and lifecycle rules (cached; see
  // bucket_state_cache.h): NoSuchBucket when it does not exist.
  Result<std::shared_ptr<const BucketState>> BucketStateOf(std::string_view bucket) { return buckets_->Get(bucket); }
  // Call once a change to the bucket's existence, versioning or lifecycle is durable, before
  // answering the request that made it.
  void BucketChanged(std::string_view bucket) { buckets_->Invalidate(bucket); }

  // The current head of an object (durable state).
  Result<std::optional<ObjectHead>> ReadHead(std::string_view bucket, std::string_view key);
  // A version record by sequence; nullopt when absent.
  Result<std::optional<ObjectVersion>> ReadVersion(std::string_view bucket, std::string_view key,
                                                   uint64_t seq, bool with_data);

  // Removes blob files in the background, after the batch that dropped their references is
  // durable, and once every reader that started before is done (blob_reclaimer.h). A removal
  // lost to a crash is swept at the next Open.
  void RemoveBlobsLater(std::vector<BlobId> blobs);
  // Taken before reading the metadata of a version whose blobs will be read, and kept until
  // they are: those blobs stay readable however the object changes meanwhile.
  BlobReclaimer::ReadGuard GuardBlobReads() { return reclaimer_->GuardReads(); }

 private:
  S3Backend() = default;

  storage::Store* store_ = nullptr;
  storage::Namespace ns_;
  S3Options options_;
  std::unique_ptr<BlobStore> blobs_;
  // Before the pool: its removals post to the pool, which goes first and drains.
  std::unique_ptr<BlobReclaimer> reclaimer_;
  // Declared before the pool, so the pool (which drains its queue, handoffs included, when it
  // goes) is destroyed first.
  std::unique_ptr<KeySerializer> writers_;
  std::unique_ptr<WorkerPool> pool_;
  std::shared_ptr<BucketNotifier> notifier_;
  std::unique_ptr<BucketStateCache> buckets_;
  std::atomic<uint64_t> last_seq_{0};
};

}  // namespace skybox::s3
