// EventBusSink: the receiving side of an event bus. The outbox hands it every envelope
// addressed to "arn:aws:events:...:event-bus/<name>" (PutEvents, S3 notifications, rules whose
// target is a bus); it answers with one follow-up envelope per target of each ENABLED rule
// whose pattern matches, which the outbox stages atomically with the delivered envelope's
// removal — so the producer never waits for the fan-out and a crash never half-routes.
//
// Thread-safety: Deliver may be called from any thread.
#pragma once

#include <memory>

#include "services/delivery/sink.h"
#include "services/events/events_backend.h"

namespace skybox::services::events {

class EventBusSink : public delivery::Sink {
 public:
  explicit EventBusSink(std::shared_ptr<EventsBackend> backend) : backend_(std::move(backend)) {}
  // Rejects envelopes for a bus that does not exist or whose body is not a JSON object.
  void Deliver(delivery::Envelope envelope, std::function<void(delivery::DeliveryResult)> done) override;

 private:
  std::shared_ptr<EventsBackend> backend_;
};

}  // namespace skybox::services::events
