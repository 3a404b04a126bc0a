#include "services/s3/object_acl.h"

#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_store.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/s3_errors.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

bool SetsAcl(const aws::Document& in) {
  for (const char* member : {"ACL", "GrantFullControl", "GrantRead", "GrantReadACP", "GrantWrite", "GrantWriteACP",
                             "AccessControlPolicy"}) {
    if (in.contains(member)) return true;
  }
  return false;
}

// The record to store for the ACL `call` sets; std::nullopt when it is the default ACL.
Result<std::optional<std::string>> StoredAcl(S3Backend& b, const aws::Call& call) {
  const std::string bucket = call.input.value("Bucket", std::string());
  SiblingConfigReader read_bucket_config = [&b, &bucket](std::string_view name) {
    return ReadBucketConfig(b.store(), b.ns(), bucket, name);
  };
  SKYBOX_ASSIGN_OR_RETURN(aws::Document acl, BuildBucketAcl(call, read_bucket_config));
  if (acl == DefaultBucketAcl(call)) return std::optional<std::string>();
  return std::optional<std::string>(acl.dump());
}

}  // namespace

Result<std::optional<std::string>> ObjectAclForWrite(S3Backend& b, const aws::Call& call) {
  if (!SetsAcl(call.input)) return std::optional<std::string>();
  return StoredAcl(b, call);
}

void GetObjectAcl(S3Backend& b, aws::Call call, aws::CallDone done) {
  auto target = FindTargetVersion(b, call, /*with_data=*/false);
  if (!target.ok()) return done(target.status());
  const std::string bucket = call.input.value("Bucket", std::string());
  const std::string key = call.input.value("Key", std::string());
  auto record = b.store().Get(b.ns(), ObjectAclKey(bucket, key, target->seq));
  if (!record.ok()) return done(S3InternalError(record.status()));
  if (!record->has_value()) return done(PresentBucketAcl(DefaultBucketAcl(call), call));
  aws::Document stored = aws::Document::parse(**record, nullptr, /*allow_exceptions=*/false);
  if (!stored.is_object()) return done(S3InternalError(Status(StatusCode::kDataLoss, "corrupt S3 object ACL")));
  done(PresentBucketAcl(std::move(stored), call));
}

void PutObjectAcl(S3Backend& b, aws::Call call, aws::CallDone done) {
  VersionChange change = [&b](aws::Call& call, storage::WriteBatch& batch,
                              std::vector<ObjectEvent>& events) -> Result<aws::Document> {
    SKYBOX_ASSIGN_OR_RETURN(TargetVersion target, FindTargetVersion(b, call, /*with_data=*/false));
    SKYBOX_ASSIGN_OR_RETURN(std::optional<std::string> acl, StoredAcl(b, call));
    const std::string bucket = call.input.value("Bucket", std::string());
    const std::string key = call.input.value("Key", std::string());
    const std::string acl_key = ObjectAclKey(bucket, key, target.seq);
    events.push_back(MakeObjectEvent(b, bucket, key, "ObjectAcl:Put", OriginOf(call), &target.version));
    if (acl) {
      batch.Put(b.ns(), acl_key, *acl);
    } else {
      batch.Delete(b.ns(), acl_key);
    }
    return aws::Document::object();
  };
  CommitVersionChange(b, std::move(call), std::move(change), std::move(done));
}

}  // namespace skybox::s3
