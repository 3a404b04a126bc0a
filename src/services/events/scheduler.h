// Scheduler: fires scheduled rules. Every tick it finds the ENABLED rules whose stored next
// fire time has passed and, for each, commits AWS's "Scheduled Event" to the rule's targets
// together with the rule's next fire time (EventsBackend::CommitFired) — so a restart neither
// loses nor repeats a fire: a fire missed while stopped happens once at the next start.
//
// The scheduled event: {"source":"aws.events","detail-type":"Scheduled Event","detail":{},
// "resources":[<rule ARN>], "time": the scheduled minute, ...}.
//
// Thread-safety: Start/Stop from any thread (not from a tick); Tick runs on the worker thread
// (or a test's).
#pragma once

#include <memory>

#include "base/periodic_worker.h"
#include "services/events/events_backend.h"

namespace skybox::services::events {

class Scheduler {
 public:
  explicit Scheduler(std::shared_ptr<EventsBackend> backend);
  ~Scheduler() { Stop(); }

  void Start() { worker_.Start(); }
  void Stop() { worker_.Stop(); }

  // One pass: fires every rule due at the backend's Now() and waits until their commits are
  // durable. Returns how many rules fired.
  size_t Tick();

 private:
  std::shared_ptr<EventsBackend> backend_;
  PeriodicWorker worker_;
};

}  // namespace skybox::services::events
