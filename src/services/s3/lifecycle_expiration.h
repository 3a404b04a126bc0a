// x-amz-expiration: S3 tells readers and writers of an object's current version (PutObject,
// CopyObject, CompleteMultipartUpload, GetObject, HeadObject) when a
// lifecycle rule of its bucket will expire it, and which rule
// (expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion-rule"); and, through
// x-amz-abort-date / x-amz-abort-rule-id, when a rule will abort an incomplete multipart upload.
//
// Thread-safety: reads the Store only; callable from any thread.
#pragma once

#include <string_view>
#include <vector>

#include "aws/protocol/document.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// The lifecycle rules of `bucket` (empty when it has none or they cannot be read:
// the header is then left out). Cached (S3Backend::BucketStateOf), but a miss reads the store:
// call it on the request's thread, not in a commit callback (those run on the committer thread).
std::vector<LifecycleRule> BucketLifecycleRules(S3Backend& b, std::string_view bucket);

// Sets out["Expiration"] when one of `rules` matches `version` (the current version of `key`)
// and has an Expiration; leaves `out` alone otherwise. No I/O.
void AddLifecycleExpiration(const std::vector<LifecycleRule>& rules, std::string_view key, const ObjectVersion& version,
                            aws::Document& out);

// x-amz-abort-date / x-amz-abort-rule-id (CreateMultipartUpload, ListParts): sets
// out["AbortDate"] and out["AbortRuleId"] when one of `rules` will abort an upload of `key`
// initiated at `initiated_ms` (config/lifecycle_rules.h UploadAbortOf). No I/O.
void AddUploadAbort(const std::vector<LifecycleRule>& rules, std::string_view key, int64_t initiated_ms,
                    aws::Document& out);

}  // namespace skybox::s3
