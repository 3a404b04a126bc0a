#include "services/s3/archive_restore.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "base/civil_date.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/object_metadata.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

Status InvalidObjectState(const ObjectVersion& version, std::string message) {
  return Status::Aws(StatusCode::kPermissionDenied, 403, "InvalidObjectState", std::move(message))
      .WithDetail("StorageClass", version.storage_class);
}

bool RestoredAt(std::string_view storage_class, int64_t restore_expiry_ms, int64_t now_ms) {
  return IsArchivedStorageClass(storage_class) && restore_expiry_ms > now_ms;
}

bool RestoredAt(const ObjectVersion& version, int64_t now_ms) {
  return RestoredAt(version.storage_class, version.restore_expiry_ms, now_ms);
}

// The retrieval tiers a restore may name (RestoreRequest.Tier, GlacierJobParameters.Tier, which
// GlacierJobParameters must carry): S3 answers MalformedXML for anything else. Every tier
// completes at once here.
bool TiersAreValid(const aws::Document& request) {
  auto known = [](const aws::Document& tier) {
    return tier.is_string() && (tier == "Standard" || tier == "Bulk" || tier == "Expedited");
  };
  if (auto it = request.find("Tier"); it != request.end() && !known(*it)) return false;
  auto job = request.find("GlacierJobParameters");
  if (job == request.end()) return true;
  auto tier = job->is_object() ? job->find("Tier") : job->end();
  return tier != job->end() && known(*tier);
}

}  // namespace

bool IsArchivedStorageClass(std::string_view storage_class) {
  return storage_class == "GLACIER" || storage_class == "DEEP_ARCHIVE";
}

Status CheckReadableArchive(const ObjectVersion& version, int64_t now_ms, bool as_copy_source) {
  if (!IsArchivedStorageClass(version.storage_class) || RestoredAt(version, now_ms)) return Status();
  return InvalidObjectState(version, as_copy_source ? "Operation is not valid for the source object's storage class"
                                                    : "The operation is not valid for the object's storage class");
}

void AddRestoreOutput(const ObjectVersion& version, int64_t now_ms, aws::Document& out) {
  if (!RestoredAt(version, now_ms)) return;
  out["Restore"] = "ongoing-request=\"false\", expiry-date=\"" + FormatHttpDate(version.restore_expiry_ms / 1000) + "\"";
}

bool WantsRestoreStatus(const aws::Document& input) {
  auto it = input.find("OptionalObjectAttributes");
  if (it == input.end()) return false;
  if (it->is_string()) return it->get<std::string>() == "RestoreStatus";
  return it->is_array() && std::find(it->begin(), it->end(), aws::Document("RestoreStatus")) != it->end();
}

void AddRestoreStatus(std::string_view storage_class, int64_t restore_expiry_ms, int64_t now_ms,
                      aws::Document& entry) {
  if (!RestoredAt(storage_class, restore_expiry_ms, now_ms)) return;
  entry["RestoreStatus"] = {{"IsRestoreInProgress", false}, {"RestoreExpiryDate", ToSeconds(restore_expiry_ms)}};
}

int64_t RestoreExpiryMs(int64_t now_ms, int64_t days) {
  const LifecycleTime due = DueAfterDays(LifecycleTime(std::chrono::milliseconds(now_ms)), days);
  return std::chrono::duration_cast<std::chrono::milliseconds>(due.time_since_epoch()).count();
}


void RestoreObject(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document request = call.input.value("RestoreRequest", aws::Document::object());
  if (request.value("Type", std::string()) == "SELECT") {
    return done(Status::Aws(StatusCode::kUnimplemented, 501, "NotImplemented",
                            "Skybox does not implement SELECT restore requests (S3 Select)"));
  }
  if (!TiersAreValid(request)) return done(MalformedXmlError());
  std::optional<int64_t> days;
  if (auto it = request.find("Days"); it != request.end() && it->is_number_integer()) days = it->get<int64_t>();
  const bool has_output_location = request.contains("OutputLocation");
  const int64_t now_ms = NowMs();
  VersionChange change = [&b, days, has_output_location, now_ms](aws::Call& call, storage::WriteBatch& batch,
                                                                 std::vector<ObjectEvent>& events) -> Result<aws::Document> {
    SKYBOX_ASSIGN_OR_RETURN(TargetVersion target, FindTargetVersion(b, call, /*with_data=*/true));
    ObjectVersion& version = target.version;
    if (!IsArchivedStorageClass(version.storage_class)) {
      return InvalidObjectState(version, "Restore is not allowed for the object's current storage class");
    }
    // Days is what a restore in place needs; OutputLocation belongs to SELECT restores only.
    if (!days || *days < 1 || has_output_location) return MalformedXmlError();
    const bool already_restored = RestoredAt(version, now_ms);
    version.restore_expiry_ms = RestoreExpiryMs(now_ms, *days);
    const std::string bucket = call.input.value("Bucket", std::string());
    const std::string key = call.input.value("Key", std::string());
    batch.Put(b.ns(), VersionKey(bucket, key, target.seq), EncodeVersion(version));
    if (target.head.current_seq == target.seq) {
      batch.Put(b.ns(), HeadKey(bucket, key), EncodeHead(HeadFor(version, target.seq, target.head.null_seq)));
    }
    if (!already_restored) {
      // Requested and, since the bytes never left, completed by the same request.
      for (const char* name : {"ObjectRestore:Post", "ObjectRestore:Completed"}) {
        ObjectEvent event = MakeObjectEvent(b, bucket, key, name, OriginOf(call), &version);
        event.source_storage_class = version.storage_class;
        if (event.name == "ObjectRestore:Completed") event.restore_expiry_ms = version.restore_expiry_ms;
        events.push_back(std::move(event));
      }
    }
    call.http->response_status = already_restored ? 200 : 202;
    return aws::Document::object();
  };
  CommitVersionChange(b, std::move(call), std::move(change), std::move(done));
}

}  // namespace skybox::s3
