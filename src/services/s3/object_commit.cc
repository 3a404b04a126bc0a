#include "services/s3/object_commit.h"

#include "services/s3/config/bucket_config_ops.h"
#include "services/s3/keys.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

// Adds to `batch` the removal of the version at `seq` and its blob references, and collects
// its blobs. A missing version adds nothing. Every removal of a version passes here, so this is
// where Object Lock protects it (403 AccessDenied; `bypass_governance` lets GOVERNANCE go).
Status DropVersion(S3Backend& b, std::string_view bucket, std::string_view key, uint64_t seq,
                   storage::WriteBatch& batch, std::vector<BlobId>& blobs, bool bypass_governance = false) {
  SKYBOX_ASSIGN_OR_RETURN(auto old, b.ReadVersion(bucket, key, seq, /*with_data=*/false));
  if (!old) return Status();
  SKYBOX_RETURN_IF_ERROR(CheckVersionDeletable(*old, bypass_governance, NowMs()));
  // Inline bytes leave with the record (their space comes back at a compaction); a blob's
  // when its file is unlinked.
  batch.Delete(b.ns(), VersionKey(bucket, key, seq), old->parts.empty() ? old->size : 0);
  batch.Delete(b.ns(), ObjectAclKey(bucket, key, seq));
  for (BlobId id : BlobsOf(*old)) {
    batch.Delete(b.ns(), BlobRefKey(id));
    blobs.push_back(id);
  }
  return Status();
}

// CommitUnderLocks on the key's head for a change with a result to report.
template <typename T>
using Change = std::function<Result<T>(storage::WriteBatch& batch, ChangeEffects& effects)>;

template <typename T>
void ApplyChange(S3Backend& b, WriteBucket bucket, const std::string& key, Change<T> change,
                 std::function<void(Result<T>)> done) {
  auto result = std::make_shared<Result<T>>(Status(StatusCode::kInternal, "change did not run"));
  std::string head = HeadKey(bucket.name, key);
  CommitUnderLocks(
      b, std::move(bucket), {std::move(head)},
      [change = std::move(change), result](storage::WriteBatch& batch, ChangeEffects& effects) {
        *result = change(batch, effects);
        return result->ok() ? Status() : result->status();
      },
      [result, done = std::move(done)](Status st) {
        if (!st.ok()) return done(st);
        done(std::move(*result));
      });
}

Result<VersioningState> Versioning(S3Backend& b, std::string_view bucket) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const BucketState> state, b.BucketStateOf(bucket));
  return state->versioning;
}

// Writes `version` as the newest at a new sequence: a new id when versioning is enabled, else
// the null version replacing the previous one. In place, as StageNewVersion says.
Status PutNewest(S3Backend& b, std::string_view bucket, std::string_view key, ObjectVersion& version,
                 const std::optional<ObjectHead>& head, VersioningState state, storage::WriteBatch& batch,
                 std::vector<BlobId>& freed, const std::optional<std::string>& acl = std::nullopt) {
  uint64_t seq = b.NextSeq();
  std::optional<uint64_t> null_seq = head ? head->null_seq : std::nullopt;
  if (state == VersioningState::kEnabled) {
    version.version_id = S3Backend::NewVersionId(seq);
  } else {
    version.version_id = "null";
    if (null_seq) SKYBOX_RETURN_IF_ERROR(DropVersion(b, bucket, key, *null_seq, batch, freed));
    null_seq = seq;
  }
  batch.Put(b.ns(), VersionKey(bucket, key, seq), EncodeVersion(version));
  if (acl) batch.Put(b.ns(), ObjectAclKey(bucket, key, seq), *acl);
  for (BlobId id : BlobsOf(version)) batch.Put(b.ns(), BlobRefKey(id), "");
  batch.Put(b.ns(), HeadKey(bucket, key), EncodeHead(HeadFor(version, seq, null_seq)));
  version.inline_data.clear();
  return Status();
}


// A removal notified as "<family>:<kind>" ("ObjectRemoved:Delete").
ObjectEvent RemovalEvent(S3Backend& b, std::string_view bucket, std::string_view key, const EventCause& cause,
                         std::string_view kind, std::string_view version_id) {
  ObjectEvent event = MakeObjectEvent(b, bucket, key, cause.event_name + ":" + std::string(kind), cause.origin);
  if (version_id != "null") event.version_id = version_id;
  return event;
}

// Under CommitUnderLocks' holds: checks that the write's bucket is still there (the same
// incarnation, when named), runs `change` and stages the notifications of its events.
Status StageChange(S3Backend& b, const WriteBucket& bucket, const BatchChange& change, storage::WriteBatch& batch,
                   ChangeEffects& effects, std::vector<uint64_t>& envelopes) {
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const BucketState> state, b.BucketStateOf(bucket.name));
  if (!bucket.incarnation.empty() && state->incarnation != bucket.incarnation) {
    return NoSuchBucket(bucket.name);  // the bucket the write decided from was deleted
  }
  SKYBOX_RETURN_IF_ERROR(change(batch, effects));
  if (effects.events.empty()) return Status();
  auto staged = b.notifier().Stage(effects.events, batch);
  if (!staged.ok()) return S3InternalError(staged.status());
  envelopes = std::move(staged).value();
  return Status();
}

}  // namespace

ObjectEvent MakeObjectEvent(S3Backend& b, std::string_view bucket, std::string_view key, std::string name,
                            const EventOrigin& origin, const ObjectVersion* version) {
  ObjectEvent event;
  event.name = std::move(name);
  event.bucket = bucket;
  event.key = key;
  event.sequence = b.NextSeq();
  event.time_ms = NowMs();
  event.origin = origin;
  if (version != nullptr) {
    event.size = version->size;
    std::string_view etag = version->etag;
    if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
    event.etag = etag;
    if (version->version_id != "null") event.version_id = version->version_id;
  }
  return event;
}

std::optional<uint64_t> SeqOfVersionId(const ObjectHead& head, std::string_view version_id) {
  if (version_id == "null") return head.null_seq;
  return S3Backend::VersionSeq(version_id);
}

void CommitUnderLocks(S3Backend& b, WriteBucket bucket, std::vector<std::string> lock_keys, BatchChange change,
                      std::function<void(Status)> done) {
  std::string name = bucket.name;
  auto held = [&b, bucket = std::move(bucket), change = std::move(change),
               done = std::move(done)](KeySerializer::Release release) mutable {
    storage::WriteBatch batch;
    ChangeEffects effects;
    std::vector<uint64_t> envelopes;
    Status st;
    // Staging must not throw; if it does (a bug), the write fails alone and the keys and the
    // bucket are still released, or every later write of the bucket would wait behind them.
    try {
      st = StageChange(b, bucket, change, batch, effects, envelopes);
    } catch (const std::exception& e) {
      st = S3InternalError(Status(StatusCode::kInternal, std::string("staging a change threw: ") + e.what()));
    }
    if (!st.ok() || batch.empty()) {
      release();
      return done(st);
    }
    b.store().Commit(std::move(batch), [&b, release = std::move(release), done = std::move(done),
                                        freed = std::move(effects.freed),
                                        envelopes = std::move(envelopes)](Status st) mutable {
      release();
      if (!st.ok()) return done(S3InternalError(st));
      b.notifier().Committed(envelopes);
      b.RemoveBlobsLater(std::move(freed));
      done(Status());
    });
  };
  b.HoldKeysAndBucket(std::move(name), std::move(lock_keys), std::move(held));
}

Status StageNewVersion(S3Backend& b, std::string_view bucket, std::string_view key, ObjectVersion& version,
                       const WriteConditions& conditions, storage::WriteBatch& batch, std::vector<BlobId>& freed,
                       const std::optional<std::string>& acl) {
  SKYBOX_ASSIGN_OR_RETURN(VersioningState state, Versioning(b, bucket));
  auto head = b.ReadHead(bucket, key);
  if (!head.ok()) return S3InternalError(head.status());
  if (conditions.if_match || conditions.if_none_match) {
    std::optional<ObjectState> current;
    if (*head && !(*head)->delete_marker) current = ObjectState{(*head)->etag, (*head)->last_modified_ms / 1000};
    SKYBOX_RETURN_IF_ERROR(EvaluateWriteConditions(conditions, current));
  }
  return PutNewest(b, bucket, key, version, *head, state, batch, freed, acl);
}

void CommitNewVersion(S3Backend& b, WriteBucket target, std::string key, ObjectVersion version,
                      WriteConditions conditions, EventCause cause, std::function<void(Result<ObjectVersion>)> done,
                      std::optional<std::string> acl) {
  // A version is large (some twenty strings besides its bytes): it is staged where it lies and
  // moved once more, into `done`, rather than passed along by value.
  auto staged = std::make_shared<ObjectVersion>(std::move(version));
  std::string head = HeadKey(target.name, key);
  std::string bucket = target.name;
  // The conditions' string_views point into the caller's request, which lives until `done`.
  BatchChange change = [&b, staged, bucket = std::move(bucket), key, conditions, acl = std::move(acl),
                        cause = std::move(cause)](storage::WriteBatch& batch, ChangeEffects& effects) -> Status {
    SKYBOX_RETURN_IF_ERROR(StageNewVersion(b, bucket, key, *staged, conditions, batch, effects.freed, acl));
    effects.events.push_back(MakeObjectEvent(b, bucket, key, cause.event_name, cause.origin, staged.get()));
    return Status();
  };
  CommitUnderLocks(b, std::move(target), {std::move(head)}, std::move(change),
                   [staged, done = std::move(done)](Status st) {
                     if (!st.ok()) return done(st);
                     done(std::move(*staged));
                   });
}

void DeleteCurrent(S3Backend& b, std::string bucket, std::string key, EventCause cause,
                   std::function<void(Result<DeleteOutcome>)> done, DeleteConditions conditions) {
  Change<DeleteOutcome> change = [&b, bucket, key, cause = std::move(cause), conditions = std::move(conditions)](
                                     storage::WriteBatch& batch, ChangeEffects& effects) -> Result<DeleteOutcome> {
    std::vector<BlobId>& freed = effects.freed;
    SKYBOX_ASSIGN_OR_RETURN(VersioningState state, Versioning(b, bucket));
    auto head = b.ReadHead(bucket, key);
    if (!head.ok()) return S3InternalError(head.status());
    std::optional<DeletedObjectState> current;
    if (*head && !(*head)->delete_marker) {
      current = DeletedObjectState{(*head)->etag, (*head)->last_modified_ms / 1000, (*head)->size};
    }
    SKYBOX_RETURN_IF_ERROR(EvaluateDeleteConditions(conditions, current));
    if (conditions.version_seq && !(*head && (*head)->current_seq == *conditions.version_seq)) {
      return PreconditionFailedError();
    }
    if (state == VersioningState::kUnversioned) {
      if (!*head) return DeleteOutcome{};
      if ((*head)->null_seq) {
        SKYBOX_RETURN_IF_ERROR(DropVersion(b, bucket, key, *(*head)->null_seq, batch, freed));
      }
      batch.Delete(b.ns(), HeadKey(bucket, key));
      effects.events.push_back(RemovalEvent(b, bucket, key, cause, "Delete", "null"));
      return DeleteOutcome{};
    }
    ObjectVersion marker;
    marker.delete_marker = true;
    marker.last_modified_ms = NowMs();
    SKYBOX_RETURN_IF_ERROR(PutNewest(b, bucket, key, marker, *head, state, batch, freed));
    effects.events.push_back(RemovalEvent(b, bucket, key, cause, "DeleteMarkerCreated", marker.version_id));
    return DeleteOutcome{marker.version_id, true};
  };
  ApplyChange<DeleteOutcome>(b, bucket, key, std::move(change), std::move(done));
}

void DeleteVersion(S3Backend& b, std::string bucket, std::string key, std::string version_id, EventCause cause,
                   bool bypass_governance_retention, std::function<void(Result<DeleteOutcome>)> done,
                   DeleteConditions conditions) {
  Change<DeleteOutcome> change = [&b, bucket, key, version_id, cause = std::move(cause), bypass_governance_retention,
                                  conditions = std::move(conditions)](
                                     storage::WriteBatch& batch, ChangeEffects& effects) -> Result<DeleteOutcome> {
    // Nothing to delete: succeeds, unless an If-Match wanted an object (or the caller a version).
    auto nothing = [&]() -> Result<DeleteOutcome> {
      SKYBOX_RETURN_IF_ERROR(EvaluateDeleteConditions(conditions, std::nullopt));
      if (conditions.version_seq) return PreconditionFailedError();
      return DeleteOutcome{version_id, false};
    };
    auto head = b.ReadHead(bucket, key);
    if (!head.ok()) return S3InternalError(head.status());
    if (!*head) return nothing();
    std::optional<uint64_t> seq = SeqOfVersionId(**head, version_id);
    if (!seq) {
      if (version_id != "null") return InvalidArgument("Invalid version id specified");
      return nothing();
    }
    auto target = b.ReadVersion(bucket, key, *seq, false);
    if (!target.ok()) return S3InternalError(target.status());
    if (!*target || (*target)->version_id != version_id) return nothing();
    std::optional<DeletedObjectState> named;
    if (!(*target)->delete_marker) {
      named = DeletedObjectState{(*target)->etag, (*target)->last_modified_ms / 1000, (*target)->size};
    }
    SKYBOX_RETURN_IF_ERROR(EvaluateDeleteConditions(conditions, named));
    if (conditions.version_seq && *conditions.version_seq != *seq) return PreconditionFailedError();
    if (conditions.version_is_current && *conditions.version_is_current != ((*head)->current_seq == *seq)) {
      return PreconditionFailedError();
    }
    SKYBOX_RETURN_IF_ERROR(DropVersion(b, bucket, key, *seq, batch, effects.freed, bypass_governance_retention));
    effects.events.push_back(RemovalEvent(b, bucket, key, cause, "Delete", version_id));
    ObjectHead new_head = **head;
    if (new_head.null_seq == seq) new_head.null_seq.reset();
    if (new_head.current_seq == *seq) {
      // The next newest version becomes current: the first one after this one in key order.
      std::string prefix = VersionPrefix(bucket, key);
      storage::IteratorOptions options;
      options.lower_bound = VersionKey(bucket, key, *seq);
      options.upper_bound = PrefixEnd(prefix);
      auto it = b.store().NewIterator(b.ns(), options);
      it->SeekToFirst();
      if (it->Valid() && it->key() == options.lower_bound) it->Next();
      if (!it->status().ok()) return S3InternalError(it->status());
      if (it->Valid()) {
        auto parts = ParseVersionKey(bucket, it->key());
        auto next = DecodeVersionMetadata(it->value());
        if (!parts || !next.ok()) return S3InternalError(Status(StatusCode::kDataLoss, "corrupt S3 version"));
        new_head = HeadFor(*next, parts->seq, new_head.null_seq);
      } else {
        batch.Delete(b.ns(), HeadKey(bucket, key));
        return DeleteOutcome{version_id, (*target)->delete_marker};
      }
    }
    batch.Put(b.ns(), HeadKey(bucket, key), EncodeHead(new_head));
    return DeleteOutcome{version_id, (*target)->delete_marker};
  };
  ApplyChange<DeleteOutcome>(b, bucket, key, std::move(change), std::move(done));
}

}  // namespace skybox::s3
