#include "services/s3/version_target.h"

#include <memory>

#include "base/ascii.h"
#include "base/civil_date.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {

bool IsWellFormedVersionId(std::string_view version_id) {
  if (version_id == "null") return true;
  constexpr size_t kVersionIdLength = 32;
  if (version_id.size() != kVersionIdLength) return false;
  for (char c : version_id) {
    const bool url_safe = IsAsciiAlnum(c) || c == '.' || c == '_';
    if (!url_safe) return false;
  }
  return true;
}

Status InvalidVersionIdError(std::string_view version_id) {
  return InvalidArgument("Invalid version id specified")
      .WithDetail("ArgumentName", "versionId")
      .WithDetail("ArgumentValue", std::string(version_id));
}

Result<TargetVersion> FindTargetVersion(S3Backend& b, aws::Call& call, bool with_data) {
  const std::string bucket = call.input.value("Bucket", std::string());
  const std::string key = call.input.value("Key", std::string());
  SKYBOX_RETURN_IF_ERROR(b.RequireBucket(bucket));
  const bool by_id = call.input.contains("VersionId");
  const std::string version_id = call.input.value("VersionId", std::string());
  if (by_id && !IsWellFormedVersionId(version_id)) return InvalidVersionIdError(version_id);
  auto head = b.ReadHead(bucket, key);
  if (!head.ok()) return S3InternalError(head.status());
  // Built only when needed: a found object is the common case.
  auto absent = [&] { return by_id ? NoSuchVersion(key, version_id) : NoSuchKey(key); };
  if (!*head) return absent();
  std::optional<uint64_t> seq = by_id ? SeqOfVersionId(**head, version_id) : (*head)->current_seq;
  if (!seq) return absent();
  auto version = b.ReadVersion(bucket, key, *seq, with_data);
  if (!version.ok()) return S3InternalError(version.status());
  if (!*version || (by_id && (*version)->version_id != version_id)) return absent();
  if ((*version)->delete_marker) {
    if (call.http) {
      auto& headers = call.http->response_headers;
      headers.push_back({"x-amz-delete-marker", "true"});
      if (by_id || (*version)->version_id != "null") headers.push_back({"x-amz-version-id", (*version)->version_id});
      // S3 dates the marker a version id names (the 405), not the absent key's 404, and says
      // what a delete marker allows (RFC 9110 §15.5.6).
      if (by_id) {
        headers.push_back({"Last-Modified", FormatHttpDate((*version)->last_modified_ms / 1000)});
        headers.push_back({"Allow", "DELETE"});
      }
    }
    if (!by_id) return NoSuchKey(key);
    Status not_allowed = MethodNotAllowed();
    // The method, as S3's operations name it: GetObject is GET, HeadObject HEAD, ...
    for (std::string_view method : {"GET", "HEAD", "PUT", "DELETE"}) {
      if (AsciiLowercase(call.operation).starts_with(AsciiLowercase(method))) {
        not_allowed = not_allowed.WithDetail("Method", std::string(method));
      }
    }
    return not_allowed.WithDetail("ResourceType", "DeleteMarker");
  }
  return TargetVersion{*seq, std::move(**version), std::move(**head)};
}

void CommitVersionChange(S3Backend& b, aws::Call call, VersionChange change, aws::CallDone done) {
  std::string bucket = call.input.value("Bucket", std::string());
  std::string lock = HeadKey(bucket, call.input.value("Key", std::string()));
  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  auto output = std::make_shared<aws::Document>();
  BatchChange stage = [shared_call, output, change = std::move(change)](storage::WriteBatch& batch,
                                                                        ChangeEffects& effects) -> Status {
    Result<aws::Document> result = change(*shared_call, batch, effects.events);
    if (!result.ok()) return result.status();
    *output = std::move(result).value();
    return Status();
  };
  CommitUnderLocks(b, std::move(bucket), {std::move(lock)}, std::move(stage),
                   [output, done = std::move(done)](Status st) {
                     if (!st.ok()) return done(st);
                     done(std::move(*output));
                   });
}

}  // namespace skybox::s3
