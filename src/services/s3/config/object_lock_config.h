// S3 Object Lock, bucket side: what PutObjectLockConfiguration accepts and what a bucket's
// stored configuration means for the objects written into it (../object_lock.h has the side of
// each object version).
//
// The configuration is the "objectLock" bucket configuration (config_kinds.cc), written by
// CreateBucket with x-amz-bucket-object-lock-enabled or by PutObjectLockConfiguration on a
// bucket whose versioning is Enabled. Object Lock cannot be turned off again: a later Put may
// change or drop the default retention rule, not ObjectLockEnabled, and the bucket's
// versioning can no longer be suspended.
//
// Thread-safety: pure functions (the reader goes through the thread-safe Store).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/config_kinds.h"
#include "storage/store.h"

namespace skybox::s3 {

// The retention a bucket gives every new object version that does not name its own.
struct DefaultRetention {
  std::string mode;        // "GOVERNANCE" or "COMPLIANCE"
  int64_t period_ms = 0;   // Days, or Years of 365 days
};

// Whether `mode` names an Object Lock retention mode (GOVERNANCE or COMPLIANCE).
inline bool IsObjectLockMode(std::string_view mode) { return mode == "GOVERNANCE" || mode == "COMPLIANCE"; }

struct ObjectLockSettings {
  bool enabled = false;
  std::optional<DefaultRetention> default_retention;
};

// The document CreateBucket stores for a bucket created with Object Lock.
aws::Document EnabledObjectLockConfiguration();

// PutObjectLockConfiguration's document, checked as S3 does: ObjectLockEnabled must be
// "Enabled", a Rule must hold a DefaultRetention with a valid Mode and exactly one of Days and
// Years (else 400 MalformedXML); the period must be positive (400 InvalidArgument) and at most
// 100 years (36,500 days); the bucket's versioning must be Enabled (409 InvalidBucketState).
Result<aws::Document> BuildObjectLockConfiguration(const aws::Call& put, const SiblingConfigReader& read);

// 409 InvalidBucketState when `versioning` (the configuration a versioning Put would store)
// suspends versioning on a bucket that has Object Lock.
Status CheckVersioningKeepsObjectLock(const aws::Document& versioning, const SiblingConfigReader& read);

// What the stored configuration (nullopt: none) means.
ObjectLockSettings ObjectLockSettingsOf(const std::optional<aws::Document>& stored);

// The bucket's settings from the store (disabled when never configured).
Result<ObjectLockSettings> ReadObjectLockSettings(storage::Store& store, storage::Namespace ns,
                                                  std::string_view bucket);

}  // namespace skybox::s3
