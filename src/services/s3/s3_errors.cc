#include "services/s3/s3_errors.h"

#include "base/log.h"
#include "base/utf8.h"

namespace skybox::s3 {

Status NoSuchBucket(std::string_view bucket) {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "The specified bucket does not exist")
      .WithDetail("BucketName", std::string(bucket));
}
Status NoSuchKey(std::string_view key) {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchKey", "The specified key does not exist.")
      .WithDetail("Key", std::string(key));
}
Status NoSuchVersion(std::string_view key, std::string_view version_id) {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchVersion", "The specified version does not exist.")
      .WithDetail("Key", std::string(key))
      .WithDetail("VersionId", std::string(version_id));
}
Status NoSuchUpload(std::string_view upload_id) {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchUpload",
                     "The specified upload does not exist. The upload ID may be invalid, or the "
                     "upload may have been aborted or completed.")
      .WithDetail("UploadId", std::string(upload_id));
}
Status PermanentRedirect(std::string_view endpoint, std::string_view bucket) {
  return Status::Aws(StatusCode::kFailedPrecondition, 301, "PermanentRedirect",
                     "The bucket you are attempting to access must be addressed using the specified endpoint. "
                     "Please send all future requests to this endpoint.")
      .WithDetail("Endpoint", std::string(endpoint))
      .WithDetail("Bucket", std::string(bucket));
}
Status InvalidArgument(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message));
}
Status InvalidRequest(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest", std::move(message));
}

Status UnsupportedChecksumAlgorithm() {
  return InvalidRequest(
      "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, "
      "CRC64NVME, SHA1, SHA256, SHA512, MD5, XXHASH64, XXHASH3, XXHASH128]");
}
Status InvalidBucketName(std::string_view bucket) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidBucketName", "The specified bucket is not valid.")
      .WithDetail("BucketName", std::string(bucket));
}
Status BadDigest(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "BadDigest", std::move(message));
}
Status NotModified() {
  return Status::Aws(StatusCode::kFailedPrecondition, 304, "NotModified", "Not Modified");
}
Status MethodNotAllowed() {
  return Status::Aws(StatusCode::kInvalidArgument, 405, "MethodNotAllowed",
                     "The specified method is not allowed against this resource.");
}
Status CheckKeyLength(std::string_view key) {
  constexpr size_t kMaxKeyBytes = 1024;
  if (key.size() <= kMaxKeyBytes) return Status();
  return Status::Aws(StatusCode::kInvalidArgument, 400, "KeyTooLongError", "Your key is too long")
      .WithDetail("Size", std::to_string(key.size()))
      .WithDetail("MaxSizeAllowed", std::to_string(kMaxKeyBytes));
}

Status CheckKeyReadable(std::string_view key) {
  for (size_t at = 0; at < key.size();) {
    size_t length = Utf8SequenceLength(key.substr(at));
    if (length == 0) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidURI", "Couldn't parse the specified URI.");
    }
    at += length;
  }
  return Status();
}

Status S3InternalError(const Status& cause) {
  Log(LogLevel::kError, "s3 internal error", {{"error", cause.ToString()}});
  return Status::Aws(StatusCode::kInternal, 500, "InternalError",
                     "We encountered an internal error. Please try again.");
}

}  // namespace skybox::s3
