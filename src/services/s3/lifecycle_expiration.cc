#include "services/s3/lifecycle_expiration.h"

#include <chrono>
#include <map>
#include <string>

#include "services/s3/config/lifecycle_rules.h"
#include "services/s3/http/http_date.h"

namespace skybox::s3 {

void AddLifecycleExpiration(S3Backend& b, std::string_view bucket, std::string_view key, const ObjectVersion& version,
                            aws::Document& out) {
  if (version.delete_marker) return;
  auto rules = ReadLifecycleRules(b.store(), b.ns(), bucket);
  if (!rules.ok() || rules->empty()) return;
  const std::map<std::string, std::string> tags(version.tags.begin(), version.tags.end());
  ObjectVersionFacts facts{.key = key, .tags = &tags, .size = version.size,
                           .last_modified = LifecycleTime(std::chrono::milliseconds(version.last_modified_ms))};
  auto expiration = CurrentVersionExpiration(*rules, facts);
  if (!expiration) return;
  int64_t seconds = std::chrono::duration_cast<std::chrono::seconds>(expiration->at.time_since_epoch()).count();
  out["Expiration"] = "expiry-date=\"" + FormatHttpDate(seconds) + "\", rule-id=\"" + expiration->rule_id + "\"";
}

}  // namespace skybox::s3
