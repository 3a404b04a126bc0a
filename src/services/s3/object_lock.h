// S3 Object Lock, object side: the retention and legal hold each object version carries
// (ObjectVersion::lock_mode, lock_retain_until_ms, legal_hold) and the protection they give it.
// The bucket side (PutObjectLockConfiguration, default retention) is config/object_lock_config.h.
//
// A version gets its lock when it is written (x-amz-object-lock-* headers of PutObject,
// CopyObject and CreateMultipartUpload, or else the bucket's default retention) or later through
// PutObjectRetention / PutObjectLegalHold. While it is under a legal hold or an unexpired
// retention it cannot be deleted by version id (403 AccessDenied): COMPLIANCE retention can
// only be extended, GOVERNANCE retention yields to x-amz-bypass-governance-retention. New
// versions and delete markers can still be added on top of a locked one, as in S3. Skybox has
// no IAM yet, so every caller holds s3:BypassGovernanceRetention.
//
// Thread-safety: pure functions, and handlers over the thread-safe S3Backend.
#pragma once

#include <cstdint>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/object_lock_config.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// Sets the lock of `version`, a new version written into a bucket with `settings` at `now_ms`,
// from a write's input members (ObjectLockMode, ObjectLockRetainUntilDate,
// ObjectLockLegalHoldStatus), or the bucket's default retention when the input names no mode.
// Fails as S3 does: 400 InvalidRequest when the bucket has no Object Lock; 400 InvalidArgument
// for a mode without a date (or the reverse), an unknown mode or legal hold status, or a date
// that is not in the future.
Status ApplyObjectLockToNewVersion(const ObjectLockSettings& settings, const aws::Document& input,
                                   int64_t now_ms, ObjectVersion& version);

// S3 takes a body with Object Lock parameters only with an integrity check: OK when `version`
// has no retention or legal hold or the request sent Content-MD5 or a checksum; else 400
// InvalidRequest.
Status RequireIntegrityForObjectLock(const ObjectVersion& version, bool has_integrity_header);

// True while `version` is under a legal hold or a retention that has not expired at `now_ms`.
bool IsProtectedByObjectLock(const ObjectVersion& version, int64_t now_ms);

// OK when `version` may be deleted now (with `bypass_governance`: GOVERNANCE retention does not
// protect it); else 403 AccessDenied.
Status CheckVersionDeletable(const ObjectVersion& version, bool bypass_governance, int64_t now_ms);

// The x-amz-object-lock-* members GetObject and HeadObject report for `version`.
void AddObjectLockOutput(const ObjectVersion& version, aws::Document& out);

void PutObjectRetention(S3Backend& backend, aws::Call call, aws::CallDone done);
void GetObjectRetention(S3Backend& backend, aws::Call call, aws::CallDone done);
void PutObjectLegalHold(S3Backend& backend, aws::Call call, aws::CallDone done);
void GetObjectLegalHold(S3Backend& backend, aws::Call call, aws::CallDone done);

}  // namespace skybox::s3
