#include "services/s3/s3_backend.h"

#include <chrono>
#include <random>

#include "base/log.h"
#include "services/s3/keys.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

uint64_t NowMicros() {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count());
}

constexpr char kHex[] = "0123456789abcdef";

}  // namespace

Result<std::shared_ptr<S3Backend>> S3Backend::Open(storage::Store* store, S3Options options,
                                                   std::shared_ptr<services::delivery::Outbox> outbox) {
  std::shared_ptr<S3Backend> b(new S3Backend());
  b->store_ = store;
  b->options_ = std::move(options);
  SKYBOX_ASSIGN_OR_RETURN(b->ns_, store->OpenNamespace("s3"));
  if (b->options_.blob_dir.empty()) {
    b->blobs_ = NewMemoryBlobStore();
  } else {
    SKYBOX_ASSIGN_OR_RETURN(b->blobs_, OpenFileBlobStore(b->options_.blob_dir));
  }
  b->notifier_ = std::make_shared<BucketNotifier>(store, b->ns_, std::move(outbox), b->options_.region);
  b->buckets_ = std::make_unique<BucketStateCache>(store, b->ns_);
  b->pool_ = std::make_unique<WorkerPool>(b->options_.io_threads, "s3-io");
  b->reclaimer_ = std::make_unique<BlobReclaimer>([raw = b.get()](std::vector<BlobId> blobs) {
    raw->pool_->Post([raw, blobs = std::move(blobs)] {
      for (BlobId id : blobs) {
        Status st = raw->blobs_->Remove(id);
        if (!st.ok()) Log(LogLevel::kWarn, "s3 blob removal failed", {{"error", st.ToString()}});
      }
    });
  });
  b->writers_ = std::make_unique<KeySerializer>(
      [pool = b->pool_.get()](std::function<void()> task) { pool->Post(std::move(task)); });
  // Nothing is in flight yet, so every unreferenced blob is garbage.
  auto swept = SweepUnreferencedBlobs(*b->blobs_, [&](BlobId id) {
    auto ref = store->Get(b->ns_, BlobRefKey(id));
    return !ref.ok() || ref->has_value();  // keep on doubt
  });
  if (!swept.ok()) return swept.status();
  if (*swept > 0) Log(LogLevel::kInfo, "s3 removed unreferenced blobs", {{"count", std::to_string(*swept)}});
  return b;
}

S3Backend::~S3Backend() = default;

uint64_t S3Backend::NextSeq() {
  uint64_t now = NowMicros();
  uint64_t last = last_seq_.load(std::memory_order_relaxed);
  for (;;) {
    uint64_t next = std::max(now, last + 1);
    if (last_seq_.compare_exchange_weak(last, next, std::memory_order_relaxed)) return next;
  }
}

std::string S3Backend::NewVersionId(uint64_t seq) {
  thread_local std::mt19937_64 rng(std::random_device{}());
  uint64_t salt = rng();
  std::string id(32, '0');
  for (int i = 0; i < 16; ++i) {
    id[i] = kHex[(seq >> (60 - 4 * i)) & 0xf];
    id[16 + i] = kHex[(salt >> (60 - 4 * i)) & 0xf];
  }
  return id;
}

std::optional<uint64_t> S3Backend::VersionSeq(std::string_view version_id) {
  if (version_id.size() != 32) return std::nullopt;
  uint64_t seq = 0;
  for (int i = 0; i < 16; ++i) {
    char c = version_id[i];
    int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (v < 0) return std::nullopt;
    seq = (seq << 4) | static_cast<uint64_t>(v);
  }
  return seq;
}

void S3Backend::HoldKeysAndBucket(std::string bucket, std::vector<std::string> keys,
                                  std::function<void(KeySerializer::Release)> work) {
  writers_->RunAll(std::move(keys), [this, bucket = std::move(bucket),
                                     work = std::move(work)](KeySerializer::Release keys_release) mutable {
    writers_->RunShared(BucketKey(bucket), [keys_release = std::move(keys_release),
                                            work = std::move(work)](KeySerializer::Release bucket_release) mutable {
      work([keys_release = std::move(keys_release), bucket_release = std::move(bucket_release)] {
        bucket_release();
        keys_release();
      });
    });
  });
}

void S3Backend::HoldBucket(std::string bucket, std::function<void(KeySerializer::Release)> work) {
  writers_->Run(BucketKey(bucket), std::move(work));
}

Status S3Backend::RequireBucket(std::string_view bucket) {
  auto state = buckets_->Get(bucket);
  return state.ok() ? Status() : state.status();
}

Result<std::optional<ObjectHead>> S3Backend::ReadHead(std::string_view bucket, std::string_view key) {
  auto value = store_->Get(ns_, HeadKey(bucket, key));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<ObjectHead>();
  SKYBOX_ASSIGN_OR_RETURN(ObjectHead head, DecodeHead(**value));
  return std::optional<ObjectHead>(std::move(head));
}

Result<std::optional<ObjectVersion>> S3Backend::ReadVersion(std::string_view bucket, std::string_view key,
                                                            uint64_t seq, bool with_data) {
  auto value = store_->Get(ns_, VersionKey(bucket, key, seq));
  if (!value.ok()) return value.status();
  if (!value->has_value()) return std::optional<ObjectVersion>();
  auto version = with_data ? DecodeVersion(**value) : DecodeVersionMetadata(**value);
  if (!version.ok()) return version.status();
  return std::optional<ObjectVersion>(std::move(version).value());
}

void S3Backend::RemoveBlobsLater(std::vector<BlobId> blobs) { reclaimer_->Free(std::move(blobs)); }

}  // namespace skybox::s3
