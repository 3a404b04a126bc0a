// BucketNotifier: turns object changes into S3 event notifications, through the transactional
// outbox (services/delivery/outbox.h).
//
// The S3 core hands it the ObjectEvents of a change while it builds the change's batch; the
// notifier looks up the bucket's notification configuration (parsed once and cached: this is
// on every write's path) and stages one envelope per matching destination into that same
// batch — an event record for each matching queue, topic or Lambda configuration, and the
// EventBridge event for the account's default bus when EventBridgeConfiguration is set. Once
// the batch is durable, the caller passes the returned ids to Committed and the outbox
// delivers them (at least once, with retries). A change and its notifications are therefore
// durable together or not at all.
//
// Thread-safety: thread-safe. The cache is invalidated by whoever changes a configuration or
// deletes a bucket, after that change is durable.
#pragma once

#include <atomic>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "services/delivery/outbox.h"
#include "services/s3/config/notification_rules.h"
#include "services/s3/notification/object_event.h"
#include "storage/store.h"

namespace skybox::s3 {

class BucketNotifier {
 public:
  // `outbox` may be null: nothing is staged (a Skybox without delivery, unit tests).
  BucketNotifier(storage::Store* store, storage::Namespace ns, std::shared_ptr<services::delivery::Outbox> outbox,
                 std::string region);

  // Stages into `batch` the envelopes `events` call for; returns their ids for Committed.
  // Fails only when a configuration cannot be read (the change must then fail too).
  Result<std::vector<uint64_t>> Stage(const std::vector<ObjectEvent>& events, storage::WriteBatch& batch);

  // Stages into `batch` the s3:TestEvent for every queue and topic of `rules` whose ARN
  // `previous` does not have (what S3 sends when a configuration is put).
  std::vector<uint64_t> StageTestEvents(std::string_view bucket, const NotificationRules& rules,
                                        const NotificationRules& previous, const EventOrigin& origin,
                                        storage::WriteBatch& batch);

  // The batch that staged `ids` is durable.
  void Committed(const std::vector<uint64_t>& ids);

  // Forgets the cached configuration of `bucket` (its configuration changed, or it is gone).
  void Invalidate(std::string_view bucket);

  // The bucket's configuration, parsed (cached).
  Result<std::shared_ptr<const NotificationRules>> RulesOf(std::string_view bucket);

  const std::string& region() const { return region_; }

 private:
  uint64_t StageEnvelope(storage::WriteBatch& batch, const NotificationRule& rule, std::string body,
                         std::string_view bucket);

  storage::Store* store_;
  storage::Namespace ns_;
  std::shared_ptr<services::delivery::Outbox> outbox_;
  std::string region_;

  std::shared_mutex mu_;
  // Bumped by every Invalidate: a lookup that read the store before an invalidation does not
  // cache what it read (it may predate the change).
  std::atomic<uint64_t> generation_{0};
  std::unordered_map<std::string, std::shared_ptr<const NotificationRules>> cache_;  // GUARDED_BY(mu_)
};

}  // namespace skybox::s3
