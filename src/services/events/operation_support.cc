#include "base/crypto.h"
#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {

std::string AccountOf(const aws::Call& call) {
  return call.caller.account_id.empty() ? std::string("000000000000") : call.caller.account_id;
}

std::string BusOf(const aws::Call& call) { return BusNameOf(call.input.value("EventBusName", std::string())); }

Result<Page> PageOf(const aws::Call& call, const std::vector<std::string>& names) {
  Page page;
  page.end = names.size();
  if (call.input.contains("NextToken")) {
    auto last = Base64Decode(call.input.value("NextToken", std::string()));
    if (!last) return ValidationError("The NextToken provided is invalid.");
    while (page.first < names.size() && names[page.first] <= *last) ++page.first;
  }
  if (call.input.contains("Limit")) {
    int limit = call.input.value("Limit", 100);
    if (limit < 1) return ValidationError("Limit must be between 1 and 100.");
    if (page.first + static_cast<size_t>(limit) < names.size()) {
      page.end = page.first + static_cast<size_t>(limit);
      page.next_token = Base64Encode(names[page.end - 1]);
    }
  }
  return page;
}

std::map<std::string, std::string> TagsFromList(const aws::Document& list) {
  std::map<std::string, std::string> tags;
  if (!list.is_array()) return tags;
  for (const auto& tag : list) tags[tag.value("Key", std::string())] = tag.value("Value", std::string());
  return tags;
}

aws::Document TagsToList(const std::map<std::string, std::string>& tags) {
  aws::Document list = aws::Document::array();
  for (const auto& [key, value] : tags) list.push_back({{"Key", key}, {"Value", value}});
  return list;
}

std::function<void(Status)> Acknowledge(aws::CallDone done, aws::Document output) {
  return [done = std::move(done), output = std::move(output)](Status s) mutable {
    if (s.ok()) done(std::move(output));
    else done(s);
  };
}

}  // namespace skybox::services::events
