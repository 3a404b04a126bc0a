#include "services/events/scheduler.h"

#include <future>

#include "base/log.h"
#include "base/uuid.h"
#include "services/events/event_envelope.h"
#include "services/events/routing.h"

namespace skybox::services::events {

Scheduler::Scheduler(std::shared_ptr<EventsBackend> backend)
    : backend_(std::move(backend)), worker_(backend_->options().schedule_tick, [this] { Tick(); }) {}

size_t Scheduler::Tick() {
  if (backend_->outbox() == nullptr) return 0;
  int64_t now = backend_->Now();
  std::vector<RuleRecord> due = backend_->DueRules(now);
  std::vector<std::future<Status>> commits;
  for (const RuleRecord& rule : due) {
    Event event;
    event.id = NewUuidV4();
    event.detail_type = "Scheduled Event";
    event.source = "aws.events";
    event.account = rule.account;
    event.time_ms = rule.next_fire_ms;
    event.region = backend_->options().region;
    event.resources = {RuleArn(event.region, rule)};
    event.detail = "{}";
    std::vector<delivery::Envelope> envelopes =
        RuleDeliveries(rule, event.region, EventJson(event), event.id, now);
    auto promise = std::make_shared<std::promise<Status>>();
    commits.push_back(promise->get_future());
    backend_->CommitFired(rule, now, std::move(envelopes), [promise](Status s) { promise->set_value(s); });
  }
  for (auto& commit : commits) {
    Status s = commit.get();
    if (!s.ok()) Log(LogLevel::kWarn, "events: storing a scheduled fire failed", {{"error", s.message()}});
  }
  return due.size();
}

}  // namespace skybox::services::events
