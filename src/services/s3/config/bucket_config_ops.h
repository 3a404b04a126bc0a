// S3 bucket configuration sub-resources: the ?tagging, ?versioning, ?cors, ?policy, ?lifecycle,
// ?encryption, ?ownershipControls, ?acl, ?publicAccessBlock, ?accelerate, ?requestPayment,
// ?logging and ?website operations of a bucket. (?notification has its own handlers, which
// deliver events: services/s3/notification/.)
//
// Every sub-resource is one stored document per bucket (the validated input configuration, in
// the model's Document form), under the key BucketConfigPrefix(bucket) + <config name>. All
// operations share one table-driven mechanism (config_kinds.h); this header is what the S3
// service wires up.
//
// Object Lock (?object-lock, object_lock.h) and the default encryption new objects report
// (server_side_encryption.h; the bytes are not encrypted) are applied by the S3 core, CORS and
// lifecycle through cors.h and lifecycle_rules.h. What is stored only, not acted on: logging,
// website, accelerate, request-payment, ACLs and policies (not enforced); public-access-block
// refuses public ACLs and policies (public_access_block.h).
//
// Thread-safety: handlers may run on any event loop concurrently; they read the store on the
// calling thread and answer from the committer thread after a commit.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "storage/store.h"

namespace skybox::s3 {

// Runs `work(release)` once no other configuration write of `bucket` runs and the bucket
// cannot be deleted until `release` (S3Backend::HoldKeysAndBucket over
// BucketConfigPrefix(bucket)). Configuration writes hold it from their check that the bucket
// exists and their read of sibling configurations to the moment their commit is durable, so
// checks across configurations (no Object Lock without versioning Enabled, no suspending
// versioning under Object Lock) cannot both pass in a race, and DeleteBucket cannot leave a
// configuration behind for a later bucket of the same name. Empty: writes are not serialised.
using BucketConfigHold =
    std::function<void(std::string bucket, std::function<void(std::function<void()> release)> work)>;

struct BucketConfigDeps {
  storage::Store* store = nullptr;  // outlives the service
  storage::Namespace ns;            // the S3 namespace (shared; config keys start with 'C')
  // OK when the bucket exists; otherwise the NoSuchBucket Status to answer with.
  std::function<Status(std::string_view bucket)> require_bucket;
  // Told, once durable and before the answer, that a configuration of `bucket` was put or
  // deleted (the S3 backend forgets its cached bucket state).
  std::function<void(std::string_view bucket)> changed;
  BucketConfigHold serialize;
};

// The bucket a bucket sub-resource call names, once the call's ExpectedBucketOwner (if any)
// holds (bucket_owner.h) and `require_bucket` says it exists.
Result<std::string> RequireOwnedBucket(const std::function<Status(std::string_view bucket)>& require_bucket,
                                       const aws::Call& call);

// Runs `work` while `bucket`'s configuration writes are held (`hold`) and the bucket exists
// (`require_bucket`; else answers its NoSuchBucket); `work` answers through the CallDone it is
// given, which lets the bucket go first.
void WithBucketConfigHeld(const BucketConfigHold& hold,
                          const std::function<Status(std::string_view bucket)>& require_bucket,
                          const std::string& bucket, aws::CallDone done, std::function<void(aws::CallDone done)> work);

// Registers every Put/Get/Delete operation of the sub-resources above on `service`, and
// GetBucketPolicyStatus (policy_status.h over the stored policy; NoSuchBucketPolicy without one).
void RegisterBucketConfigOperations(aws::Service& service, BucketConfigDeps deps);

// Key prefix of every configuration key of `bucket`: "C" + bucket + '\0'. DeleteBucket
// range-deletes [prefix, prefix + '\xff') — no configuration name starts with 0xff.
std::string BucketConfigPrefix(std::string_view bucket);

enum class VersioningState { kUnversioned, kEnabled, kSuspended };

// The versioning state of `bucket` (kUnversioned when never configured). Fails only when the
// store does (or holds an unreadable document: kDataLoss).
Result<VersioningState> ReadVersioning(storage::Store& store, storage::Namespace ns,
                                       std::string_view bucket);

}  // namespace skybox::s3
