#include "base/uuid.h"
#include "services/events/event_envelope.h"
#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {

void PutEvents(EventsBackend& events, aws::Call call, aws::CallDone done) {
  const aws::Document entries = call.input.value("Entries", aws::Document::array());
  size_t total = 0;
  for (const aws::Document& entry : entries) total += EntrySize(entry);
  if (total > kMaxPutEventsBytes) return done(ValidationError("Total size of the entries in the request is over the limit."));
  if (events.outbox() == nullptr) return done(InternalException("Event delivery is not available."));

  std::string account = AccountOf(call);
  const std::string& region = events.options().region;
  int64_t now = events.Now();
  aws::Document results = aws::Document::array();
  int failed = 0;
  std::vector<delivery::Envelope> envelopes;
  for (const aws::Document& entry : entries) {
    auto fail = [&](std::string code, std::string message) {
      results.push_back({{"ErrorCode", std::move(code)}, {"ErrorMessage", std::move(message)}});
      ++failed;
    };
    if (std::optional<EntryError> error = CheckEntry(entry)) {
      fail(error->code, error->message);
      continue;
    }
    // As in AWS, an event for a bus that does not exist is accepted and then dropped (the bus
    // sink rejects it; the outbox logs it).
    std::string bus = BusNameOf(entry.value("EventBusName", std::string()));
    Event event;
    event.id = NewUuidV4();
    event.detail_type = entry.value("DetailType", std::string());
    event.source = entry.value("Source", std::string());
    event.account = account;
    event.time_ms = entry.contains("Time") ? static_cast<int64_t>(entry.value("Time", 0.0) * 1000) : now;
    event.region = region;
    event.resources = entry.value("Resources", std::vector<std::string>());
    event.detail = entry.value("Detail", std::string());
    delivery::Envelope envelope;
    envelope.target = BusArn(region, account, bus);
    envelope.source_arn = envelope.target;
    envelope.body = EventJson(event);
    envelopes.push_back(std::move(envelope));
    results.push_back({{"EventId", event.id}});
  }
  aws::Document out = {{"FailedEntryCount", failed}, {"Entries", std::move(results)}};
  if (envelopes.empty()) return done(std::move(out));
  events.outbox()->Submit(std::move(envelopes), Acknowledge(std::move(done), std::move(out)));
}

}  // namespace skybox::services::events
