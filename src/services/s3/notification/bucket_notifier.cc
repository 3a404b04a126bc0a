#include "services/s3/notification/bucket_notifier.h"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "services/s3/config/config_store.h"
#include "services/s3/notification/event_messages.h"

namespace skybox::s3 {
namespace {

constexpr std::string_view kConfigName = "notification";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string DefaultBusArn(std::string_view region, std::string_view account) {
  return "arn:aws:events:" + std::string(region) + ":" + std::string(account) + ":event-bus/default";
}

}  // namespace

BucketNotifier::BucketNotifier(storage::Store* store, storage::Namespace ns,
                               std::shared_ptr<services::delivery::Outbox> outbox, std::string region)
    : store_(store), ns_(ns), outbox_(std::move(outbox)), region_(std::move(region)) {}

Result<std::shared_ptr<const NotificationRules>> BucketNotifier::RulesOf(std::string_view bucket) {
  {
    std::shared_lock lock(mu_);
    auto it = cache_.find(std::string(bucket));
    if (it != cache_.end()) return it->second;
  }
  const uint64_t generation = generation_.load();
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> stored, ReadBucketConfig(*store_, ns_, bucket, kConfigName));
  auto rules = std::make_shared<const NotificationRules>(
      stored ? ParseNotificationRules(*stored) : NotificationRules{});
  std::unique_lock lock(mu_);
  if (generation_.load() == generation) cache_.emplace(std::string(bucket), rules);
  return rules;
}

void BucketNotifier::Invalidate(std::string_view bucket) {
  std::unique_lock lock(mu_);
  cache_.erase(std::string(bucket));
  generation_.fetch_add(1);
}

uint64_t BucketNotifier::StageEnvelope(storage::WriteBatch& batch, const NotificationRule& rule, std::string body,
                                       std::string_view bucket) {
  services::delivery::Envelope envelope;
  envelope.target = rule.arn;
  envelope.body = std::move(body);
  envelope.source_arn = "arn:aws:s3:::" + std::string(bucket);
  if (rule.kind == DestinationKind::kTopic) envelope.context = {{"Subject", "Amazon S3 Notification"}};
  return outbox_->Stage(batch, std::move(envelope));
}

Result<std::vector<uint64_t>> BucketNotifier::Stage(const std::vector<ObjectEvent>& events,
                                                    storage::WriteBatch& batch) {
  std::vector<uint64_t> ids;
  if (!outbox_) return ids;
  for (const ObjectEvent& event : events) {
    SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const NotificationRules> rules, RulesOf(event.bucket));
    if (rules->empty()) continue;
    for (const NotificationRule& rule : rules->rules) {
      if (!RuleMatches(rule, event.name, event.key)) continue;
      ids.push_back(StageEnvelope(batch, rule, S3EventMessage(event, rule.id, region_), event.bucket));
    }
    if (rules->eventbridge) {
      services::delivery::Envelope envelope;
      envelope.target = DefaultBusArn(region_, event.origin.account_id);
      envelope.body = EventBridgeMessage(event, region_);
      envelope.source_arn = "arn:aws:s3:::" + event.bucket;
      ids.push_back(outbox_->Stage(batch, std::move(envelope)));
    }
  }
  return ids;
}

std::vector<uint64_t> BucketNotifier::StageTestEvents(std::string_view bucket, const NotificationRules& rules,
                                                      const NotificationRules& previous, const EventOrigin& origin,
                                                      storage::WriteBatch& batch) {
  std::vector<uint64_t> ids;
  if (!outbox_) return ids;
  const int64_t now = NowMs();
  std::vector<std::string_view> sent;
  for (const NotificationRule& rule : rules.rules) {
    if (rule.kind == DestinationKind::kLambda) continue;
    auto known = [&](std::string_view arn) { return arn == rule.arn; };
    if (std::any_of(previous.rules.begin(), previous.rules.end(), [&](const auto& r) { return known(r.arn); }) ||
        std::any_of(sent.begin(), sent.end(), known)) {
      continue;
    }
    sent.push_back(rule.arn);
    ids.push_back(StageEnvelope(batch, rule, TestEventMessage(bucket, origin.request_id, now), bucket));
  }
  return ids;
}

void BucketNotifier::Committed(const std::vector<uint64_t>& ids) {
  if (outbox_ && !ids.empty()) outbox_->Committed(ids);
}

}  // namespace skybox::s3
