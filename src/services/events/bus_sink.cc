#include "services/events/bus_sink.h"

#include <algorithm>

#include "services/events/routing.h"

namespace skybox::services::events {
namespace {

constexpr char kArchivedAt[] = "archived_at_ms";

}  // namespace

void EventBusSink::Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) {
  nlohmann::json event = nlohmann::json::parse(envelope.body, nullptr, false);
  if (!event.is_object()) return done(delivery::DeliveryResult::Reject("the event is not a JSON object"));
  // The body may come from a constant Input of another bus's target: any JSON object.
  auto id = event.find("id");
  std::string event_id = id != event.end() && id->is_string() ? id->get<std::string>() : std::string();
  int64_t now = backend_->Now();

  if (auto archive = ParseArchiveArn(envelope.target)) {
    int64_t at = envelope.context.value(kArchivedAt, now);
    backend_->archives().Append(archive->first, archive->second, at, event_id, envelope.body,
                                [done = std::move(done)](Status s) {
                                  done(s.ok() ? delivery::DeliveryResult::Delivered()
                                              : delivery::DeliveryResult::Retry(s.message()));
                                });
    return;
  }

  std::optional<BusRef> bus = ParseBusArn(envelope.target);
  if (!bus || !backend_->FindBus(bus->account, bus->name)) {
    return done(delivery::DeliveryResult::Reject("event bus " + envelope.target + " does not exist"));
  }
  // A replay may be limited to some of the bus's rules.
  const nlohmann::json only = envelope.context.value("replay_filter_arns", nlohmann::json::array());
  const std::string& region = backend_->options().region;
  std::vector<delivery::Envelope> follow_ups;
  for (const RuleRecord& rule : backend_->MatchingRules(bus->account, bus->name, event)) {
    if (!only.empty() && std::find(only.begin(), only.end(), RuleArn(region, rule)) == only.end()) continue;
    for (delivery::Envelope& out : RuleDeliveries(rule, region, envelope.body, event_id, now)) {
      follow_ups.push_back(std::move(out));
    }
  }
  // Replayed events are not archived again.
  if (!event.contains("replay-name")) {
    for (const std::string& archive : backend_->archives().Matching(bus->account, bus->name, event)) {
      delivery::Envelope copy;
      copy.target = ArchiveArn(region, bus->account, archive);
      copy.body = envelope.body;
      copy.source_arn = envelope.target;
      copy.context = {{kArchivedAt, now}};
      follow_ups.push_back(std::move(copy));
    }
  }
  done(delivery::DeliveryResult::Delivered(std::move(follow_ups)));
}

}  // namespace skybox::services::events
