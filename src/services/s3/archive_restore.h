// Archived storage classes and RestoreObject.
//
// Objects in GLACIER and DEEP_ARCHIVE are archived, as on S3: HeadObject and listings see them,
// but GetObject and copies from them answer 403 InvalidObjectState until RestoreObject has made
// a temporary copy readable, and again once that copy has expired. Skybox keeps every byte
// where it was, so a restore completes at once (S3 takes minutes to hours): the first request
// answers 202 Accepted, later ones 200 OK and move the expiry. The expiry follows S3: the
// requested number of days after the restore, rounded up to the next midnight UTC. What is
// stored is the version's restore_expiry_ms (object_record.h).
//
// Thread-safety: pure functions and an operation handler on the thread-safe S3Backend.
#pragma once

#include <cstdint>
#include <string_view>

#include "aws/service.h"
#include "base/status.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// GLACIER and DEEP_ARCHIVE (not GLACIER_IR, whose reads are instant).
bool IsArchivedStorageClass(std::string_view storage_class);

// OK when `version`'s bytes may be read at `now_ms`: not archived, or a restored copy that has
// not expired. Otherwise 403 InvalidObjectState naming the storage class; `as_copy_source`
// words it as S3 does for CopyObject and UploadPartCopy.
Status CheckReadableArchive(const ObjectVersion& version, int64_t now_ms, bool as_copy_source);

// The x-amz-restore answer of GetObject and HeadObject (the "Restore" output member) while a
// restored copy of an archived version exists at `now_ms`.
void AddRestoreOutput(const ObjectVersion& version, int64_t now_ms, aws::Document& out);

// Whether a listing asked for RestoreStatus (x-amz-optional-object-attributes).
bool WantsRestoreStatus(const aws::Document& input);

// A listing entry's RestoreStatus while a restored copy of an archived object exists at `now_ms`.
void AddRestoreStatus(std::string_view storage_class, int64_t restore_expiry_ms, int64_t now_ms,
                      aws::Document& entry);

// When a restore for `days` requested at `now_ms` expires (ms since the epoch).
int64_t RestoreExpiryMs(int64_t now_ms, int64_t days);

// RestoreObject (POST /{Bucket}/{Key}?restore); the key's head record follows when the restored
// version is the current one, so that listings can report it. Errors as S3: 403 InvalidObjectState for a
// version that is not archived ("Restore is not allowed for the object's current storage
// class"), 400 MalformedXML without a positive Days, with an OutputLocation or an unknown
// retrieval Tier, the FindTargetVersion errors (version_target.h); a SELECT restore is not
// implemented (501).
void RestoreObject(S3Backend& backend, aws::Call call, aws::CallDone done);

}  // namespace skybox::s3
