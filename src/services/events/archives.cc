#include "services/events/archives.h"

#include <cstdio>

#include "base/log.h"

namespace skybox::services::events {

NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ArchiveRecord, account, name, bus, description, event_pattern,
                                                retention_days, created_ms, event_count, size_bytes)
NLOHMANN_DEFINE_TYPE_NON_INTRUSIVE_WITH_DEFAULT(ReplayRecord, account, name, description, archive, destination,
                                                event_start_ms, event_end_ms, state, replay_start_ms, replay_end_ms,
                                                last_replayed_ms)

namespace {

constexpr char kSep = '\0';

std::string Key(const std::string& account, const std::string& name) { return account + kSep + name; }
// Records share a namespace: archives under "A", replays under "R".
std::string ArchiveKey(const std::string& key) { return "A" + std::string(1, kSep) + key; }
std::string ReplayKey(const std::string& key) { return "R" + std::string(1, kSep) + key; }
std::string EventsPrefix(const std::string& account, const std::string& archive) {
  return Key(account, archive) + kSep;
}
std::string TimeKey(int64_t ms) {
  char text[24];
  std::snprintf(text, sizeof text, "%016lld", static_cast<long long>(ms < 0 ? 0 : ms));
  return text;
}
std::string Arn(std::string_view region, std::string_view account, std::string_view kind, std::string_view name) {
  return "arn:aws:events:" + std::string(region) + ":" + std::string(account) + ":" + std::string(kind) + "/" +
         std::string(name);
}

}  // namespace

std::string ArchiveArn(std::string_view region, std::string_view account, std::string_view name) {
  return Arn(region, account, "archive", name);
}
std::string ReplayArn(std::string_view region, std::string_view account, std::string_view name) {
  return Arn(region, account, "replay", name);
}

std::optional<std::pair<std::string, std::string>> ParseArchiveArn(std::string_view arn) {
  constexpr std::string_view kPrefix = "arn:aws:events:";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  size_t region_end = arn.find(':', kPrefix.size());
  size_t account_end = region_end == std::string_view::npos ? region_end : arn.find(':', region_end + 1);
  if (account_end == std::string_view::npos) return std::nullopt;
  std::string_view resource = arn.substr(account_end + 1);
  constexpr std::string_view kArchive = "archive/";
  if (resource.substr(0, kArchive.size()) != kArchive || resource.size() == kArchive.size()) return std::nullopt;
  return std::make_pair(std::string(arn.substr(region_end + 1, account_end - region_end - 1)),
                        std::string(resource.substr(kArchive.size())));
}

Result<std::unique_ptr<Archives>> Archives::Open(storage::Store* store) {
  std::unique_ptr<Archives> archives(new Archives(store));
  SKYBOX_ASSIGN_OR_RETURN(archives->records_ns_, store->OpenNamespace("events.archives"));
  SKYBOX_ASSIGN_OR_RETURN(archives->events_ns_, store->OpenNamespace("events.archived"));
  SKYBOX_RETURN_IF_ERROR(archives->Load());
  return archives;
}

Status Archives::Load() {
  std::lock_guard lock(mu_);
  auto it = store_->NewIterator(records_ns_);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    nlohmann::json j = nlohmann::json::parse(it->value(), nullptr, false);
    if (j.is_discarded()) return Status(StatusCode::kDataLoss, "events: unreadable archive record");
    try {
      if (it->key()[0] == 'A') {
        auto record = j.get<ArchiveRecord>();
        archives_[Key(record.account, record.name)] = Compile(std::move(record));
      } else {
        auto record = j.get<ReplayRecord>();
        replays_[Key(record.account, record.name)] = std::move(record);
      }
    } catch (const nlohmann::json::exception&) {
      return Status(StatusCode::kDataLoss, "events: unreadable archive record");
    }
  }
  return it->status();
}

Archives::Archive Archives::Compile(ArchiveRecord record) {
  Archive archive;
  if (!record.event_pattern.empty()) {
    auto pattern = event_pattern::Pattern::Parse(record.event_pattern, event_pattern::Dialect::kEventBridge);
    if (pattern.ok()) archive.pattern = std::make_shared<const event_pattern::Pattern>(std::move(*pattern));
  }
  archive.record = std::move(record);
  return archive;
}

std::optional<ArchiveRecord> Archives::Find(const std::string& account, const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = archives_.find(Key(account, name));
  if (it == archives_.end()) return std::nullopt;
  return it->second.record;
}

std::vector<ArchiveRecord> Archives::List(const std::string& account) const {
  std::vector<ArchiveRecord> out;
  std::lock_guard lock(mu_);
  std::string prefix = Key(account, "");
  for (auto it = archives_.lower_bound(prefix); it != archives_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out.push_back(it->second.record);
  }
  return out;
}

void Archives::Mutate(const std::string& account, const std::string& name,
                      std::function<Status(std::optional<ArchiveRecord>&)> mutate, std::function<void(Status)> done) {
  std::unique_lock lock(mu_);
  std::string key = Key(account, name);
  auto it = archives_.find(key);
  std::optional<ArchiveRecord> record;
  if (it != archives_.end()) record = it->second.record;
  Status s = mutate(record);
  if (!s.ok()) {
    lock.unlock();
    return done(s);
  }
  storage::WriteBatch batch;
  if (record) {
    batch.Put(records_ns_, ArchiveKey(key), nlohmann::json(*record).dump());
    archives_[key] = Compile(std::move(*record));
  } else {
    batch.Delete(records_ns_, ArchiveKey(key));
    std::string prefix = EventsPrefix(account, name);
    batch.DeleteRange(events_ns_, prefix, storage::PrefixEnd(prefix));
    archives_.erase(key);
  }
  store_->Commit(std::move(batch), std::move(done));
}

std::vector<std::string> Archives::Matching(const std::string& account, const std::string& bus,
                                            const nlohmann::json& event) const {
  std::vector<std::string> out;
  std::lock_guard lock(mu_);
  std::string prefix = Key(account, "");
  for (auto it = archives_.lower_bound(prefix); it != archives_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    const Archive& a = it->second;
    if (a.record.bus != bus) continue;
    if (a.record.event_pattern.empty() || (a.pattern && a.pattern->Matches(event))) out.push_back(a.record.name);
  }
  return out;
}

void Archives::Append(const std::string& account, const std::string& archive, int64_t time_ms,
                      const std::string& event_id, const std::string& event_text, std::function<void(Status)> done) {
  std::unique_lock lock(mu_);
  std::string key = Key(account, archive);
  auto it = archives_.find(key);
  if (it == archives_.end()) {
    lock.unlock();
    return done(Status::Ok());
  }
  ArchiveRecord& record = it->second.record;
  record.event_count += 1;
  record.size_bytes += static_cast<int64_t>(event_text.size());
  storage::WriteBatch batch;
  batch.Put(records_ns_, ArchiveKey(key), nlohmann::json(record).dump());
  batch.Put(events_ns_, EventsPrefix(account, archive) + TimeKey(time_ms) + kSep + event_id, event_text);
  store_->Commit(std::move(batch), std::move(done));
}

std::vector<std::string> Archives::Read(const std::string& account, const std::string& archive, int64_t from_ms,
                                        int64_t to_ms) const {
  std::string prefix = EventsPrefix(account, archive);
  storage::IteratorOptions options;
  options.lower_bound = prefix + TimeKey(from_ms);
  options.upper_bound = prefix + TimeKey(to_ms);
  std::vector<std::string> out;
  auto it = store_->NewIterator(events_ns_, options);
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace_back(it->value());
  if (!it->status().ok()) Log(LogLevel::kWarn, "events: reading an archive failed", {{"error", it->status().message()}});
  return out;
}

std::optional<ReplayRecord> Archives::FindReplay(const std::string& account, const std::string& name) const {
  std::lock_guard lock(mu_);
  auto it = replays_.find(Key(account, name));
  if (it == replays_.end()) return std::nullopt;
  return it->second;
}

std::vector<ReplayRecord> Archives::ListReplays(const std::string& account) const {
  std::vector<ReplayRecord> out;
  std::lock_guard lock(mu_);
  std::string prefix = Key(account, "");
  for (auto it = replays_.lower_bound(prefix); it != replays_.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    out.push_back(it->second);
  }
  return out;
}

void Archives::PutReplay(const ReplayRecord& replay, storage::WriteBatch extra, std::function<void(Status)> done) {
  std::lock_guard lock(mu_);
  std::string key = Key(replay.account, replay.name);
  extra.Put(records_ns_, ReplayKey(key), nlohmann::json(replay).dump());
  replays_[key] = replay;
  store_->Commit(std::move(extra), std::move(done));
}

}  // namespace skybox::services::events
