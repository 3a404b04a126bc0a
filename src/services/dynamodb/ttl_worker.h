// TtlWorker: deletes expired items of tables whose Time to Live is enabled.
//
// An item expires when its TTL attribute is a Number of epoch seconds not after now; items whose
// TTL attribute is missing, not a Number, or more than five years in the past are kept, as in
// DynamoDB. Every pass scans each TTL-enabled table and deletes expired items through the normal
// write path with the condition "the TTL attribute is still <= now", so an item updated meanwhile
// is not lost and indexes stay in step. The worker keeps no state of its own: after a restart the
// next pass simply finds what is still expired (restart-safe). DynamoDB deletes within days;
// Skybox within one pass interval, which grows with the time a pass takes (PeriodicWorker).
//
// Thread-safety: Start/Stop from one owner thread; the worker runs on its own thread.
#pragma once

#include <chrono>
#include <memory>

#include "base/periodic_worker.h"
#include "services/dynamodb/backend.h"

namespace skybox::dynamodb {

class TtlWorker {
 public:
  TtlWorker(std::shared_ptr<Backend> db, std::chrono::milliseconds interval);

  void Start() { thread_.Start(); }
  // Finishes the current deletion (if any) and joins the thread. Idempotent.
  void Stop() { thread_.Stop(); }

  // One pass over every table, now (used by the thread and by tests); returns items deleted.
  size_t RunPass();

 private:
  size_t ExpireTable(const TableInfo& table, double now);

  std::shared_ptr<Backend> db_;
  PeriodicWorker thread_;  // last: stopped (joined) before the members above go
};

}  // namespace skybox::dynamodb
