// PutBucketNotificationConfiguration and GetBucketNotificationConfiguration.
//
// Put checks the configuration as S3 does (config/notification_rules.h), stores it, and in
// the same batch stages the s3:TestEvent for each queue and topic the bucket did not notify
// before; once durable, the bucket's cached rules are dropped so the next change sees the new
// ones. Unless the request sets SkipDestinationValidation, every destination must exist when
// the configuration is put (InvalidArgument "Unable to validate the following destination
// configurations", one ArgumentName/ArgumentValue pair per missing destination); Lambda
// functions never do yet.
//
// Thread-safety: handlers may run on any event loop concurrently.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/notification/bucket_notifier.h"
#include "storage/store.h"

namespace skybox::s3 {

struct NotificationOpsDeps {
  storage::Store* store = nullptr;  // outlives the service
  storage::Namespace ns;            // the S3 namespace
  // OK when the bucket exists; otherwise the NoSuchBucket Status to answer with.
  std::function<Status(std::string_view bucket)> require_bucket;
  std::shared_ptr<BucketNotifier> notifier;
  // Whether the queue, topic or function an ARN names exists; null: destinations are not checked.
  std::function<bool(std::string_view arn)> destination_exists;
  // Holds the bucket's configuration writes, as BucketConfigDeps::serialize (empty: not held).
  BucketConfigHold serialize;
};

void RegisterNotificationOperations(aws::Service& service, NotificationOpsDeps deps);

}  // namespace skybox::s3
