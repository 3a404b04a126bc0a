#include "services/s3/bucket_state_cache.h"

#include <mutex>

#include "services/s3/bucket_record.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_store.h"
#include "services/s3/config/public_access_block.h"
#include "services/s3/keys.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {

Result<std::shared_ptr<const BucketState>> BucketStateCache::Get(std::string_view bucket) {
  {
    std::shared_lock lock(mu_);
    auto it = buckets_.find(std::string(bucket));
    if (it != buckets_.end()) return it->second;
  }
  uint64_t generation = generation_.load(std::memory_order_acquire);
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const BucketState> state, Read(bucket));
  std::unique_lock lock(mu_);
  if (generation_.load(std::memory_order_acquire) == generation) {
    if (buckets_.size() >= kMaxBuckets) buckets_.clear();
    buckets_[std::string(bucket)] = state;
  }
  return state;
}

void BucketStateCache::Invalidate(std::string_view bucket) {
  std::unique_lock lock(mu_);
  generation_.fetch_add(1, std::memory_order_acq_rel);
  buckets_.erase(std::string(bucket));
}

Result<std::shared_ptr<const BucketState>> BucketStateCache::Read(std::string_view bucket) {
  auto record = store_->Get(ns_, BucketKey(bucket));
  if (!record.ok()) return S3InternalError(record.status());
  if (!record->has_value()) return NoSuchBucket(bucket);
  auto state = std::make_shared<BucketState>();
  state->incarnation = std::move(**record);
  state->region = DecodeBucket(state->incarnation).region;
  auto versioning = ReadVersioning(*store_, ns_, bucket);
  if (!versioning.ok()) return S3InternalError(versioning.status());
  state->versioning = *versioning;
  auto object_lock = ReadObjectLockSettings(*store_, ns_, bucket);
  if (!object_lock.ok()) return S3InternalError(object_lock.status());
  state->object_lock = std::move(object_lock).value();
  auto encryption = ReadBucketConfig(*store_, ns_, bucket, "encryption");
  if (!encryption.ok()) return S3InternalError(encryption.status());
  state->default_encryption = std::move(encryption).value();
  SiblingConfigReader read = [&](std::string_view name) { return ReadBucketConfig(*store_, ns_, bucket, name); };
  auto policy = read("policy");
  if (!policy.ok()) return S3InternalError(policy.status());
  if (*policy && (*policy)->is_string()) state->policy = (*policy)->get<std::string>();
  auto restrict_public = BlocksPublicAccess(read, "RestrictPublicBuckets");
  if (!restrict_public.ok()) return S3InternalError(restrict_public.status());
  state->restrict_public_buckets = *restrict_public;
  auto ownership = read("ownershipControls");
  if (!ownership.ok()) return S3InternalError(ownership.status());
  auto ignore_public_acls = BlocksPublicAccess(read, "IgnorePublicAcls");
  if (!ignore_public_acls.ok()) return S3InternalError(ignore_public_acls.status());
  state->public_acls_apply = AclsEnabled(*ownership) && !*ignore_public_acls;
  if (state->public_acls_apply) {
    auto acl = read("acl");
    if (!acl.ok()) return S3InternalError(acl.status());
    state->everyone_may_list = *acl && GrantsEveryone(**acl, "READ");
  }
  // Unreadable lifecycle rules only leave x-amz-expiration out (the lifecycle worker reports
  // them); they must not make the bucket unusable.
  auto lifecycle = ReadLifecycleRules(*store_, ns_, bucket);
  if (lifecycle.ok()) state->lifecycle = std::move(lifecycle).value();
  return std::shared_ptr<const BucketState>(std::move(state));
}

}  // namespace skybox::s3
