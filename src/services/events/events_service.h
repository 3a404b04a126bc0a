// Amazon EventBridge (docs/compat/events.md): event buses, rules, targets, PutEvents,
// TestEventPattern and scheduled rules, over the Store and the delivery outbox.
//
// Thread-safety: the returned Service is immutable; its handlers share one EventsBackend,
// which is thread-safe. The service must be destroyed before the Store.
#pragma once

#include <memory>

#include "aws/service.h"
#include "base/result.h"
#include "services/delivery/outbox.h"
#include "services/delivery/sink.h"
#include "services/events/events_backend.h"
#include "storage/store.h"

namespace skybox::services {

// Opens EventBridge's namespaces in `store`, loads its buses and rules, registers the event
// bus sink for "arn:aws:events:" in `sinks` (so call it before the outbox starts) and starts
// the scheduler of scheduled rules, which the service's shutdown hook stops. PutEvents and
// scheduled rules submit their events to `outbox`.
Result<std::unique_ptr<aws::Service>> MakeEventsService(storage::Store* store, delivery::SinkRegistry* sinks,
                                                        std::shared_ptr<delivery::Outbox> outbox,
                                                        events::EventsOptions options = {});

}  // namespace skybox::services
