// The stored records of EventBridge: event buses and rules (with their targets), as kept in
// the Store (JSON text, one key per record) and in EventsBackend's memory.
//
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace skybox::services::events {

inline constexpr char kDefaultBus[] = "default";

struct BusRecord {
  std::string account;
  std::string name;
  std::string description;
  std::string kms_key;
  std::string dead_letter_arn;
  std::map<std::string, std::string> tags;
  int64_t created_ms = 0;
  int64_t modified_ms = 0;
};

struct RuleRecord {
  std::string account;
  std::string bus;
  std::string name;
  std::string description;
  std::string event_pattern;        // JSON text; empty for a schedule-only rule
  std::string schedule_expression;  // empty for a pattern-only rule
  std::string state = "ENABLED";    // ENABLED | DISABLED
  std::string role_arn;
  std::map<std::string, std::string> tags;
  // Target documents as PutTargets gave them (model shape `Target`), in Id order.
  nlohmann::json targets = nlohmann::json::array();
  // Scheduled rules: when the schedule fires next (ms since the epoch); 0: never.
  int64_t next_fire_ms = 0;
};

std::string EncodeBus(const BusRecord& bus);
std::optional<BusRecord> DecodeBus(std::string_view text);
std::string EncodeRule(const RuleRecord& rule);
std::optional<RuleRecord> DecodeRule(std::string_view text);

// ARNs: arn:aws:events:<region>:<account>:event-bus/<name>, and rule/<name> on the default bus
// or rule/<bus>/<name> on another.
std::string BusArn(std::string_view region, std::string_view account, std::string_view bus);
std::string RuleArn(std::string_view region, const RuleRecord& rule);

// The bus an EventBusName member names: a name or a bus ARN; the default bus when empty.
std::string BusNameOf(std::string_view name_or_arn);

// The account and bus name of a bus ARN; nullopt for anything else.
struct BusRef {
  std::string account;
  std::string name;
};
std::optional<BusRef> ParseBusArn(std::string_view arn);

}  // namespace skybox::services::events
