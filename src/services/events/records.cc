#include "services/events/records.h"

namespace skybox::services::events {
namespace {

template <typename T>
void Read(const nlohmann::json& j, const char* key, T& out) {
  auto it = j.find(key);
  if (it != j.end() && !it->is_null()) out = it->get<T>();
}

}  // namespace

std::string EncodeBus(const BusRecord& bus) {
  nlohmann::json j = {{"account", bus.account},         {"name", bus.name},
                      {"description", bus.description}, {"kms_key", bus.kms_key},
                      {"dead_letter_arn", bus.dead_letter_arn}, {"tags", bus.tags},
                      {"created_ms", bus.created_ms},   {"modified_ms", bus.modified_ms}};
  return j.dump();
}

std::optional<BusRecord> DecodeBus(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  BusRecord bus;
  try {
    Read(j, "account", bus.account);
    Read(j, "name", bus.name);
    Read(j, "description", bus.description);
    Read(j, "kms_key", bus.kms_key);
    Read(j, "dead_letter_arn", bus.dead_letter_arn);
    Read(j, "tags", bus.tags);
    Read(j, "created_ms", bus.created_ms);
    Read(j, "modified_ms", bus.modified_ms);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return bus;
}

std::string EncodeRule(const RuleRecord& rule) {
  nlohmann::json j = {{"account", rule.account},
                      {"bus", rule.bus},
                      {"name", rule.name},
                      {"description", rule.description},
                      {"event_pattern", rule.event_pattern},
                      {"schedule_expression", rule.schedule_expression},
                      {"state", rule.state},
                      {"role_arn", rule.role_arn},
                      {"tags", rule.tags},
                      {"targets", rule.targets},
                      {"next_fire_ms", rule.next_fire_ms}};
  return j.dump();
}

std::optional<RuleRecord> DecodeRule(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return std::nullopt;
  RuleRecord rule;
  try {
    Read(j, "account", rule.account);
    Read(j, "bus", rule.bus);
    Read(j, "name", rule.name);
    Read(j, "description", rule.description);
    Read(j, "event_pattern", rule.event_pattern);
    Read(j, "schedule_expression", rule.schedule_expression);
    Read(j, "state", rule.state);
    Read(j, "role_arn", rule.role_arn);
    Read(j, "tags", rule.tags);
    Read(j, "targets", rule.targets);
    Read(j, "next_fire_ms", rule.next_fire_ms);
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return rule;
}

std::string BusArn(std::string_view region, std::string_view account, std::string_view bus) {
  return "arn:aws:events:" + std::string(region) + ":" + std::string(account) + ":event-bus/" + std::string(bus);
}

std::string RuleArn(std::string_view region, const RuleRecord& rule) {
  std::string arn = "arn:aws:events:" + std::string(region) + ":" + rule.account + ":rule/";
  if (rule.bus != kDefaultBus) arn += rule.bus + "/";
  return arn + rule.name;
}

std::optional<BusRef> ParseBusArn(std::string_view arn) {
  constexpr std::string_view kPrefix = "arn:aws:events:";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  std::string_view rest = arn.substr(kPrefix.size());
  size_t region_end = rest.find(':');
  if (region_end == std::string_view::npos) return std::nullopt;
  rest = rest.substr(region_end + 1);
  size_t account_end = rest.find(':');
  if (account_end == std::string_view::npos) return std::nullopt;
  std::string_view resource = rest.substr(account_end + 1);
  constexpr std::string_view kBus = "event-bus/";
  if (resource.substr(0, kBus.size()) != kBus || resource.size() == kBus.size()) return std::nullopt;
  return BusRef{std::string(rest.substr(0, account_end)), std::string(resource.substr(kBus.size()))};
}

std::string BusNameOf(std::string_view name_or_arn) {
  if (name_or_arn.empty()) return kDefaultBus;
  if (auto ref = ParseBusArn(name_or_arn)) return ref->name;
  return std::string(name_or_arn);
}

}  // namespace skybox::services::events
