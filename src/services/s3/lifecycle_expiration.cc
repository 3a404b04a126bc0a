#include "services/s3/lifecycle_expiration.h"

#include <chrono>
#include <map>
#include <string>

#include "base/civil_date.h"

namespace skybox::s3 {

std::vector<LifecycleRule> BucketLifecycleRules(S3Backend& b, std::string_view bucket) {
  auto state = b.BucketStateOf(bucket);
  return state.ok() ? (*state)->lifecycle : std::vector<LifecycleRule>();
}

void AddLifecycleExpiration(const std::vector<LifecycleRule>& rules, std::string_view key, const ObjectVersion& version,
                            aws::Document& out) {
  if (rules.empty() || version.delete_marker) return;
  const std::map<std::string, std::string> tags(version.tags.begin(), version.tags.end());
  ObjectVersionFacts facts{.key = key, .tags = &tags, .size = version.size,
                           .last_modified = LifecycleTime(std::chrono::milliseconds(version.last_modified_ms))};
  auto expiration = CurrentVersionExpiration(rules, facts);
  if (!expiration) return;
  int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(expiration->at.time_since_epoch()).count();
  out["Expiration"] = "expiry-date=\"" + FormatHttpDate(seconds) + "\", rule-id=\"" + expiration->rule_id + "\"";
}

void AddUploadAbort(const std::vector<LifecycleRule>& rules, std::string_view key, int64_t initiated_ms,
                    aws::Document& out) {
  auto abort = UploadAbortOf(rules, key, LifecycleTime(std::chrono::milliseconds(initiated_ms)));
  if (!abort) return;
  out["AbortDate"] = std::chrono::duration_cast<std::chrono::seconds>(abort->at.time_since_epoch()).count();
  out["AbortRuleId"] = abort->rule_id;
}

}  // namespace skybox::s3
