#include "services/s3/config/object_lock_config.h"

#include "services/s3/config/config_store.h"
#include "services/s3/http/body_digest.h"

namespace skybox::s3 {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr int64_t kMaxDays = 36500, kMaxYears = 100;

bool IsRetentionMode(const aws::Document& mode) {
  return mode.is_string() && IsObjectLockMode(mode.get_ref<const std::string&>());
}

// The retention period of a DefaultRetention document in milliseconds; errors as S3 answers.
Result<int64_t> RetentionPeriodMs(const aws::Document& retention) {
  const bool has_days = retention.contains("Days"), has_years = retention.contains("Years");
  if (!IsRetentionMode(retention.value("Mode", aws::Document())) || has_days == has_years) {
    return MalformedXmlError();
  }
  const aws::Document& period = has_days ? retention["Days"] : retention["Years"];
  const char* unit = has_days ? "Days" : "Years";
  if (!period.is_number_integer() || period.get<int64_t>() <= 0) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument",
                       "Default retention period must be a positive integer value.")
        .WithDetail("ArgumentName", unit);
  }
  const int64_t n = period.get<int64_t>();
  if (n > (has_days ? kMaxDays : kMaxYears)) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", "Default retention period is too large.")
        .WithDetail("ArgumentName", unit);
  }
  return n * kDayMs * (has_days ? 1 : 365);
}

Status InvalidBucketState(std::string message) {
  return Status::Aws(StatusCode::kFailedPrecondition, 409, "InvalidBucketState", std::move(message));
}

}  // namespace

aws::Document EnabledObjectLockConfiguration() { return {{"ObjectLockEnabled", "Enabled"}}; }

Result<aws::Document> BuildObjectLockConfiguration(const aws::Call& put, const SiblingConfigReader& read) {
  if (!SentBodyDigest(put.headers)) return MissingBodyDigest();
  auto in = put.input.find("ObjectLockConfiguration");
  if (in == put.input.end() || !in->is_object() || in->value("ObjectLockEnabled", std::string()) != "Enabled") {
    return MalformedXmlError();
  }
  aws::Document config = EnabledObjectLockConfiguration();
  if (auto rule = in->find("Rule"); rule != in->end()) {
    auto retention = rule->find("DefaultRetention");
    if (retention == rule->end() || !retention->is_object()) return MalformedXmlError();
    SKYBOX_RETURN_IF_ERROR(RetentionPeriodMs(*retention).status());
    config["Rule"] = {{"DefaultRetention", *retention}};
  }
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> versioning, read("versioning"));
  if (!versioning || versioning->value("Status", std::string()) != "Enabled") {
    return InvalidBucketState("Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration");
  }
  return config;
}

Status CheckVersioningKeepsObjectLock(const aws::Document& versioning, const SiblingConfigReader& read) {
  if (versioning.value("Status", std::string()) != "Suspended") return Status();
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> lock, read("objectLock"));
  if (!lock) return Status();
  return InvalidBucketState(
      "An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.");
}

ObjectLockSettings ObjectLockSettingsOf(const std::optional<aws::Document>& stored) {
  ObjectLockSettings settings;
  if (!stored || !stored->is_object()) return settings;
  settings.enabled = stored->value("ObjectLockEnabled", std::string()) == "Enabled";
  auto rule = stored->find("Rule");
  if (!settings.enabled || rule == stored->end() || !rule->contains("DefaultRetention")) return settings;
  const aws::Document& retention = (*rule)["DefaultRetention"];
  auto period = RetentionPeriodMs(retention);
  if (period.ok()) settings.default_retention = DefaultRetention{retention["Mode"].get<std::string>(), *period};
  return settings;
}

Result<ObjectLockSettings> ReadObjectLockSettings(storage::Store& store, storage::Namespace ns,
                                                  std::string_view bucket) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> stored, ReadBucketConfig(store, ns, bucket, "objectLock"));
  return ObjectLockSettingsOf(stored);
}

}  // namespace skybox::s3
