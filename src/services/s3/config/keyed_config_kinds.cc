#include "services/s3/config/keyed_config_kinds.h"

#include <algorithm>
#include <initializer_list>
#include <string>

#include "services/s3/config/config_kinds.h"

namespace skybox::s3 {
namespace {

// The member at `path` of `doc` (nested objects), or nullptr when any step is absent.
const aws::Document* At(const aws::Document& doc, std::initializer_list<const char*> path) {
  const aws::Document* at = &doc;
  for (const char* member : path) {
    if (!at->is_object()) return nullptr;
    auto it = at->find(member);
    if (it == at->end()) return nullptr;
    at = &*it;
  }
  return at;
}

// True when `value` is present, a string, and one of `allowed`.
bool IsOneOf(const aws::Document* value, std::initializer_list<std::string_view> allowed) {
  if (value == nullptr || !value->is_string()) return false;
  const std::string& text = value->get_ref<const std::string&>();
  return std::find(allowed.begin(), allowed.end(), text) != allowed.end();
}

// Inventory names the mismatch itself; the other kinds answer MalformedXML.
Status InventoryIdMismatch() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "IdMismatch",
                     "Document ID does not match the specified configuration ID.");
}

Status InvalidTieringDays(std::string_view tier, std::string_view bound, int days) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                     "Days specified in " + std::string(tier) + " tier should not be " + std::string(bound) + " " +
                         std::to_string(days) + ".");
}

const std::vector<KeyedConfigKind> kKinds = {
    {.name = "analytics", .put_operation = "PutBucketAnalyticsConfiguration",
     .get_operation = "GetBucketAnalyticsConfiguration", .delete_operation = "DeleteBucketAnalyticsConfiguration",
     .list_operation = "ListBucketAnalyticsConfigurations", .payload_member = "AnalyticsConfiguration",
     .list_member = "AnalyticsConfigurationList", .id_mismatch = MalformedXmlError,
     .normalize = NormalizeAnalyticsConfiguration},
    {.name = "inventory", .put_operation = "PutBucketInventoryConfiguration",
     .get_operation = "GetBucketInventoryConfiguration", .delete_operation = "DeleteBucketInventoryConfiguration",
     .list_operation = "ListBucketInventoryConfigurations", .payload_member = "InventoryConfiguration",
     .list_member = "InventoryConfigurationList", .id_mismatch = InventoryIdMismatch,
     .normalize = NormalizeInventoryConfiguration},
    {.name = "metrics", .put_operation = "PutBucketMetricsConfiguration",
     .get_operation = "GetBucketMetricsConfiguration", .delete_operation = "DeleteBucketMetricsConfiguration",
     .list_operation = "ListBucketMetricsConfigurations", .payload_member = "MetricsConfiguration",
     .list_member = "MetricsConfigurationList", .id_mismatch = MalformedXmlError},
    {.name = "intelligentTiering", .put_operation = "PutBucketIntelligentTieringConfiguration",
     .get_operation = "GetBucketIntelligentTieringConfiguration",
     .delete_operation = "DeleteBucketIntelligentTieringConfiguration",
     .list_operation = "ListBucketIntelligentTieringConfigurations",
     .payload_member = "IntelligentTieringConfiguration", .list_member = "IntelligentTieringConfigurationList",
     .id_mismatch = MalformedXmlError, .normalize = NormalizeIntelligentTieringConfiguration},
};

}  // namespace

const std::vector<KeyedConfigKind>& KeyedBucketConfigKinds() { return kKinds; }

Result<aws::Document> NormalizeInventoryConfiguration(aws::Document config) {
  if (!IsOneOf(At(config, {"Destination", "S3BucketDestination", "Format"}), {"CSV", "ORC", "Parquet"}) ||
      !IsOneOf(At(config, {"Schedule", "Frequency"}), {"Daily", "Weekly"}) ||
      !IsOneOf(At(config, {"IncludedObjectVersions"}), {"All", "Current"})) {
    return MalformedXmlError();
  }
  if (const aws::Document* fields = At(config, {"OptionalFields"}); fields != nullptr) {
    if (!fields->is_array()) return MalformedXmlError();
    for (const aws::Document& field : *fields) {
      if (!IsOneOf(&field, {"Size", "LastModifiedDate", "StorageClass", "ETag", "IsMultipartUploaded",
                            "ReplicationStatus", "EncryptionStatus", "ObjectLockRetainUntilDate", "ObjectLockMode",
                            "ObjectLockLegalHoldStatus", "IntelligentTieringAccessTier", "BucketKeyStatus",
                            "ChecksumAlgorithm", "ObjectAccessControlList", "ObjectOwner",
                            "LifecycleExpirationDate"})) {
        return MalformedXmlError();
      }
    }
  }
  return config;
}

Result<aws::Document> NormalizeAnalyticsConfiguration(aws::Document config) {
  const aws::Document* data_export = At(config, {"StorageClassAnalysis", "DataExport"});
  if (data_export != nullptr &&
      (!IsOneOf(At(*data_export, {"OutputSchemaVersion"}), {"V_1"}) ||
       !IsOneOf(At(*data_export, {"Destination", "S3BucketDestination", "Format"}), {"CSV"}))) {
    return MalformedXmlError();
  }
  return config;
}

Result<aws::Document> NormalizeIntelligentTieringConfiguration(aws::Document config) {
  const aws::Document* tierings = At(config, {"Tierings"});
  if (!IsOneOf(At(config, {"Status"}), {"Enabled", "Disabled"}) || tierings == nullptr || !tierings->is_array() ||
      tierings->empty()) {
    return MalformedXmlError();
  }
  for (const aws::Document& tiering : *tierings) {
    const aws::Document* tier = At(tiering, {"AccessTier"});
    const aws::Document* days = At(tiering, {"Days"});
    if (!IsOneOf(tier, {"ARCHIVE_ACCESS", "DEEP_ARCHIVE_ACCESS"}) || days == nullptr || !days->is_number_integer()) {
      return MalformedXmlError();
    }
    const std::string& name = tier->get_ref<const std::string&>();
    const int minimum = name == "ARCHIVE_ACCESS" ? 90 : 180;
    constexpr int kMaximum = 730;
    const int64_t value = days->get<int64_t>();
    if (value < minimum) return InvalidTieringDays(name, "less than", minimum);
    if (value > kMaximum) return InvalidTieringDays(name, "more than", kMaximum);
  }
  return config;
}

}  // namespace skybox::s3
