#include "storage/space_reclaimer.h"

#include <string>

#include "base/log.h"

namespace skybox::storage {

SpaceReclaimer::SpaceReclaimer(Engine* engine, std::function<CommitStats()> stats,
                               SpaceReclaimerOptions options)
    : engine_(engine),
      stats_(std::move(stats)),
      options_(options),
      worker_(options.interval, [this] { Pass(); }) {}

SpaceReclaimer::~SpaceReclaimer() { Stop(); }

void SpaceReclaimer::Start() {
  commits_seen_ = stats_().commits;
  worker_.Start();
}

void SpaceReclaimer::Stop() {
  canceled_ = true;
  worker_.Stop();
}

void SpaceReclaimer::Pass() {
  const CommitStats now = stats_();
  const uint64_t commits = now.commits - commits_seen_;
  commits_seen_ = now.commits;
  const uint64_t freed = now.freed_bytes - freed_at_last_compaction_;
  if (freed < options_.min_freed_bytes || commits >= options_.quiet_commits) return;
  const auto started = std::chrono::steady_clock::now();
  Status s = engine_->Compact(canceled_);
  if (canceled_) return;
  if (!s.ok()) {
    Log(LogLevel::kWarn, "storage compaction to reclaim space failed", {{"error", s.ToString()}});
    return;
  }
  freed_at_last_compaction_ = now.freed_bytes;
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  Log(LogLevel::kInfo, "storage compacted to reclaim deleted values",
      {{"freed_mib", std::to_string(freed >> 20)}, {"ms", std::to_string(ms.count())}});
}

}  // namespace skybox::storage
