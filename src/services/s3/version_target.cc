#include "services/s3/version_target.h"

#include <memory>

#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {

Result<TargetVersion> FindTargetVersion(S3Backend& b, aws::Call& call, bool with_data) {
  const std::string bucket = call.input.value("Bucket", std::string());
  const std::string key = call.input.value("Key", std::string());
  SKYBOX_RETURN_IF_ERROR(b.RequireBucket(bucket));
  const bool by_id = call.input.contains("VersionId");
  const std::string version_id = call.input.value("VersionId", std::string());
  if (by_id && version_id != "null" && !S3Backend::VersionSeq(version_id)) {
    return InvalidArgument("Invalid version id specified");
  }
  auto head = b.ReadHead(bucket, key);
  if (!head.ok()) return S3InternalError(head.status());
  const Status absent = by_id ? NoSuchVersion(key, version_id) : NoSuchKey(key);
  if (!*head) return absent;
  std::optional<uint64_t> seq = by_id ? SeqOfVersionId(**head, version_id) : (*head)->current_seq;
  if (!seq) return absent;
  auto version = b.ReadVersion(bucket, key, *seq, with_data);
  if (!version.ok()) return S3InternalError(version.status());
  if (!*version || (by_id && (*version)->version_id != version_id)) return absent;
  if ((*version)->delete_marker) {
    if (call.http) {
      auto& headers = call.http->response_headers;
      headers.push_back({"x-amz-delete-marker", "true"});
      if (by_id || (*version)->version_id != "null") headers.push_back({"x-amz-version-id", (*version)->version_id});
    }
    return by_id ? MethodNotAllowed() : NoSuchKey(key);
  }
  return TargetVersion{*seq, std::move(**version)};
}

void CommitVersionChange(S3Backend& b, aws::Call call, VersionChange change, aws::CallDone done) {
  std::string lock = HeadKey(call.input.value("Bucket", std::string()), call.input.value("Key", std::string()));
  auto shared_call = std::make_shared<aws::Call>(std::move(call));
  auto output = std::make_shared<aws::Document>();
  BatchChange stage = [shared_call, output, change = std::move(change)](storage::WriteBatch& batch,
                                                                        ChangeEffects& effects) -> Status {
    Result<aws::Document> result = change(*shared_call, batch, effects.events);
    if (!result.ok()) return result.status();
    *output = std::move(result).value();
    return Status();
  };
  CommitUnderLocks(b, {std::move(lock)}, std::move(stage), [output, done = std::move(done)](Status st) {
    if (!st.ok()) return done(st);
    done(std::move(*output));
  });
}

}  // namespace skybox::s3
