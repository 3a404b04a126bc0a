#include "services/events/events_backend.h"

#include <chrono>

#include "base/log.h"
#include "services/events/events_errors.h"

namespace skybox::services::events {
namespace {

std::string Prefix(const std::string& account) { return account + std::string(1, '\0'); }

}  // namespace

Result<std::shared_ptr<EventsBackend>> EventsBackend::Open(storage::Store* store, std::shared_ptr<delivery::Outbox> outbox,
                                                           EventsOptions options) {
  std::shared_ptr<EventsBackend> backend(new EventsBackend(store, std::move(outbox), std::move(options)));
  SKYBOX_ASSIGN_OR_RETURN(backend->buses_ns_, store->OpenNamespace("events.buses"));
  SKYBOX_ASSIGN_OR_RETURN(backend->rules_ns_, store->OpenNamespace("events.rules"));
  SKYBOX_ASSIGN_OR_RETURN(backend->archives_, Archives::Open(store));
  SKYBOX_RETURN_IF_ERROR(backend->Load());
  return backend;
}

int64_t EventsBackend::Now() const {
  if (options_.clock_ms) return options_.clock_ms();
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status EventsBackend::Load() {
  std::lock_guard lock(mu_);
  auto buses = store_->NewIterator(buses_ns_);
  for (buses->SeekToFirst(); buses->Valid(); buses->Next()) {
    auto bus = DecodeBus(buses->value());
    if (!bus) return Status(StatusCode::kDataLoss, "events: unreadable bus record");
    buses_[BusKey(bus->account, bus->name)] = std::move(*bus);
  }
  SKYBOX_RETURN_IF_ERROR(buses->status());
  auto rules = store_->NewIterator(rules_ns_);
  for (rules->SeekToFirst(); rules->Valid(); rules->Next()) {
    auto rule = DecodeRule(rules->value());
    if (!rule) return Status(StatusCode::kDataLoss, "events: unreadable rule record");
    std::string key = RuleKey(rule->account, rule->bus, rule->name);
    rules_.emplace(std::move(key), Compile(std::move(*rule)));
  }
  return rules->status();
}

EventsBackend::Rule EventsBackend::Compile(RuleRecord record) {
  Rule rule;
  if (!record.event_pattern.empty()) {
    auto pattern = event_pattern::Pattern::Parse(record.event_pattern, event_pattern::Dialect::kEventBridge);
    if (pattern.ok()) rule.pattern = std::make_shared<const event_pattern::Pattern>(std::move(*pattern));
    else Log(LogLevel::kWarn, "events: stored rule has an invalid pattern", {{"rule", record.name}});
  }
  if (!record.schedule_expression.empty()) {
    auto schedule = Schedule::Parse(record.schedule_expression);
    if (schedule.ok()) rule.schedule = std::move(*schedule);
  }
  rule.record = std::move(record);
  return rule;
}

std::string EventsBackend::BusKey(const std::string& account, const std::string& name) {
  return Prefix(account) + name;
}

std::string EventsBackend::RuleKey(const std::string& account, const std::string& bus, const std::string& name) {
  return Prefix(account) + bus + std::string(1, '\0') + name;
}

bool EventsBackend::BusExistsLocked(const std::string& account, const std::string& name) const {
  return name == kDefaultBus || buses_.count(BusKey(account, name)) > 0;
}

std::optional<BusRecord> EventsBackend::FindBus(const std::string& account, const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = buses_.find(BusKey(account, name));
  if (it != buses_.end()) return it->second;
  if (name == kDefaultBus) return BusRecord{.account = account, .name = kDefaultBus};
  return std::nullopt;
}

std::vector<BusRecord> EventsBackend::ListBuses(const std::string& account) const {
  std::vector<BusRecord> out;
  bool default_seen = false;
  std::lock_guard lock(mu_);
  std::string prefix = Prefix(account);
  for (auto it = buses_.lower_bound(prefix); it != buses_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    if (!default_seen && it->second.name >= kDefaultBus) {
      if (it->second.name != kDefaultBus) out.push_back(BusRecord{.account = account, .name = kDefaultBus});
      default_seen = true;
    }
    out.push_back(it->second);
  }
  if (!default_seen) out.push_back(BusRecord{.account = account, .name = kDefaultBus});
  return out;
}

void EventsBackend::MutateBus(const std::string& account, const std::string& name, BusMutation mutate,
                              std::function<void(Status)> done) {
  std::unique_lock lock(mu_);
  std::string key = BusKey(account, name);
  auto it = buses_.find(key);
  std::optional<BusRecord> bus;
  if (it != buses_.end()) bus = it->second;
  else if (name == kDefaultBus) bus = BusRecord{.account = account, .name = kDefaultBus};
  Status s = mutate(bus);
  if (!s.ok()) {
    lock.unlock();
    return done(s);
  }
  storage::WriteBatch batch;
  if (bus) {
    batch.Put(buses_ns_, key, EncodeBus(*bus));
    buses_[key] = std::move(*bus);
  } else {
    batch.Delete(buses_ns_, key);
    buses_.erase(key);
    // A deleted bus takes its rules with it.
    std::string prefix = key + std::string(1, '\0');
    for (auto r = rules_.lower_bound(prefix); r != rules_.end() && r->first.rfind(prefix, 0) == 0;) {
      batch.Delete(rules_ns_, r->first);
      r = rules_.erase(r);
    }
  }
  store_->Commit(std::move(batch), std::move(done));
}

std::optional<RuleRecord> EventsBackend::FindRule(const std::string& account, const std::string& bus,
                                                  const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = rules_.find(RuleKey(account, bus, name));
  if (it == rules_.end()) return std::nullopt;
  return it->second.record;
}

std::vector<RuleRecord> EventsBackend::ListRules(const std::string& account, const std::string& bus) const {
  std::vector<RuleRecord> out;
  std::lock_guard lock(mu_);
  std::string prefix = RuleKey(account, bus, "");
  for (auto it = rules_.lower_bound(prefix); it != rules_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out.push_back(it->second.record);
  }
  return out;
}

void EventsBackend::MutateRule(const std::string& account, const std::string& bus, const std::string& name,
                               RuleMutation mutate, std::function<void(Status)> done) {
  std::unique_lock lock(mu_);
  if (!BusExistsLocked(account, bus)) {
    lock.unlock();
    return done(BusNotFound(bus));
  }
  std::string key = RuleKey(account, bus, name);
  auto it = rules_.find(key);
  std::optional<RuleRecord> rule;
  if (it != rules_.end()) rule = it->second.record;
  Status s = mutate(rule);
  if (!s.ok()) {
    lock.unlock();
    return done(s);
  }
  storage::WriteBatch batch;
  if (rule) {
    batch.Put(rules_ns_, key, EncodeRule(*rule));
    rules_[key] = Compile(std::move(*rule));
  } else {
    batch.Delete(rules_ns_, key);
    rules_.erase(key);
  }
  store_->Commit(std::move(batch), std::move(done));
}

std::vector<RuleRecord> EventsBackend::MatchingRules(const std::string& account, const std::string& bus,
                                                     const nlohmann::json& event) const {
  std::vector<RuleRecord> out;
  std::lock_guard lock(mu_);
  std::string prefix = RuleKey(account, bus, "");
  for (auto it = rules_.lower_bound(prefix); it != rules_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    const Rule& rule = it->second;
    if (rule.record.state != "DISABLED" && rule.pattern && rule.pattern->Matches(event)) out.push_back(rule.record);
  }
  return out;
}

std::vector<RuleRecord> EventsBackend::DueRules(int64_t now_ms) const {
  std::vector<RuleRecord> out;
  std::lock_guard lock(mu_);
  for (const auto& [key, rule] : rules_) {
    const RuleRecord& r = rule.record;
    if (rule.schedule && r.state != "DISABLED" && r.next_fire_ms != 0 && r.next_fire_ms <= now_ms) out.push_back(r);
  }
  return out;
}

void EventsBackend::CommitFired(const RuleRecord& fired, int64_t now_ms, std::vector<delivery::Envelope> envelopes,
                                std::function<void(Status)> done) {
  std::unique_lock lock(mu_);
  auto it = rules_.find(RuleKey(fired.account, fired.bus, fired.name));
  if (it == rules_.end() || !it->second.schedule || it->second.record.next_fire_ms != fired.next_fire_ms) {
    lock.unlock();
    return done(Status::Ok());
  }
  RuleRecord& rule = it->second.record;
  rule.next_fire_ms = it->second.schedule->NextFire(fired.next_fire_ms, now_ms).value_or(0);
  storage::WriteBatch batch;
  batch.Put(rules_ns_, it->first, EncodeRule(rule));
  std::vector<uint64_t> ids;
  for (delivery::Envelope& envelope : envelopes) ids.push_back(outbox_->Stage(batch, std::move(envelope)));
  store_->Commit(std::move(batch), [outbox = outbox_.get(), ids = std::move(ids), done = std::move(done)](Status s) {
    if (s.ok()) outbox->Committed(ids);
    done(s);
  });
}

int64_t EventsBackend::FirstFire(const std::string& schedule_expression) const {
  auto schedule = Schedule::Parse(schedule_expression);
  if (!schedule.ok()) return 0;
  int64_t now = Now();
  return schedule->NextFire(now, now).value_or(0);
}

}  // namespace skybox::services::events
