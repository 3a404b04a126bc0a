// Outbox: the transactional outbox and its restart-safe dispatcher — how Skybox delivers
// every event at least once, durably.
//
// A producer adds its envelopes to the same WriteBatch as the change that causes them (an S3
// object commit, a topic publish), so the change and its events become durable together, and
// tells the outbox once that batch is durable. The dispatcher then hands each envelope to the
// sink of its target (sink.h). A delivered envelope is removed (and its follow-ups staged) in
// one batch; a failed one is rewritten with its next attempt time per its RetryPolicy; when
// the policy gives up, or the sink rejects it, the envelope moves to its dead-letter target
// (or is dropped and logged when it has none). Envelopes left by a crash are delivered after
// the next Start. Envelopes of one (target, group id) are delivered one at a time in staging
// order (also across restarts); all others concurrently, up to `max_in_flight` per sink, so a
// slow sink holds up only its own envelopes.
//
// Thread-safety: every method may be called from any thread. Sinks are called from the
// dispatcher thread; their `done` may run on any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "services/delivery/envelope.h"
#include "services/delivery/sink.h"
#include "storage/store.h"

namespace skybox::services::delivery {

struct OutboxOptions {
  // Wall-clock milliseconds since the epoch (attempt times are stored); a seam for tests.
  std::function<int64_t()> clock_ms;
  size_t max_in_flight = 256;  // per sink
};

struct OutboxStats {
  uint64_t pending = 0;        // staged and committed, not yet finished
  uint64_t delivered = 0;      // since Open
  uint64_t retried = 0;        // failed attempts that were rescheduled
  uint64_t dead_lettered = 0;  // moved to their dead-letter target
  uint64_t dropped = 0;        // given up with no dead-letter target
};

class Outbox : public std::enable_shared_from_this<Outbox> {
 public:
  // Opens the "outbox" namespace of `store`; `sinks` must outlive the outbox and be complete
  // before Start.
  static Result<std::shared_ptr<Outbox>> Open(storage::Store* store, const SinkRegistry* sinks,
                                              OutboxOptions options = {});
  // Stop()s.
  ~Outbox();

  // Adds `envelope` to `batch`. Returns its id, to pass to Committed once the batch is durable
  // (after a failed commit, forget the id: the envelope was never stored).
  uint64_t Stage(storage::WriteBatch& batch, Envelope envelope);
  // The batch holding `ids` is durable: their envelopes may be delivered.
  void Committed(const std::vector<uint64_t>& ids);
  // Stages `envelopes` in a batch of their own, commits it and calls `done` once it is durable
  // (the envelopes are then the dispatcher's). For producers with no change of their own.
  void Submit(std::vector<Envelope> envelopes, std::function<void(Status)> done);

  // Starts the dispatcher thread: envelopes an earlier run left first, then new ones.
  void Start();
  // Stops dispatching and joins the thread: deliveries in flight finish first (their result is
  // committed; a sink silent for 10 s is given up on), undelivered envelopes stay stored for the
  // next Start. Idempotent. Call it before the store closes and before dropping the owning
  // reference (callbacks of late deliveries keep the outbox alive, never the dispatcher thread).
  void Stop();

  OutboxStats Stats() const;

 private:
  class Dispatcher;
  Outbox(storage::Store* store, const SinkRegistry* sinks, OutboxOptions options);

  storage::Store* store_;
  storage::Namespace ns_;
  std::atomic<uint64_t> next_id_{1};
  std::unique_ptr<Dispatcher> dispatcher_;
};

}  // namespace skybox::services::delivery
