// EventsBackend: the state behind EventBridge — event buses and rules (with their targets) of
// every account, held in memory and persisted in the Store ("events.buses", "events.rules",
// one JSON record per key), reloaded at Open. The `default` bus of every account exists
// without being stored (it is stored once it carries something, e.g. tags).
//
// Every change is read-modify-write under one mutex and its batch is queued for commit while
// the mutex is held, so the store sees changes in the order memory did; `done` runs once the
// batch is durable (on the store's committer thread).
//
// Thread-safety: every method may be called from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "services/delivery/outbox.h"
#include "services/event_pattern/event_pattern.h"
#include "services/events/archives.h"
#include "services/events/records.h"
#include "services/events/schedule.h"
#include "storage/store.h"

namespace skybox::services::events {

struct EventsOptions {
  std::string region = "us-east-1";
  // Wall-clock milliseconds since the epoch (event times, schedules); a seam for tests.
  std::function<int64_t()> clock_ms;
  // How often the scheduler looks for due scheduled rules.
  std::chrono::milliseconds schedule_tick{1000};
};

class EventsBackend {
 public:
  // Opens the namespaces of `store` and loads every bus and rule. `outbox` takes the events
  // PutEvents and schedules produce (null: PutEvents fails, schedules do not fire).
  static Result<std::shared_ptr<EventsBackend>> Open(storage::Store* store, std::shared_ptr<delivery::Outbox> outbox,
                                                     EventsOptions options);

  const EventsOptions& options() const { return options_; }
  int64_t Now() const;
  delivery::Outbox* outbox() const { return outbox_.get(); }
  storage::Store* store() const { return store_; }
  Archives& archives() const { return *archives_; }

  // --- buses ---
  // nullopt when `account` has no bus `name` (the default bus always exists).
  std::optional<BusRecord> FindBus(const std::string& account, const std::string& name) const;
  // Every bus of `account`, default included, in name order.
  std::vector<BusRecord> ListBuses(const std::string& account) const;
  // Runs `mutate` on the bus (nullopt when absent) under the lock; when it returns OK the
  // result is stored (a reset optional deletes the bus and its rules) and `done` runs once
  // durable; otherwise `done` gets its error and nothing changes.
  using BusMutation = std::function<Status(std::optional<BusRecord>&)>;
  void MutateBus(const std::string& account, const std::string& name, BusMutation mutate,
                 std::function<void(Status)> done);

  // --- rules ---
  std::optional<RuleRecord> FindRule(const std::string& account, const std::string& bus,
                                     const std::string& name) const;
  // The rules of one bus, in name order.
  std::vector<RuleRecord> ListRules(const std::string& account, const std::string& bus) const;
  // As MutateBus, for one rule. Fails with ResourceNotFoundException (without calling
  // `mutate`) when the bus does not exist. The stored pattern and schedule must be valid.
  using RuleMutation = std::function<Status(std::optional<RuleRecord>&)>;
  void MutateRule(const std::string& account, const std::string& bus, const std::string& name,
                  RuleMutation mutate, std::function<void(Status)> done);

  // The ENABLED rules of a bus whose event pattern matches `event`.
  std::vector<RuleRecord> MatchingRules(const std::string& account, const std::string& bus,
                                        const nlohmann::json& event) const;
  // The ENABLED scheduled rules due at `now_ms`.
  std::vector<RuleRecord> DueRules(int64_t now_ms) const;
  // Records that scheduled rule `fired` (as DueRules returned it) fired at `now_ms`: its next
  // fire time and `envelopes` (its targets' events) are committed in one batch, and the outbox
  // is told once durable; then `done`. Nothing happens (done gets OK) when the rule changed or
  // went since DueRules, so a fire is never stored twice or over a newer rule.
  void CommitFired(const RuleRecord& fired, int64_t now_ms, std::vector<delivery::Envelope> envelopes,
                   std::function<void(Status)> done);
  // The next fire time of a new or changed schedule expression (0 when it never fires).
  int64_t FirstFire(const std::string& schedule_expression) const;

 private:
  struct Rule {
    RuleRecord record;
    std::shared_ptr<const event_pattern::Pattern> pattern;
    std::optional<Schedule> schedule;
  };
  EventsBackend(storage::Store* store, std::shared_ptr<delivery::Outbox> outbox, EventsOptions options)
      : store_(store), outbox_(std::move(outbox)), options_(std::move(options)) {}
  Status Load();
  static Rule Compile(RuleRecord record);
  static std::string BusKey(const std::string& account, const std::string& name);
  static std::string RuleKey(const std::string& account, const std::string& bus, const std::string& name);
  bool BusExistsLocked(const std::string& account, const std::string& name) const;

  storage::Store* const store_;
  const std::shared_ptr<delivery::Outbox> outbox_;
  const EventsOptions options_;
  storage::Namespace buses_ns_;
  storage::Namespace rules_ns_;
  std::unique_ptr<Archives> archives_;

  mutable std::mutex mu_;
  std::map<std::string, BusRecord> buses_;  // by BusKey; GUARDED_BY(mu_)
  std::map<std::string, Rule> rules_;       // by RuleKey (so a bus's rules are contiguous); GUARDED_BY(mu_)
};

}  // namespace skybox::services::events
