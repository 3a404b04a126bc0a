#include "services/events/event_envelope.h"

#include "aws/protocol/timestamp.h"

namespace skybox::services::events {

std::string FormatEventTime(int64_t ms) { return aws::FormatIso8601Seconds(static_cast<double>(ms / 1000)); }

std::string EventJson(const Event& event) {
  nlohmann::ordered_json detail = nlohmann::ordered_json::parse(event.detail, nullptr, false);
  if (detail.is_discarded()) detail = nlohmann::ordered_json::object();
  nlohmann::ordered_json json;
  json["version"] = "0";
  json["id"] = event.id;
  json["detail-type"] = event.detail_type;
  json["source"] = event.source;
  json["account"] = event.account;
  json["time"] = FormatEventTime(event.time_ms);
  json["region"] = event.region;
  json["resources"] = event.resources;
  json["detail"] = std::move(detail);
  return json.dump();
}

std::optional<EntryError> CheckEntry(const nlohmann::json& entry) {
  for (const char* member : {"Source", "DetailType", "Detail"}) {
    if (!entry.contains(member)) {
      return EntryError{"InvalidArgument", std::string("Parameter ") + member + " is not valid. Reason: " +
                                               member + " is a required argument."};
    }
  }
  if (entry.value("Source", std::string()).rfind("aws.", 0) == 0) {
    return EntryError{"NotAuthorizedForSourceException", "Not authorized for the source."};
  }
  auto detail = nlohmann::json::parse(entry.value("Detail", std::string()), nullptr, false);
  if (detail.is_discarded() || !detail.is_object()) return EntryError{"MalformedDetail", "Detail is malformed."};
  return std::nullopt;
}

size_t EntrySize(const nlohmann::json& entry) {
  size_t size = entry.contains("Time") ? 14 : 0;
  for (const char* member : {"Source", "DetailType", "Detail"}) size += entry.value(member, std::string()).size();
  for (const auto& resource : entry.value("Resources", nlohmann::json::array())) {
    if (resource.is_string()) size += resource.get_ref<const std::string&>().size();
  }
  return size;
}

}  // namespace skybox::services::events
