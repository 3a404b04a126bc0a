// The Put/Get/Delete/List operations of the bucket configurations S3 names by Id (analytics,
// inventory, metrics, intelligent-tiering; the table is keyed_config_kinds.h), registered by
// RegisterBucketConfigOperations.
//
// Storage: one document per configuration, the validated input configuration in the model's
// Document form, under KeyedBucketConfigKey. The key sits under BucketConfigPrefix(bucket), so
// DeleteBucket's range delete of that prefix removes them with the bucket; the '/' keeps them
// apart from the singleton configurations, whose names never contain one.
//
// Semantics (S3's): Put replaces the configuration of that Id and answers 204 once durable; a
// new Id beyond 1,000 of its kind is TooManyConfigurations. Get/Delete of an unknown Id is 404
// NoSuchConfiguration; Delete answers 204. List returns pages of 100 sorted by Id, continued
// by an opaque token (a token this code did not write: 400 InvalidArgument).
//
// Thread-safety: handlers may run on any event loop concurrently; they read the store on the
// calling thread and answer from the committer thread after a commit. A Put holds the bucket's
// configuration writes (WithBucketConfigHeld) from its count of existing configurations to its
// commit, so concurrent Puts of new Ids cannot overshoot the 1,000 limit.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/config/keyed_config_kinds.h"

namespace skybox::s3 {

// Registers the four operations of every row of KeyedBucketConfigKinds() on `service`.
void RegisterKeyedBucketConfigOperations(aws::Service& service, std::shared_ptr<const BucketConfigDeps> deps);

// BucketConfigKey(bucket, kind.name + "/" + id).
std::string KeyedBucketConfigKey(std::string_view bucket, const KeyedConfigKind& kind, std::string_view id);

}  // namespace skybox::s3
