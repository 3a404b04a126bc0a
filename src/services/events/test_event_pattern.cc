#include "services/event_pattern/event_pattern.h"
#include "services/events/events_errors.h"
#include "services/events/operations.h"

namespace skybox::services::events {

void TestEventPattern(EventsBackend&, aws::Call call, aws::CallDone done) {
  auto pattern = event_pattern::Pattern::Parse(call.input.value("EventPattern", std::string()),
                                               event_pattern::Dialect::kEventBridge);
  if (!pattern.ok()) return done(InvalidEventPattern(pattern.status().message()));
  nlohmann::json event = nlohmann::json::parse(call.input.value("Event", std::string()), nullptr, false);
  if (!event.is_object()) return done(ValidationError("Parameter Event is not valid."));
  // AWS requires the envelope's identifying fields in a test event.
  for (const char* field : {"id", "account", "source", "time", "region", "resources", "detail-type"}) {
    if (!event.contains(field)) {
      return done(ValidationError(std::string("Parameter Event is not valid. Reason: Provided Event is missing the ") +
                                  field + " field."));
    }
  }
  done(aws::Document{{"Result", pattern->Matches(event)}});
}

}  // namespace skybox::services::events
