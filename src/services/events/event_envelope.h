// The event envelope: the JSON document EventBridge delivers for every event —
//   {"version":"0","id":...,"detail-type":...,"source":...,"account":...,"time":...,
//    "region":...,"resources":[...],"detail":{...}}
// in that key order — and the checks PutEvents applies to each entry before building it.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace skybox::services::events {

struct Event {
  std::string id;  // a UUID
  std::string detail_type;
  std::string source;
  std::string account;
  int64_t time_ms = 0;
  std::string region;
  std::vector<std::string> resources;
  std::string detail;  // JSON object text
};

// The event as the JSON text targets receive.
std::string EventJson(const Event& event);

// "2026-11-29T08:00:00Z": RFC 3339 in UTC, whole seconds, as EventBridge writes `time`.
std::string FormatEventTime(int64_t ms);

// A PutEvents entry that failed, as its result entry reports it.
struct EntryError {
  std::string code;  // "InvalidArgument", "MalformedDetail", "NotAuthorizedForSourceException"
  std::string message;
};

// AWS's per-entry checks of a PutEventsRequestEntry document: Source, DetailType and Detail
// present, Detail a JSON object, Source not in the reserved aws. namespace.
std::optional<EntryError> CheckEntry(const nlohmann::json& entry);

// The size AWS counts for an entry against the 256 KiB request limit: 14 bytes for Time when
// present, plus the UTF-8 bytes of Source, DetailType, Detail and every Resource.
size_t EntrySize(const nlohmann::json& entry);
constexpr size_t kMaxPutEventsBytes = 256 * 1024;

}  // namespace skybox::services::events
