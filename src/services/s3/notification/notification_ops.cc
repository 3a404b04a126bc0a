#include "services/s3/notification/notification_ops.h"

#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/config_store.h"

namespace skybox::s3 {
namespace {

using Deps = std::shared_ptr<const NotificationOpsDeps>;
constexpr std::string_view kConfigName = "notification";

const char* MissingDestinationText(DestinationKind kind) {
  switch (kind) {
    case DestinationKind::kQueue: return "The destination queue does not exist";
    case DestinationKind::kTopic: return "The destination topic does not exist";
    case DestinationKind::kLambda: return "The destination Lambda does not exist";
  }
  return "The destination does not exist";
}

Status ValidateDestinations(const NotificationOpsDeps& deps, const NotificationRules& rules) {
  if (!deps.destination_exists) return Status::Ok();
  Status error = InvalidArgument("Unable to validate the following destination configurations");
  int missing = 0;
  for (const NotificationRule& rule : rules.rules) {
    if (deps.destination_exists(rule.arn)) continue;
    ++missing;
    error = error.WithDetail("ArgumentName" + std::to_string(missing), rule.arn)
                .WithDetail("ArgumentValue" + std::to_string(missing), MissingDestinationText(rule.kind));
  }
  return missing == 0 ? Status::Ok() : error;
}

void Put(const Deps& deps, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto in = call.input.find("NotificationConfiguration");
  if (in == call.input.end()) return done(MalformedXmlError());
  auto config = NormalizeNotificationConfiguration(*in);
  if (!config.ok()) return done(config.status());
  const NotificationRules new_rules = ParseNotificationRules(*config);
  if (!call.input.value("SkipDestinationValidation", false)) {
    if (Status s = ValidateDestinations(*deps, new_rules); !s.ok()) return done(s);
  }
  // The previous rules decide which test events to send: read and replaced while held.
  auto held = [deps, bucket = *bucket, config = std::move(*config), new_rules, origin = OriginOf(call)](
                  aws::CallDone done) {
    auto previous = ReadBucketConfig(*deps->store, deps->ns, bucket, kConfigName);
    if (!previous.ok()) return done(previous.status());
    const NotificationRules old_rules = *previous ? ParseNotificationRules(**previous) : NotificationRules{};
    storage::WriteBatch batch;
    batch.Put(deps->ns, BucketConfigKey(bucket, kConfigName), EncodeBucketConfig(config));
    std::vector<uint64_t> staged = deps->notifier->StageTestEvents(bucket, new_rules, old_rules, origin, batch);
    deps->store->Commit(std::move(batch), [deps, bucket, staged = std::move(staged),
                                           done = std::move(done)](Status st) {
      if (!st.ok()) return done(std::move(st));
      deps->notifier->Invalidate(bucket);
      deps->notifier->Committed(staged);
      done(aws::Document::object());
    });
  };
  WithBucketConfigHeld(deps->serialize, deps->require_bucket, *bucket, std::move(done), std::move(held));
}

void Get(const Deps& deps, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto stored = ReadBucketConfig(*deps->store, deps->ns, *bucket, kConfigName);
  if (!stored.ok()) return done(stored.status());
  done(stored->value_or(aws::Document::object()));
}

}  // namespace

void RegisterNotificationOperations(aws::Service& service, NotificationOpsDeps deps) {
  auto shared = std::make_shared<const NotificationOpsDeps>(std::move(deps));
  service.Register("PutBucketNotificationConfiguration",
                   [shared](aws::Call call, aws::CallDone done) { Put(shared, std::move(call), std::move(done)); });
  service.Register("GetBucketNotificationConfiguration",
                   [shared](aws::Call call, aws::CallDone done) { Get(shared, std::move(call), std::move(done)); });
}

}  // namespace skybox::s3
