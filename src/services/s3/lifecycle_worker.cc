#include "services/s3/lifecycle_worker.h"

#include <future>
#include <vector>

#include "base/log.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_metadata.h"
#include "services/s3/upload_record.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

using Clock = std::chrono::system_clock;

Clock::time_point FromMs(int64_t ms) { return Clock::time_point(std::chrono::milliseconds(ms)); }

struct StoredVersion {
  uint64_t seq;
  ObjectVersion version;
};

// Waits for an asynchronous delete (the worker's own thread may block).
bool Wait(std::function<void(std::function<void(Result<DeleteOutcome>)>)> start) {
  std::promise<bool> done;
  start([&done](Result<DeleteOutcome> r) { done.set_value(r.ok()); });
  return done.get_future().get();
}

}  // namespace

LifecycleWorker::LifecycleWorker(std::shared_ptr<S3Backend> backend, std::chrono::milliseconds interval)
    : backend_(std::move(backend)), thread_(interval, [this] { RunPass(); }) {}

size_t LifecycleWorker::RunPass() {
  std::vector<std::string> buckets;
  storage::IteratorOptions options;
  options.lower_bound = std::string(kBucketPrefix);
  options.upper_bound = PrefixEnd(kBucketPrefix);
  auto it = backend_->store().NewIterator(backend_->ns(), options);
  for (it->SeekToFirst(); it->Valid(); it->Next()) buckets.emplace_back(it->key().substr(kBucketPrefix.size()));
  it.reset();
  size_t applied = 0;
  Clock::time_point now = Clock::now();
  for (const std::string& bucket : buckets) applied += ApplyToBucket(bucket, now);
  return applied;
}

size_t LifecycleWorker::ApplyToBucket(const std::string& bucket, Clock::time_point now) {
  auto rules = ReadLifecycleRules(backend_->store(), backend_->ns(), bucket);
  if (!rules.ok()) {
    Log(LogLevel::kWarn, "s3 lifecycle rules unreadable", {{"bucket", bucket}, {"error", rules.status().ToString()}});
    return 0;
  }
  if (rules->empty()) return 0;
  S3Backend& b = *backend_;
  size_t applied = 0;
  std::string prefix = VersionBucketPrefix(bucket);
  storage::IteratorOptions options;
  options.lower_bound = prefix;
  options.upper_bound = PrefixEnd(prefix);
  auto it = b.store().NewIterator(b.ns(), options);
  it->SeekToFirst();
  while (it->Valid()) {
    // One key's versions, newest first.
    auto first = ParseVersionKey(bucket, it->key());
    if (!first) break;
    std::string key(first->key);
    std::vector<StoredVersion> versions;
    for (; it->Valid(); it->Next()) {
      auto parts = ParseVersionKey(bucket, it->key());
      if (!parts || parts->key != key) break;
      auto version = DecodeVersionMetadata(it->value());
      if (version.ok()) versions.push_back({parts->seq, std::move(version).value()});
    }
    auto head = b.ReadHead(bucket, key);
    if (!head.ok() || !*head) continue;
    int64_t newer_noncurrent = 0;
    for (size_t i = 0; i < versions.size(); ++i) {
      const ObjectVersion& v = versions[i].version;
      std::map<std::string, std::string> tags(v.tags.begin(), v.tags.end());
      ObjectVersionFacts facts;
      facts.key = key;
      facts.tags = &tags;
      facts.size = v.size;
      facts.last_modified = FromMs(v.last_modified_ms);
      facts.is_current = versions[i].seq == (*head)->current_seq;
      facts.is_delete_marker = v.delete_marker;
      if (!facts.is_current && i > 0) facts.noncurrent_since = FromMs(versions[i - 1].version.last_modified_ms);
      facts.newer_noncurrent_versions = newer_noncurrent;
      facts.has_noncurrent_versions = versions.size() > 1;
      if (!facts.is_current) ++newer_noncurrent;
      LifecycleDecision decision = EvaluateObject(*rules, facts, now);
      // The version decided on must still be the one deleted, as current or noncurrent as it
      // was judged: a write between this scan and the delete (a new current object, a new null
      // version or delete marker, a deleted current version) makes the delete fail instead.
      DeleteConditions unchanged;
      unchanged.version_seq = versions[i].seq;
      unchanged.version_is_current = facts.is_current;
      bool ok = false;
      switch (decision.action) {
        case LifecycleAction::kNone:
          continue;
        case LifecycleAction::kExpireCurrent:
          ok = Wait([&](auto done) {
            DeleteCurrent(b, bucket, key, {"LifecycleExpiration", ServiceOrigin()}, std::move(done), unchanged);
          });
          break;
        case LifecycleAction::kDeleteNoncurrent:
        case LifecycleAction::kRemoveDeleteMarker:
          // Object Lock outranks lifecycle: a protected version waits for its lock to end.
          if (IsProtectedByObjectLock(v, NowMs())) continue;
          ok = Wait([&](auto done) {
            DeleteVersion(b, bucket, key, v.version_id, {"LifecycleExpiration", ServiceOrigin()},
                          /*bypass_governance_retention=*/false, std::move(done), unchanged);
          });
          break;
      }
      if (ok) ++applied;
    }
  }
  it.reset();
  return applied + AbortExpiredUploads(bucket, *rules, now);
}

size_t LifecycleWorker::AbortExpiredUploads(const std::string& bucket, const std::vector<LifecycleRule>& rules,
                                            Clock::time_point now) {
  S3Backend& b = *backend_;
  std::vector<std::pair<std::string, std::string>> due;  // key, upload id
  std::string prefix = UploadBucketPrefix(bucket);
  storage::IteratorOptions options;
  options.lower_bound = prefix;
  options.upper_bound = PrefixEnd(prefix);
  auto it = b.store().NewIterator(b.ns(), options);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    std::string_view rest = it->key().substr(prefix.size());
    size_t sep = rest.rfind('\0');
    auto upload = DecodeVersionMetadata(it->value());
    if (sep == std::string_view::npos || !upload.ok()) continue;
    std::string key(rest.substr(0, sep));
    if (UploadAbortRule(rules, key, FromMs(upload->last_modified_ms), now)) {
      due.emplace_back(std::move(key), std::string(rest.substr(sep + 1)));
    }
  }
  it.reset();
  size_t aborted = 0;
  for (auto& [key, upload_id] : due) {
    std::promise<bool> done;
    AbortUpload(b, bucket, key, upload_id, [&done](Status st) { done.set_value(st.ok()); });
    if (done.get_future().get()) ++aborted;
  }
  return aborted;
}

}  // namespace skybox::s3
