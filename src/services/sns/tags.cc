#include "services/sns/tags.h"

#include "services/sns/sns_errors.h"

namespace skybox::services::sns {

Result<TagMap> TagsFromInput(const nlohmann::json& input, const char* name) {
  TagMap tags;
  auto it = input.find(name);
  if (it == input.end() || !it->is_array()) return tags;
  for (const auto& tag : *it) {
    std::string key = tag.value("Key", std::string());
    std::string value = tag.value("Value", std::string());
    if (key.empty() || key.size() > 128) return InvalidParameter("Tags Reason: Tag keys must be between 1 and 128 characters");
    if (value.size() > 256) return InvalidParameter("Tags Reason: Tag values must be at most 256 characters");
    tags[key] = value;
  }
  if (tags.size() > kMaxTagsPerResource) return TagLimitExceeded();
  return tags;
}

Status MergeTags(TagMap& tags, const TagMap& more) {
  TagMap merged = tags;
  for (const auto& [k, v] : more) merged[k] = v;
  if (merged.size() > kMaxTagsPerResource) return TagLimitExceeded();
  tags = std::move(merged);
  return Status::Ok();
}

nlohmann::json TagsOutput(const TagMap& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [k, v] : tags) out.push_back({{"Key", k}, {"Value", v}});
  return out;
}

}  // namespace skybox::services::sns
