// Changing which versions an object key has, atomically and in S3's versioning semantics:
// every change is one batch (version records, the key's head, blob references, and the event
// notifications it causes) committed while the key's writers are serialised
// (S3Backend::writers), and blob files that lost their last reference are removed once the
// batch is durable.
//
//   bucket versioning   new object                     DeleteObject (no versionId)
//   unversioned         replaces the null version      removes the null version and the key
//   Enabled             adds a version (new id)        adds a delete marker (new id)
//   Suspended           replaces the null version      a delete marker becomes the null version
//
// Thread-safety: thread-safe; `done` runs on the committer thread or the calling thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "services/s3/http/conditions.h"
#include "services/s3/notification/object_event.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"
#include "storage/write_batch.h"

namespace skybox::s3 {

// What a change yields besides its writes: blobs that lost their last reference (removed once
// the batch is durable) and the object events to notify (BucketNotifier stages their
// envelopes into the same batch).
struct ChangeEffects {
  std::vector<BlobId> freed;
  std::vector<ObjectEvent> events;
};

// The bucket a write goes into: its name and, for a write that decided from the bucket's state
// (its default encryption, Object Lock, ownership controls), the incarnation it decided from
// (BucketState::incarnation); empty: whichever bucket has the name when the write commits.
struct WriteBucket {
  WriteBucket(std::string name, std::string incarnation = {})  // NOLINT: a name alone is a target
      : name(std::move(name)), incarnation(std::move(incarnation)) {}
  std::string name;
  std::string incarnation;
};

// Runs `change` while the writers of every key in `lock_keys` are held (KeySerializer::RunAll,
// in the given order) and the bucket is held against DeleteBucket (S3Backend::HoldKeysAndBucket:
// the bucket shared, taken last), stages the notifications of its events into the batch it
// built, commits it, and releases the keys once it is durable; then hands the notifications to
// the outbox, removes the freed blobs and reports. A bucket deleted meanwhile (or deleted and
// created again, when `bucket` names an incarnation) fails it with NoSuchBucket; a failure from
// `change`, or an empty batch, commits nothing. The building block of every write below and of
// multipart uploads.
using BatchChange = std::function<Status(storage::WriteBatch& batch, ChangeEffects& effects)>;
void CommitUnderLocks(S3Backend& backend, WriteBucket bucket, std::vector<std::string> lock_keys, BatchChange change,
                      std::function<void(Status)> done);

// Adds to `batch` what makes `version` the key's newest version after checking the
// conditional-write headers against the current object; the replaced null version's blobs go
// to `freed`. `version` is staged in place: on success its version_id is assigned and its
// inline bytes (now in the batch) are cleared. `acl` is the new version's ACL record
// (object_acl.h), nullopt for the default. The caller holds the key's writers.
Status StageNewVersion(S3Backend& backend, std::string_view bucket, std::string_view key, ObjectVersion& version,
                       const WriteConditions& conditions, storage::WriteBatch& batch, std::vector<BlobId>& freed,
                       const std::optional<std::string>& acl = std::nullopt);

// An event named `name` ("ObjectCreated:Put") about `key`, sequenced now; `version`, when
// given, supplies the object's size, ETag and version id.
ObjectEvent MakeObjectEvent(S3Backend& backend, std::string_view bucket, std::string_view key, std::string name,
                            const EventOrigin& origin, const ObjectVersion* version = nullptr);

// Makes `version` the key's newest version (its version_id is assigned here), after checking
// the conditional-write headers against the current object, and notifies `cause` (an
// ObjectCreated event). `version`'s blobs must be durable; on failure the caller still owns
// them.
void CommitNewVersion(S3Backend& backend, WriteBucket bucket, std::string key, ObjectVersion version,
                      WriteConditions conditions, EventCause cause, std::function<void(Result<ObjectVersion>)> done,
                      std::optional<std::string> acl = std::nullopt);

// What a delete did, for DeleteObject(s)' response.
struct DeleteOutcome {
  std::string version_id;     // the deleted version, or the delete marker created; empty if none
  bool delete_marker = false;  // a delete marker was created or deleted
};

// DeleteObject without a version id (table above). Deleting a missing key succeeds (and
// notifies nothing). `cause` names the event family (EventCause): "<family>:Delete" when the
// object is gone, "<family>:DeleteMarkerCreated" when a delete marker was added. `conditions`
// are checked against the current version (a delete marker counts as no object), under the
// key's writers (EvaluateDeleteConditions: 404 NoSuchKey, 412 PreconditionFailed).
void DeleteCurrent(S3Backend& backend, std::string bucket, std::string key, EventCause cause,
                   std::function<void(Result<DeleteOutcome>)> done, DeleteConditions conditions = {});

// DeleteObject with a version id: removes exactly that version (or delete marker); the next
// newest becomes current, and "<family>:Delete" is notified. A missing version succeeds, as in
// S3. A version Object Lock protects is not removed: 403 AccessDenied (object_lock.h; with
// `bypass_governance_retention`, GOVERNANCE retention does not protect it). `conditions` are
// checked against that version, as DeleteCurrent's against the current one.
void DeleteVersion(S3Backend& backend, std::string bucket, std::string key, std::string version_id, EventCause cause,
                   bool bypass_governance_retention, std::function<void(Result<DeleteOutcome>)> done,
                   DeleteConditions conditions = {});

// The sequence a version id refers to for `head`'s key ("null" → the null version).
std::optional<uint64_t> SeqOfVersionId(const ObjectHead& head, std::string_view version_id);

}  // namespace skybox::s3
