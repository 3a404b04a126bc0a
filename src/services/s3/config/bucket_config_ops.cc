#include "services/s3/config/bucket_config_ops.h"

#include <atomic>
#include <memory>

#include "base/log.h"
#include "services/s3/config/bucket_owner.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/config_store.h"
#include "services/s3/config/keyed_config_ops.h"
#include "services/s3/config/policy_status.h"

namespace skybox::s3 {
namespace {

using Deps = std::shared_ptr<const BucketConfigDeps>;

// Commits a configuration change of `bucket`; answers `output` once it is durable.
void Commit(const Deps& deps, std::string bucket, storage::WriteBatch batch, aws::CallDone done,
            aws::Document output = aws::Document::object()) {
  deps->store->Commit(std::move(batch), [deps, bucket = std::move(bucket), done = std::move(done),
                                         output = std::move(output)](Status s) mutable {
    if (!s.ok()) return done(std::move(s));
    if (deps->changed) deps->changed(bucket);
    done(std::move(output));
  });
}

Result<aws::Document> ConfigFromPut(const BucketConfigDeps& deps, const ConfigKind& kind, const aws::Call& call,
                                    const std::string& bucket) {
  aws::Document config;
  if (kind.build != nullptr) {
    auto read = [&](std::string_view name) { return ReadBucketConfig(*deps.store, deps.ns, bucket, name); };
    SKYBOX_ASSIGN_OR_RETURN(config, kind.build(call, read));
  } else {
    auto it = call.input.find(kind.payload_member);
    if (it == call.input.end()) return MalformedXmlError();
    config = *it;
  }
  if (kind.normalize != nullptr) {
    SKYBOX_ASSIGN_OR_RETURN(config, kind.normalize(std::move(config)));
  }
  if (kind.check_named_buckets != nullptr) SKYBOX_RETURN_IF_ERROR(kind.check_named_buckets(config, deps.require_bucket));
  return config;
}

void Put(const Deps& deps, const ConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto put = std::make_shared<aws::Call>(std::move(call));
  auto held = [deps, &kind, put, bucket = *bucket](aws::CallDone done) {
    auto config = ConfigFromPut(*deps, kind, *put, bucket);
    if (!config.ok()) return done(config.status());
    storage::WriteBatch batch;
    batch.Put(deps->ns, BucketConfigKey(bucket, kind.name), EncodeBucketConfig(*config));
    if (kind.put_status != 0 && put->http) put->http->response_status = kind.put_status;
    aws::Document output = aws::Document::object();
    if (auto echoed = config->find(kind.put_output_member); !kind.put_output_member.empty() && echoed != config->end()) {
      output[std::string(kind.put_output_member)] = *echoed;
    }
    Commit(deps, bucket, std::move(batch), std::move(done), std::move(output));
  };
  WithBucketConfigHeld(deps->serialize, deps->require_bucket, *bucket, std::move(done), std::move(held));
}

// The 404 Get answers for a configuration never set; S3 names the bucket in it.
Status AbsentError(const ConfigKind& kind, const std::string& bucket) {
  return Status::Aws(StatusCode::kNotFound, 404, std::string(kind.absent.aws_code), std::string(kind.absent.message))
      .WithDetail("BucketName", bucket);
}

void Get(const Deps& deps, const ConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto stored = ReadBucketConfig(*deps->store, deps->ns, *bucket, kind.name);
  if (!stored.ok()) return done(stored.status());
  aws::Document config;
  if (stored->has_value()) {
    config = std::move(**stored);
  } else if (!kind.absent.aws_code.empty()) {
    return done(AbsentError(kind, *bucket));
  } else {
    config = kind.absent.default_config(call);
  }
  if (kind.present != nullptr) config = kind.present(std::move(config), call);
  if (kind.output_wraps_payload) config = aws::Document{{std::string(kind.payload_member), std::move(config)}};
  done(std::move(config));
}

void Delete(const Deps& deps, const ConfigKind& kind, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  auto held = [deps, &kind, bucket = *bucket](aws::CallDone done) {
    storage::WriteBatch batch;
    batch.Delete(deps->ns, BucketConfigKey(bucket, kind.name));
    Commit(deps, bucket, std::move(batch), std::move(done));
  };
  WithBucketConfigHeld(deps->serialize, deps->require_bucket, *bucket, std::move(done), std::move(held));
}

// GetBucketPolicyStatus: whether the stored policy makes the bucket public; a bucket without
// a policy answers GetBucketPolicy's NoSuchBucketPolicy, as S3 does.
void PolicyStatus(const Deps& deps, aws::Call call, aws::CallDone done) {
  auto bucket = RequireOwnedBucket(deps->require_bucket, call);
  if (!bucket.ok()) return done(bucket.status());
  const ConfigKind& policy = FindBucketConfigKind("policy");
  auto stored = ReadBucketConfig(*deps->store, deps->ns, *bucket, policy.name);
  if (!stored.ok()) return done(stored.status());
  if (!stored->has_value() || !(*stored)->is_string()) {
    return done(AbsentError(policy, *bucket));
  }
  done(aws::Document{{"PolicyStatus", {{"IsPublic", BucketPolicyIsPublic((*stored)->get<std::string>())}}}});
}

}  // namespace

void WithBucketConfigHeld(const BucketConfigHold& hold,
                          const std::function<Status(std::string_view bucket)>& require_bucket,
                          const std::string& bucket, aws::CallDone done, std::function<void(aws::CallDone done)> work) {
  auto run = [require_bucket, bucket, work = std::move(work),
              done = std::move(done)](std::function<void()> release) {
    // Answers once: a second answer (below, after a throw) is dropped.
    auto answered = std::make_shared<std::atomic<bool>>(false);
    aws::CallDone answer = [release = std::move(release), done, answered](Result<aws::Document> result) {
      if (answered->exchange(true)) return;
      release();
      done(std::move(result));
    };
    if (Status exists = require_bucket(bucket); !exists.ok()) return answer(std::move(exists));
    // `work` must not throw; if it does (a bug), the write fails alone and the bucket is still
    // released (unless `work` had answered or handed its answer to a commit, the last step).
    try {
      work(answer);
    } catch (const std::exception& e) {
      Log(LogLevel::kError, "configuration write threw", {{"bucket", bucket}, {"what", e.what()}});
      answer(Status::Aws(StatusCode::kInternal, 500, "InternalError",
                         "We encountered an internal error. Please try again."));
    }
  };
  if (!hold) return run([] {});
  hold(bucket, std::move(run));
}

Result<std::string> RequireOwnedBucket(const std::function<Status(std::string_view bucket)>& require_bucket,
                                       const aws::Call& call) {
  std::string bucket = call.input.value("Bucket", "");
  if (auto expected = call.input.find("ExpectedBucketOwner"); expected != call.input.end() && expected->is_string()) {
    SKYBOX_RETURN_IF_ERROR(CheckBucketOwner(expected->get_ref<const std::string&>(), bucket, require_bucket));
  }
  SKYBOX_RETURN_IF_ERROR(require_bucket(bucket));
  return bucket;
}

void RegisterBucketConfigOperations(aws::Service& service, BucketConfigDeps deps) {
  auto shared = std::make_shared<const BucketConfigDeps>(std::move(deps));
  using Operation = void (*)(const Deps&, const ConfigKind&, aws::Call, aws::CallDone);
  auto bind = [&shared](Operation op, const ConfigKind& kind) -> aws::OperationHandler {
    return [shared, op, &kind](aws::Call call, aws::CallDone done) { op(shared, kind, std::move(call), std::move(done)); };
  };
  for (const ConfigKind& kind : BucketConfigKinds()) {
    if (!kind.put_operation.empty()) service.Register(std::string(kind.put_operation), bind(Put, kind));
    service.Register(std::string(kind.get_operation), bind(Get, kind));
    if (!kind.delete_operation.empty()) service.Register(std::string(kind.delete_operation), bind(Delete, kind));
  }
  service.Register("GetBucketPolicyStatus", [shared](aws::Call call, aws::CallDone done) {
    PolicyStatus(shared, std::move(call), std::move(done));
  });
  RegisterKeyedBucketConfigOperations(service, shared);
}

}  // namespace skybox::s3
