// Resource tags as SNS takes them (a list of {Key, Value}) and its limits: at most 50 tags per
// resource, keys of 1-128 and values of 0-256 characters.
//
// Thread-safety: pure functions.
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace skybox::services::sns {

using TagMap = std::map<std::string, std::string>;

constexpr size_t kMaxTagsPerResource = 50;

// The tags of input member `name` (absent: none). Bad keys or values: InvalidParameter.
Result<TagMap> TagsFromInput(const nlohmann::json& input, const char* name);
// Adds `more` to `tags`; TagLimitExceeded when the result has more than 50.
Status MergeTags(TagMap& tags, const TagMap& more);
nlohmann::json TagsOutput(const TagMap& tags);

}  // namespace skybox::services::sns
