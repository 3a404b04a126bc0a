#include "storage/committer.h"

#include <pthread.h>

#include "base/log.h"
#include "base/metrics.h"

namespace skybox::storage {
namespace {

struct CommitMetrics {
  Histogram& group_size;
  Histogram& fsync_seconds;
  Counter& commits;
};

CommitMetrics& Metrics() {
  static CommitMetrics metrics{
      MetricsRegistry::Global().GetHistogram(
          "skybox_storage_commit_batch_size", "Write batches committed together in one group", {},
          {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024}),
      MetricsRegistry::Global().GetHistogram(
          "skybox_storage_fsync_seconds", "Time to make one commit group durable", {},
          LatencyBuckets()),
      MetricsRegistry::Global().GetCounter("skybox_storage_commits_total",
                                           "Write batches committed (successfully or not)"),
  };
  return metrics;
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Committer::Committer(Engine* engine, Durability durability,
                     std::chrono::milliseconds sync_interval)
    : engine_(engine), durability_(durability), sync_interval_(sync_interval) {
  Metrics();  // register the metrics before the first scrape, not the first commit
  thread_ = std::thread([this] { Run(); });
  pthread_setname_np(thread_.native_handle(), "committer");  // as ps, top and perf show it
}

Committer::~Committer() { Stop(); }

void Committer::Submit(WriteBatch batch, bool force_sync, std::function<void(Status)> done) {
  {
    std::lock_guard lock(mu_);
    if (!stopping_) {
      queue_.push_back(Pending{std::move(batch), force_sync, std::move(done)});
      wake_.notify_one();
      return;
    }
  }
  done(Status(StatusCode::kFailedPrecondition, "the store is closed"));
}

void Committer::Stop() {
  std::call_once(stop_once_, [this] {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  });
}

CommitStats Committer::Stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Committer::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    SyncIfDue(lock, /*force=*/false);
    if (queue_.empty()) {
      if (stopping_) break;
      if (unsynced_) {
        wake_.wait_until(lock, oldest_unsynced_ + sync_interval_);
      } else {
        wake_.wait(lock);
      }
      continue;
    }
    std::vector<Pending> group;
    group.swap(queue_);
    lock.unlock();
    ApplyGroup(group);
    lock.lock();
  }
  SyncIfDue(lock, /*force=*/true);
}

void Committer::ApplyGroup(std::vector<Pending>& group) {
  std::vector<Status> rejected(group.size());
  std::vector<const WriteBatch*> batches;
  bool sync = durability_ == Durability::kSync;
  for (size_t i = 0; i < group.size(); ++i) {
    for (const auto& op : group[i].batch.ops()) {
      if (!engine_->IsKnown(op.ns)) {
        rejected[i] = InvalidArgument("write batch names a namespace this store did not issue");
        break;
      }
    }
    if (!rejected[i].ok()) continue;
    batches.push_back(&group[i].batch);
    sync = sync || group[i].force_sync;
  }
  const auto start = Clock::now();
  Status written;
  if (!batches.empty()) written = engine_->Write(batches, sync);
  const bool synced = sync && !batches.empty();
  if (synced) Metrics().fsync_seconds.Observe(SecondsSince(start));
  Metrics().group_size.Observe(static_cast<double>(group.size()));
  Metrics().commits.Inc(group.size());
  {
    std::lock_guard lock(mu_);
    stats_.commits += group.size();
    stats_.groups += batches.empty() ? 0 : 1;
    stats_.syncs += synced ? 1 : 0;
    if (written.ok()) {
      for (const WriteBatch* b : batches) stats_.freed_bytes += b->FreedBytes();
    }
    if (synced && written.ok()) {
      unsynced_ = false;  // a WAL sync covers every earlier write too
    } else if (!synced && written.ok() && !batches.empty() && !unsynced_) {
      unsynced_ = true;
      oldest_unsynced_ = start;
    }
  }
  if (!written.ok()) {
    Log(LogLevel::kError, "storage commit failed",
        {{"batches", std::to_string(batches.size())}, {"error", written.ToString()}});
  }
  for (size_t i = 0; i < group.size(); ++i) {
    group[i].done(rejected[i].ok() ? written : rejected[i]);
  }
}

void Committer::SyncIfDue(std::unique_lock<std::mutex>& lock, bool force) {
  if (!unsynced_) return;
  if (!force && Clock::now() < oldest_unsynced_ + sync_interval_) return;
  unsynced_ = false;
  lock.unlock();
  const auto start = Clock::now();
  Status s = engine_->SyncWal();
  Metrics().fsync_seconds.Observe(SecondsSince(start));
  if (!s.ok()) Log(LogLevel::kError, "storage WAL sync failed", {{"error", s.ToString()}});
  lock.lock();
  ++stats_.syncs;
}

}  // namespace skybox::storage
