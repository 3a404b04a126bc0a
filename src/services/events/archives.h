// Archives: EventBridge archives (the events of a bus that match an archive's pattern, kept in
// the Store) and replays (archived events of a time window sent again to the bus).
//
// Stored in "events.archives" (archive and replay records, JSON) and "events.archived"
// (account\0archive\0<16-digit ms>\0<event id> -> event JSON, so a window is one range scan).
// RetentionDays is recorded, not enforced.
//
// Thread-safety: every method may be called from any thread; one mutex guards the records.
// `done` callbacks run on the store's committer thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/result.h"
#include "services/event_pattern/event_pattern.h"
#include "storage/store.h"

namespace skybox::services::events {

struct ArchiveRecord {
  std::string account;
  std::string name;
  std::string bus;  // the source bus's name
  std::string description;
  std::string event_pattern;  // empty: every event
  int64_t retention_days = 0;
  int64_t created_ms = 0;
  int64_t event_count = 0;
  int64_t size_bytes = 0;
};

struct ReplayRecord {
  std::string account;
  std::string name;
  std::string description;
  std::string archive;  // the archive's name
  nlohmann::json destination = nlohmann::json::object();  // ReplayDestination as given
  int64_t event_start_ms = 0;
  int64_t event_end_ms = 0;
  std::string state;  // STARTING | COMPLETED | ...
  int64_t replay_start_ms = 0;
  int64_t replay_end_ms = 0;
  int64_t last_replayed_ms = 0;
};

class Archives {
 public:
  static Result<std::unique_ptr<Archives>> Open(storage::Store* store);

  std::optional<ArchiveRecord> Find(const std::string& account, const std::string& name) const;
  // The archives of `account`, in name order.
  std::vector<ArchiveRecord> List(const std::string& account) const;
  // Read-modify-write of one archive under the lock (see EventsBackend::MutateBus); a reset
  // optional deletes the archive and its events.
  void Mutate(const std::string& account, const std::string& name,
              std::function<Status(std::optional<ArchiveRecord>&)> mutate, std::function<void(Status)> done);
  // The names of the archives of bus `bus` whose pattern matches `event`.
  std::vector<std::string> Matching(const std::string& account, const std::string& bus,
                                    const nlohmann::json& event) const;
  // Stores one event in an archive (no-op when the archive is gone).
  void Append(const std::string& account, const std::string& archive, int64_t time_ms, const std::string& event_id,
              const std::string& event_text, std::function<void(Status)> done);
  // The archived events with from_ms <= time < to_ms, oldest first.
  std::vector<std::string> Read(const std::string& account, const std::string& archive, int64_t from_ms,
                                int64_t to_ms) const;

  std::optional<ReplayRecord> FindReplay(const std::string& account, const std::string& name) const;
  std::vector<ReplayRecord> ListReplays(const std::string& account) const;
  // Stores `replay` and whatever `extra` holds (e.g. the replayed envelopes) in one batch.
  void PutReplay(const ReplayRecord& replay, storage::WriteBatch extra, std::function<void(Status)> done);

 private:
  struct Archive {
    ArchiveRecord record;
    std::shared_ptr<const event_pattern::Pattern> pattern;
  };
  explicit Archives(storage::Store* store) : store_(store) {}
  Status Load();
  static Archive Compile(ArchiveRecord record);

  storage::Store* const store_;
  storage::Namespace records_ns_;
  storage::Namespace events_ns_;
  mutable std::mutex mu_;
  std::map<std::string, Archive> archives_;      // by account\0name; GUARDED_BY(mu_)
  std::map<std::string, ReplayRecord> replays_;  // by account\0name; GUARDED_BY(mu_)
};

std::string ArchiveArn(std::string_view region, std::string_view account, std::string_view name);
std::string ReplayArn(std::string_view region, std::string_view account, std::string_view name);
// The account and name of an archive ARN (arn:aws:events:<region>:<account>:archive/<name>).
std::optional<std::pair<std::string, std::string>> ParseArchiveArn(std::string_view arn);

}  // namespace skybox::services::events
