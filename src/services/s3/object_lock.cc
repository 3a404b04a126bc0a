#include "services/s3/object_lock.h"

#include <cmath>
#include <utility>

#include "services/s3/config/config_kinds.h"
#include "services/s3/http/body_digest.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

Status MissingObjectLockConfiguration() { return InvalidRequest("Bucket is missing Object Lock Configuration"); }

Status ProtectedAccessDenied() {
  return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessDenied",
                     "Access Denied because object protected by object lock.");
}

Status NoObjectLockConfiguration() {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchObjectLockConfiguration",
                     "The specified object does not have a ObjectLock configuration");
}

std::optional<int64_t> TimestampMs(const aws::Document& value) {
  if (!value.is_number()) return std::nullopt;
  return static_cast<int64_t>(std::llround(value.get<double>() * 1000.0));
}

Status RetainUntilInThePast() { return InvalidArgument("The retain until date must be in the future!"); }

// OK when `call`'s bucket has Object Lock, else 400 InvalidRequest (or NoSuchBucket).
Status RequireObjectLock(S3Backend& b, const aws::Call& call) {
  SKYBOX_ASSIGN_OR_RETURN(auto state, b.BucketStateOf(call.input.value("Bucket", std::string())));
  return state->object_lock.enabled ? Status() : MissingObjectLockConfiguration();
}

// May a version locked as `version` get the retention (`mode`, `until_ms`; empty mode: none)?
// COMPLIANCE only lengthens; changing GOVERNANCE in any other way needs the bypass.
Status CheckRetentionChange(const ObjectVersion& version, std::string_view mode, int64_t until_ms, bool bypass,
                            int64_t now_ms) {
  if (version.lock_mode.empty() || version.lock_retain_until_ms <= now_ms) return Status();
  const bool keeps_or_extends = mode == version.lock_mode && until_ms >= version.lock_retain_until_ms;
  if (keeps_or_extends || (version.lock_mode == "GOVERNANCE" && bypass)) return Status();
  return ProtectedAccessDenied();
}

// Rewrites the record of the version `call` names after `edit` changed it, and answers with
// its VersionId (unless null).
using LockEdit = std::function<Status(ObjectVersion& version)>;
void EditVersionLock(S3Backend& b, aws::Call call, LockEdit edit, aws::CallDone done) {
  if (Status st = RequireObjectLock(b, call); !st.ok()) return done(st);
  VersionChange change = [&b, edit = std::move(edit)](aws::Call& call, storage::WriteBatch& batch,
                                                      std::vector<ObjectEvent>&) -> Result<aws::Document> {
    // Again under the hold: the bucket may have been deleted and created without Object Lock.
    SKYBOX_RETURN_IF_ERROR(RequireObjectLock(b, call));
    SKYBOX_ASSIGN_OR_RETURN(TargetVersion target, FindTargetVersion(b, call, /*with_data=*/true));
    SKYBOX_RETURN_IF_ERROR(edit(target.version));
    batch.Put(b.ns(),
              VersionKey(call.input.value("Bucket", std::string()), call.input.value("Key", std::string()), target.seq),
              EncodeVersion(target.version));
    return aws::Document::object();
  };
  CommitVersionChange(b, std::move(call), std::move(change), std::move(done));
}

// The version `call` names, in a bucket with Object Lock.
Result<ObjectVersion> ReadLockedBucketVersion(S3Backend& b, aws::Call& call) {
  SKYBOX_RETURN_IF_ERROR(RequireObjectLock(b, call));
  SKYBOX_ASSIGN_OR_RETURN(TargetVersion target, FindTargetVersion(b, call, /*with_data=*/false));
  return std::move(target.version);
}

}  // namespace

Status ApplyObjectLockToNewVersion(const ObjectLockSettings& settings, const aws::Document& input, int64_t now_ms,
                                   ObjectVersion& version) {
  version.lock_mode.clear();
  version.lock_retain_until_ms = 0;
  version.legal_hold.clear();
  const bool has_mode = input.contains("ObjectLockMode"), has_date = input.contains("ObjectLockRetainUntilDate");
  const bool has_hold = input.contains("ObjectLockLegalHoldStatus");
  if ((has_mode || has_date || has_hold) && !settings.enabled) return MissingObjectLockConfiguration();
  if (has_mode != has_date) {
    return InvalidArgument("x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
  }
  if (has_mode) {
    std::string mode = input.value("ObjectLockMode", std::string());
    if (!IsObjectLockMode(mode)) return InvalidArgument("Unknown wormMode directive.");
    std::optional<int64_t> until = TimestampMs(input["ObjectLockRetainUntilDate"]);
    if (!until) return InvalidArgument("The retain until date must be provided in ISO 8601 format");
    if (*until <= now_ms) return RetainUntilInThePast();
    version.lock_mode = std::move(mode);
    version.lock_retain_until_ms = *until;
  } else if (settings.default_retention) {
    version.lock_mode = settings.default_retention->mode;
    version.lock_retain_until_ms = now_ms + settings.default_retention->period_ms;
  }
  if (has_hold) {
    std::string hold = input.value("ObjectLockLegalHoldStatus", std::string());
    if (hold != "ON" && hold != "OFF") return InvalidArgument("Legal Hold must be either of 'ON' or 'OFF'");
    version.legal_hold = std::move(hold);
  }
  return Status();
}

Status RequireIntegrityForObjectLock(const ObjectVersion& version, bool has_integrity_header) {
  if (has_integrity_header || !version.has_object_lock()) return Status();
  return InvalidRequest(
      "Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters");
}

bool IsProtectedByObjectLock(const ObjectVersion& version, int64_t now_ms) {
  return version.legal_hold == "ON" || (!version.lock_mode.empty() && version.lock_retain_until_ms > now_ms);
}

Status CheckVersionDeletable(const ObjectVersion& version, bool bypass_governance, int64_t now_ms) {
  if (!IsProtectedByObjectLock(version, now_ms)) return Status();
  const bool only_governance = version.legal_hold != "ON" && version.lock_mode == "GOVERNANCE";
  if (only_governance && bypass_governance) return Status();
  return ProtectedAccessDenied();
}

void AddObjectLockOutput(const ObjectVersion& version, aws::Document& out) {
  if (!version.lock_mode.empty()) {
    out["ObjectLockMode"] = version.lock_mode;
    out["ObjectLockRetainUntilDate"] = ToSeconds(version.lock_retain_until_ms);
  }
  if (!version.legal_hold.empty()) out["ObjectLockLegalHoldStatus"] = version.legal_hold;
}

void PutObjectRetention(S3Backend& b, aws::Call call, aws::CallDone done) {
  if (!SentBodyDigest(call.headers)) return done(MissingBodyDigest());
  const aws::Document retention = call.input.value("Retention", aws::Document::object());
  const bool has_mode = retention.contains("Mode"), has_date = retention.contains("RetainUntilDate");
  if (has_mode != has_date) return done(MalformedXmlError());
  std::string mode = retention.value("Mode", std::string());
  int64_t until_ms = 0;
  const int64_t now_ms = NowMs();
  if (has_mode) {
    std::optional<int64_t> until = TimestampMs(retention["RetainUntilDate"]);
    if (!IsObjectLockMode(mode) || !until) return done(MalformedXmlError());
    if (*until <= now_ms) return done(RetainUntilInThePast());
    until_ms = *until;
  }
  const bool bypass = call.input.value("BypassGovernanceRetention", false);
  LockEdit edit = [mode = std::move(mode), until_ms, bypass, now_ms](ObjectVersion& version) -> Status {
    SKYBOX_RETURN_IF_ERROR(CheckRetentionChange(version, mode, until_ms, bypass, now_ms));
    version.lock_mode = mode;
    version.lock_retain_until_ms = until_ms;
    return Status();
  };
  EditVersionLock(b, std::move(call), std::move(edit), std::move(done));
}

void GetObjectRetention(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto version = ReadLockedBucketVersion(b, call);
  if (!version.ok()) return done(version.status());
  if (version->lock_mode.empty()) return done(NoObjectLockConfiguration());
  done(aws::Document{{"Retention",
                      {{"Mode", version->lock_mode}, {"RetainUntilDate", ToSeconds(version->lock_retain_until_ms)}}}});
}

void PutObjectLegalHold(S3Backend& b, aws::Call call, aws::CallDone done) {
  if (!SentBodyDigest(call.headers)) return done(MissingBodyDigest());
  std::string status = call.input.value("LegalHold", aws::Document::object()).value("Status", std::string());
  if (status != "ON" && status != "OFF") return done(MalformedXmlError());
  LockEdit edit = [status = std::move(status)](ObjectVersion& version) -> Status {
    version.legal_hold = status;
    return Status();
  };
  EditVersionLock(b, std::move(call), std::move(edit), std::move(done));
}

void GetObjectLegalHold(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto version = ReadLockedBucketVersion(b, call);
  if (!version.ok()) return done(version.status());
  if (version->legal_hold.empty()) return done(NoObjectLockConfiguration());
  done(aws::Document{{"LegalHold", {{"Status", version->legal_hold}}}});
}

}  // namespace skybox::s3
