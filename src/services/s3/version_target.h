// The object version a sub-resource request (?tagging, ?acl, ?attributes) acts on, and the
// serialised change of what is stored with it.
//
// Sub-resource writes (PutObjectTagging, PutObjectAcl, ...) change a version's stored record
// or a record beside it, never which versions exist; they still hold the key's writers
// (S3Backend::writers) from their read to the moment their batch is durable, so they neither
// lose a concurrent tag change nor write beside a version a concurrent delete just dropped.
//
// Thread-safety: thread-safe; `done` runs on the calling thread or the committer thread.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/notification/object_event.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"
#include "storage/write_batch.h"

namespace skybox::s3 {

// True when `version_id` has the shape of an id S3 issues: "null", or 32 URL-safe characters
// (letters, digits, '.', '_'), which covers Skybox's ids (S3Backend::NewVersionId) and AWS's.
// A well-formed id that names no version is 404 NoSuchVersion (204 on delete); any other id is
// InvalidVersionIdError(), as AWS answers e.g. "xyz".
bool IsWellFormedVersionId(std::string_view version_id);

// 400 InvalidArgument "Invalid version id specified" with ArgumentName versionId and
// ArgumentValue `version_id`.
Status InvalidVersionIdError(std::string_view version_id);

struct TargetVersion {
  uint64_t seq = 0;  // where the version is stored (VersionKey)
  ObjectVersion version;
  ObjectHead head;   // the key's head record, as read to find the version
};

// The version `call` names (its Bucket, Key and optional VersionId members): that version, or
// the key's current one. Fails as S3 does: NoSuchBucket; InvalidVersionIdError() for a malformed
// version id (IsWellFormedVersionId); NoSuchKey / NoSuchVersion when absent. A delete marker adds x-amz-delete-marker
// (and its x-amz-version-id) to the response and fails with 404 NoSuchKey when it is current,
// 405 MethodNotAllowed (with the marker's Last-Modified) when named by id. `with_data` also loads inline bytes (needed to
// rewrite the record).
Result<TargetVersion> FindTargetVersion(S3Backend& backend, aws::Call& call, bool with_data);

// Runs `change` while the writers of `call`'s object key are serialised (CommitUnderLocks).
// `change` reads what it needs (FindTargetVersion), adds its writes to `batch` and the events
// it causes to `events`; the batch is committed and the key released once it is durable, then
// `done` gets `change`'s result. An error or an empty batch finishes at once without a commit.
using VersionChange = std::function<Result<aws::Document>(aws::Call& call, storage::WriteBatch& batch,
                                                          std::vector<ObjectEvent>& events)>;
void CommitVersionChange(S3Backend& backend, aws::Call call, VersionChange change, aws::CallDone done);

}  // namespace skybox::s3
