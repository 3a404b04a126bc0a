#include "services/s3/config/config_store.h"

#include "services/s3/config/bucket_config_ops.h"

namespace skybox::s3 {

std::string BucketConfigPrefix(std::string_view bucket) {
  std::string prefix = "C";
  prefix.append(bucket);
  prefix.push_back('\0');
  return prefix;
}

std::string BucketConfigKey(std::string_view bucket, std::string_view name) {
  return BucketConfigPrefix(bucket).append(name);
}

std::string EncodeBucketConfig(const aws::Document& config) { return config.dump(); }

Result<aws::Document> DecodeBucketConfig(std::string_view stored, std::string_view name) {
  aws::Document doc = aws::Document::parse(stored, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    return Status(StatusCode::kDataLoss, "unreadable S3 bucket configuration '" + std::string(name) + "'");
  }
  return doc;
}

Result<std::optional<aws::Document>> ReadBucketConfig(storage::Store& store, storage::Namespace ns,
                                                      std::string_view bucket, std::string_view name) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<std::string> raw, store.Get(ns, BucketConfigKey(bucket, name)));
  if (!raw) return std::optional<aws::Document>();
  SKYBOX_ASSIGN_OR_RETURN(aws::Document doc, DecodeBucketConfig(*raw, name));
  return std::optional<aws::Document>(std::move(doc));
}

Result<VersioningState> ReadVersioning(storage::Store& store, storage::Namespace ns, std::string_view bucket) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> doc, ReadBucketConfig(store, ns, bucket, "versioning"));
  if (!doc || !doc->is_object()) return VersioningState::kUnversioned;
  const std::string status = doc->value("Status", "");
  if (status == "Enabled") return VersioningState::kEnabled;
  if (status == "Suspended") return VersioningState::kSuspended;
  return VersioningState::kUnversioned;
}

}  // namespace skybox::s3
