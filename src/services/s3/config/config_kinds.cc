#include "services/s3/config/config_kinds.h"

#include <algorithm>
#include <cstdlib>

#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_validation.h"
#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/config/object_lock_config.h"
#include "services/s3/config/public_access_block.h"

namespace skybox::s3 {
namespace {

aws::Document EmptyConfig(const aws::Call&) { return aws::Document::object(); }

// Since January 2023 every bucket encrypts with SSE-S3 unless told otherwise, and since April
// 2026 a new bucket refuses writes with customer-provided keys (SSE-C) until unblocked.
aws::Document DefaultEncryption(const aws::Call&) {
  return {{"Rules", aws::Document::array({{{"ApplyServerSideEncryptionByDefault", {{"SSEAlgorithm", "AES256"}}},
                                           {"BucketKeyEnabled", false},
                                           {"BlockedEncryptionTypes", {{"EncryptionType", {"SSE-C"}}}}}})}};
}

aws::Document BucketOwnerPays(const aws::Call&) { return {{"Payer", "BucketOwner"}}; }

// An empty versioning Put is refused; one that leaves out Status or MFADelete keeps what the
// bucket had (a versioned bucket never returns to unversioned). Turning MFA delete on, or changing it
// while it is on, takes the x-amz-mfa header as S3 asks for it (Skybox checks no device code).
Result<aws::Document> MergeVersioning(const aws::Call& put, const SiblingConfigReader& read) {
  auto in = put.input.find("VersioningConfiguration");
  if (in == put.input.end()) return MalformedXmlError();
  if (!in->contains("Status") && !in->contains("MFADelete")) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "IllegalVersioningConfigurationException",
                       "The Versioning element must be specified");
  }
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> previous, read("versioning"));
  const std::string mfa_delete = in->value("MFADelete", std::string());
  const bool mfa_was_on = previous && previous->value("MFADelete", std::string()) == "Enabled";
  if ((mfa_delete == "Enabled" || (!mfa_delete.empty() && mfa_was_on)) && !put.input.contains("MFA")) {
    return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessDenied",
                       "Mfa Authentication must be used for this request");
  }
  aws::Document merged = previous.value_or(aws::Document::object());
  for (const auto& [member, value] : in->items()) merged[member] = value;
  SKYBOX_RETURN_IF_ERROR(CheckVersioningKeepsObjectLock(merged, read));
  return merged;
}

// Replication needs versioning Enabled on the bucket. Skybox stores the configuration; it has no
// second region to replicate to.
Result<aws::Document> BuildReplication(const aws::Call& put, const SiblingConfigReader& read) {
  auto in = put.input.find("ReplicationConfiguration");
  if (in == put.input.end()) return MalformedXmlError();
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> versioning, read("versioning"));
  if (!versioning || versioning->value("Status", std::string()) != "Enabled") {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                       "Versioning must be 'Enabled' on the bucket to apply a replication configuration");
  }
  return *in;
}

// Transfer Acceleration serves buckets by virtual host name only, which a dotted name breaks
// under TLS: S3 refuses it for them, whichever Status is asked for.
Result<aws::Document> BuildAccelerate(const aws::Call& put, const SiblingConfigReader&) {
  auto in = put.input.find("AccelerateConfiguration");
  if (in == put.input.end()) return MalformedXmlError();
  if (put.input.value("Bucket", std::string()).find('.') != std::string::npos) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                       "Amazon S3 Transfer Acceleration is not supported for buckets with periods (.) in their names.");
  }
  return *in;
}

// Server access logs go to a bucket that must exist (nothing is delivered: logging is stored only).
Status CheckLoggingTarget(const aws::Document& config, const std::function<Status(std::string_view)>& require_bucket) {
  auto enabled = config.find("LoggingEnabled");
  if (enabled == config.end() || !enabled->is_object()) return Status();
  const std::string target = enabled->value("TargetBucket", std::string());
  Status exists = require_bucket(target);
  if (exists.ok() || exists.aws_code() != "NoSuchBucket") return exists;
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidTargetBucketForLogging",
                     "The target bucket for logging does not exist")
      .WithDetail("TargetBucket", target);
}

const std::vector<ConfigKind> kKinds = {
    {.name = "tagging", .put_operation = "PutBucketTagging", .get_operation = "GetBucketTagging",
     .delete_operation = "DeleteBucketTagging", .payload_member = "Tagging", .output_wraps_payload = false,
     .absent = {"NoSuchTagSet", "The TagSet does not exist"}, .normalize = NormalizeBucketTagging,
     .put_status = 204},
    {.name = "versioning", .put_operation = "PutBucketVersioning", .get_operation = "GetBucketVersioning",
     .delete_operation = "", .payload_member = "VersioningConfiguration", .output_wraps_payload = false,
     .absent = {.default_config = EmptyConfig}, .normalize = NormalizeVersioning, .build = MergeVersioning},
    {.name = "cors", .put_operation = "PutBucketCors", .get_operation = "GetBucketCors",
     .delete_operation = "DeleteBucketCors", .payload_member = "CORSConfiguration", .output_wraps_payload = false,
     .absent = {"NoSuchCORSConfiguration", "The CORS configuration does not exist"}, .normalize = NormalizeCors},
    {.name = "policy", .put_operation = "PutBucketPolicy", .get_operation = "GetBucketPolicy",
     .delete_operation = "DeleteBucketPolicy", .payload_member = "Policy", .output_wraps_payload = true,
     .absent = {"NoSuchBucketPolicy", "The bucket policy does not exist"}, .build = BuildBucketPolicy,
     .put_status = 204},
    {.name = "lifecycle", .put_operation = "PutBucketLifecycleConfiguration",
     .get_operation = "GetBucketLifecycleConfiguration", .delete_operation = "DeleteBucketLifecycle",
     .payload_member = "LifecycleConfiguration", .output_wraps_payload = false,
     .absent = {"NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist"},
     .normalize = NormalizeLifecycleConfiguration, .build = BuildLifecycleConfiguration,
     .present = PresentLifecycleConfiguration, .put_output_member = "TransitionDefaultMinimumObjectSize"},
    {.name = "encryption", .put_operation = "PutBucketEncryption", .get_operation = "GetBucketEncryption",
     .delete_operation = "DeleteBucketEncryption", .payload_member = "ServerSideEncryptionConfiguration",
     .output_wraps_payload = true, .absent = {.default_config = DefaultEncryption}, .normalize = NormalizeEncryption},
    {.name = "ownershipControls", .put_operation = "PutBucketOwnershipControls",
     .get_operation = "GetBucketOwnershipControls", .delete_operation = "DeleteBucketOwnershipControls",
     .payload_member = "OwnershipControls", .output_wraps_payload = true,
     .absent = {"OwnershipControlsNotFoundError", "The bucket ownership controls were not found"},
     .normalize = NormalizeOwnershipControls},
    {.name = "acl", .put_operation = "PutBucketAcl", .get_operation = "GetBucketAcl", .delete_operation = "",
     .payload_member = "AccessControlPolicy", .output_wraps_payload = false,
     .absent = {.default_config = DefaultBucketAcl}, .build = BuildBucketAcl, .present = PresentBucketAcl},
    {.name = "publicAccessBlock", .put_operation = "PutPublicAccessBlock", .get_operation = "GetPublicAccessBlock",
     .delete_operation = "DeletePublicAccessBlock", .payload_member = "PublicAccessBlockConfiguration",
     .output_wraps_payload = true,
     .absent = {"NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found"},
     .present = PresentPublicAccessBlock},
    {.name = "accelerate", .put_operation = "PutBucketAccelerateConfiguration",
     .get_operation = "GetBucketAccelerateConfiguration", .delete_operation = "",
     .payload_member = "AccelerateConfiguration", .output_wraps_payload = false,
     .absent = {.default_config = EmptyConfig}, .normalize = NormalizeAccelerate, .build = BuildAccelerate},
    {.name = "requestPayment", .put_operation = "PutBucketRequestPayment", .get_operation = "GetBucketRequestPayment",
     .delete_operation = "", .payload_member = "RequestPaymentConfiguration", .output_wraps_payload = false,
     .absent = {.default_config = BucketOwnerPays}, .normalize = NormalizeRequestPayment},
    {.name = "logging", .put_operation = "PutBucketLogging", .get_operation = "GetBucketLogging",
     .delete_operation = "", .payload_member = "BucketLoggingStatus", .output_wraps_payload = false,
     .absent = {.default_config = EmptyConfig}, .check_named_buckets = CheckLoggingTarget},
    {.name = "website", .put_operation = "PutBucketWebsite", .get_operation = "GetBucketWebsite",
     .delete_operation = "DeleteBucketWebsite", .payload_member = "WebsiteConfiguration",
     .output_wraps_payload = false,
     .absent = {"NoSuchWebsiteConfiguration", "The specified bucket does not have a website configuration"},
     .normalize = NormalizeWebsite},
    {.name = "replication", .put_operation = "PutBucketReplication", .get_operation = "GetBucketReplication",
     .delete_operation = "DeleteBucketReplication", .payload_member = "ReplicationConfiguration",
     .output_wraps_payload = true,
     .absent = {"ReplicationConfigurationNotFoundError", "The replication configuration was not found"},
     .normalize = NormalizeReplication, .build = BuildReplication},
    // Object Lock (object_lock_config.h): once enabled it cannot be removed, so there is no Delete.
    {.name = "objectLock", .put_operation = "PutObjectLockConfiguration",
     .get_operation = "GetObjectLockConfiguration", .delete_operation = "",
     .payload_member = "ObjectLockConfiguration", .output_wraps_payload = true,
     .absent = {"ObjectLockConfigurationNotFoundError", "Object Lock configuration does not exist for this bucket"},
     .build = BuildObjectLockConfiguration},
};

}  // namespace

const std::vector<ConfigKind>& BucketConfigKinds() { return kKinds; }

const ConfigKind& FindBucketConfigKind(std::string_view name) {
  auto it = std::find_if(kKinds.begin(), kKinds.end(), [name](const ConfigKind& k) { return k.name == name; });
  if (it == kKinds.end()) std::abort();  // a caller named a row the table lacks: a bug
  return *it;
}

Status AccessDeniedError() { return Status::Aws(StatusCode::kPermissionDenied, 403, "AccessDenied", "Access Denied"); }

Status InvalidTagError(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidTag", std::move(message));
}

Status MalformedXmlError() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedXML",
                     "The XML you provided was not well-formed or did not validate against our published schema");
}

}  // namespace skybox::s3
