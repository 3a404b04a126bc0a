#include "services/event_pattern/event_pattern.h"
#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {
namespace {

Status ArchiveNotFound(const std::string& name) { return ResourceNotFound("Archive " + name + " does not exist."); }
Status ReplayNotFound(const std::string& name) { return ResourceNotFound("Replay " + name + " does not exist."); }

Status CheckPattern(const aws::Document& input) {
  if (!input.contains("EventPattern")) return Status::Ok();
  auto parsed = event_pattern::Pattern::Parse(input.value("EventPattern", std::string()),
                                              event_pattern::Dialect::kEventBridge);
  return parsed.ok() ? Status::Ok() : InvalidEventPattern(parsed.status().message());
}

aws::Document ArchiveDocument(const EventsBackend& events, const ArchiveRecord& a, bool full) {
  const std::string& region = events.options().region;
  aws::Document out = {{"ArchiveName", a.name},
                       {"EventSourceArn", BusArn(region, a.account, a.bus)},
                       {"State", "ENABLED"},
                       {"RetentionDays", a.retention_days},
                       {"SizeBytes", a.size_bytes},
                       {"EventCount", a.event_count},
                       {"CreationTime", a.created_ms / 1000.0}};
  if (full) {
    out["ArchiveArn"] = ArchiveArn(region, a.account, a.name);
    if (!a.description.empty()) out["Description"] = a.description;
    if (!a.event_pattern.empty()) out["EventPattern"] = a.event_pattern;
  }
  return out;
}

aws::Document ReplayDocument(const EventsBackend& events, const ReplayRecord& r, bool full) {
  const std::string& region = events.options().region;
  aws::Document out = {{"ReplayName", r.name},
                       {"EventSourceArn", ArchiveArn(region, r.account, r.archive)},
                       {"State", r.state},
                       {"EventStartTime", r.event_start_ms / 1000.0},
                       {"EventEndTime", r.event_end_ms / 1000.0},
                       {"ReplayStartTime", r.replay_start_ms / 1000.0}};
  if (r.replay_end_ms != 0) out["ReplayEndTime"] = r.replay_end_ms / 1000.0;
  if (r.last_replayed_ms != 0) out["EventLastReplayedTime"] = r.last_replayed_ms / 1000.0;
  if (full) {
    out["ReplayArn"] = ReplayArn(region, r.account, r.name);
    out["Destination"] = r.destination;
    if (!r.description.empty()) out["Description"] = r.description;
  }
  return out;
}

// The archived event text with AWS's "replay-name" member added.
std::string Replayed(const std::string& event_text, const std::string& replay) {
  nlohmann::ordered_json event = nlohmann::ordered_json::parse(event_text, nullptr, false);
  if (!event.is_object()) return event_text;
  event["replay-name"] = replay;
  return event.dump();
}

}  // namespace

void CreateArchive(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string name = in.value("ArchiveName", std::string());
  std::string source = in.value("EventSourceArn", std::string());
  std::optional<BusRef> bus = ParseBusArn(source);
  if (!bus || !events.FindBus(AccountOf(call), bus->name)) return done(BusNotFound(bus ? bus->name : source));
  Status pattern = CheckPattern(in);
  if (!pattern.ok()) return done(pattern);
  auto created = std::make_shared<ArchiveRecord>();
  int64_t now = events.Now();
  events.archives().Mutate(
      AccountOf(call), name,
      [&](std::optional<ArchiveRecord>& archive) {
        if (archive) return ResourceAlreadyExists("Archive " + name + " already exists.");
        archive = ArchiveRecord{.account = AccountOf(call),
                                .name = name,
                                .bus = bus->name,
                                .description = in.value("Description", std::string()),
                                .event_pattern = in.value("EventPattern", std::string()),
                                .retention_days = in.value("RetentionDays", int64_t{0}),
                                .created_ms = now};
        *created = *archive;
        return Status::Ok();
      },
      [&events, created, done](Status s) {
        if (!s.ok()) return done(s);
        done(aws::Document{{"ArchiveArn", ArchiveArn(events.options().region, created->account, created->name)},
                           {"State", "ENABLED"},
                           {"CreationTime", created->created_ms / 1000.0}});
      });
}

void DescribeArchive(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("ArchiveName", std::string());
  auto archive = events.archives().Find(AccountOf(call), name);
  if (!archive) return done(ArchiveNotFound(name));
  done(ArchiveDocument(events, *archive, true));
}

void ListArchives(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string prefix = call.input.value("NamePrefix", std::string());
  std::string source = call.input.value("EventSourceArn", std::string());
  std::string state = call.input.value("State", std::string("ENABLED"));
  std::vector<ArchiveRecord> archives;
  std::vector<std::string> names;
  for (ArchiveRecord& a : events.archives().List(AccountOf(call))) {
    if (a.name.rfind(prefix, 0) != 0 || state != "ENABLED") continue;
    if (!source.empty() && BusArn(events.options().region, a.account, a.bus) != source) continue;
    names.push_back(a.name);
    archives.push_back(std::move(a));
  }
  auto page = PageOf(call, names);
  if (!page.ok()) return done(page.status());
  aws::Document list = aws::Document::array();
  for (size_t i = page->first; i < page->end; ++i) list.push_back(ArchiveDocument(events, archives[i], false));
  aws::Document out = {{"Archives", std::move(list)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

void UpdateArchive(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string name = in.value("ArchiveName", std::string());
  Status pattern = CheckPattern(in);
  if (!pattern.ok()) return done(pattern);
  auto updated = std::make_shared<ArchiveRecord>();
  events.archives().Mutate(
      AccountOf(call), name,
      [&](std::optional<ArchiveRecord>& archive) {
        if (!archive) return ArchiveNotFound(name);
        if (in.contains("Description")) archive->description = in.value("Description", std::string());
        if (in.contains("EventPattern")) archive->event_pattern = in.value("EventPattern", std::string());
        if (in.contains("RetentionDays")) archive->retention_days = in.value("RetentionDays", int64_t{0});
        *updated = *archive;
        return Status::Ok();
      },
      [&events, updated, done](Status s) {
        if (!s.ok()) return done(s);
        done(aws::Document{{"ArchiveArn", ArchiveArn(events.options().region, updated->account, updated->name)},
                           {"State", "ENABLED"},
                           {"CreationTime", updated->created_ms / 1000.0}});
      });
}

void DeleteArchive(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("ArchiveName", std::string());
  events.archives().Mutate(
      AccountOf(call), name,
      [&](std::optional<ArchiveRecord>& archive) {
        if (!archive) return ArchiveNotFound(name);
        archive.reset();
        return Status::Ok();
      },
      Acknowledge(std::move(done)));
}

void StartReplay(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string account = AccountOf(call);
  std::string name = in.value("ReplayName", std::string());
  std::string source = in.value("EventSourceArn", std::string());
  auto archive_ref = ParseArchiveArn(source);
  std::optional<ArchiveRecord> archive;
  if (archive_ref) archive = events.archives().Find(account, archive_ref->second);
  if (!archive) return done(ArchiveNotFound(archive_ref ? archive_ref->second : source));
  if (events.archives().FindReplay(account, name)) return done(ResourceAlreadyExists("Replay " + name + " already exists."));
  ReplayRecord replay{.account = account,
                      .name = name,
                      .description = in.value("Description", std::string()),
                      .archive = archive->name,
                      .destination = in.value("Destination", aws::Document::object()),
                      .event_start_ms = static_cast<int64_t>(in.value("EventStartTime", 0.0) * 1000),
                      .event_end_ms = static_cast<int64_t>(in.value("EventEndTime", 0.0) * 1000),
                      .state = "COMPLETED",
                      .replay_start_ms = events.Now()};
  if (replay.event_start_ms >= replay.event_end_ms) {
    return done(ValidationError("Parameter EventStartTime is not valid. Reason: EventStartTime must be before EventEndTime."));
  }
  std::string bus_arn = BusArn(events.options().region, account, archive->bus);
  if (replay.destination.value("Arn", std::string()) != bus_arn) {
    return done(ValidationError("Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted."));
  }
  if (events.outbox() == nullptr) return done(InternalException("Event delivery is not available."));
  storage::WriteBatch batch;
  std::vector<uint64_t> ids;
  for (const std::string& event : events.archives().Read(account, archive->name, replay.event_start_ms,
                                                         replay.event_end_ms)) {
    delivery::Envelope envelope;
    envelope.target = bus_arn;
    envelope.source_arn = ArchiveArn(events.options().region, account, archive->name);
    envelope.body = Replayed(event, name);
    envelope.context = {{"replay_filter_arns", replay.destination.value("FilterArns", aws::Document::array())}};
    ids.push_back(events.outbox()->Stage(batch, std::move(envelope)));
  }
  replay.replay_end_ms = events.Now();
  if (!ids.empty()) replay.last_replayed_ms = replay.replay_end_ms;
  aws::Document out = {{"ReplayArn", ReplayArn(events.options().region, account, name)},
                       {"State", "STARTING"},
                       {"ReplayStartTime", replay.replay_start_ms / 1000.0}};
  delivery::Outbox* outbox = events.outbox();
  events.archives().PutReplay(replay, std::move(batch),
                              [outbox, ids = std::move(ids), out = std::move(out), done](Status s) {
                                if (!s.ok()) return done(s);
                                outbox->Committed(ids);
                                done(out);
                              });
}

void DescribeReplay(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("ReplayName", std::string());
  auto replay = events.archives().FindReplay(AccountOf(call), name);
  if (!replay) return done(ReplayNotFound(name));
  done(ReplayDocument(events, *replay, true));
}

void ListReplays(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string prefix = call.input.value("NamePrefix", std::string());
  std::string state = call.input.value("State", std::string());
  std::string source = call.input.value("EventSourceArn", std::string());
  std::vector<ReplayRecord> replays;
  std::vector<std::string> names;
  for (ReplayRecord& r : events.archives().ListReplays(AccountOf(call))) {
    if (r.name.rfind(prefix, 0) != 0 || (!state.empty() && r.state != state)) continue;
    if (!source.empty() && ArchiveArn(events.options().region, r.account, r.archive) != source) continue;
    names.push_back(r.name);
    replays.push_back(std::move(r));
  }
  auto page = PageOf(call, names);
  if (!page.ok()) return done(page.status());
  aws::Document list = aws::Document::array();
  for (size_t i = page->first; i < page->end; ++i) list.push_back(ReplayDocument(events, replays[i], false));
  aws::Document out = {{"Replays", std::move(list)}};
  if (!page->next_token.empty()) out["NextToken"] = page->next_token;
  done(std::move(out));
}

void CancelReplay(EventsBackend& events, aws::Call call, aws::CallDone done) {
  std::string name = call.input.value("ReplayName", std::string());
  auto replay = events.archives().FindReplay(AccountOf(call), name);
  if (!replay) return done(ReplayNotFound(name));
  // Replays are handed to the outbox whole when they start, so they are complete at once.
  done(Status::Aws(StatusCode::kFailedPrecondition, 400, "IllegalStatusException",
                   "Replay " + name + " is not in a state that can be cancelled."));
}

}  // namespace skybox::services::events
