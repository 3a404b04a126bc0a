#include "storage/store.h"

#include <future>

#include "storage/committer.h"
#include "storage/data_dir.h"
#include "storage/memory_engine.h"
#include "storage/rocksdb_engine.h"
#include "storage/space_reclaimer.h"

namespace skybox::storage {

Result<std::unique_ptr<Store>> Store::Open(StoreOptions options) {
  std::unique_ptr<Engine> engine;
  if (options.ephemeral) {
    engine = NewMemoryEngine();
  } else {
    SKYBOX_RETURN_IF_ERROR(PrepareDataDir(options.data_dir));
    SKYBOX_ASSIGN_OR_RETURN(engine, OpenRocksDbEngine({options.data_dir, options.file_system}));
  }
  return std::unique_ptr<Store>(new Store(std::move(options), std::move(engine)));
}

Store::Store(StoreOptions options, std::unique_ptr<Engine> engine)
    : options_(std::move(options)),
      engine_(std::move(engine)),
      committer_(std::make_unique<Committer>(engine_.get(), options_.durability,
                                             options_.async_sync_interval)) {
  if (options_.ephemeral) return;
  reclaimer_ = std::make_unique<SpaceReclaimer>(
      engine_.get(), [this] { return committer_->Stats(); }, options_.reclaim);
  reclaimer_->Start();
}

Store::~Store() { Close(); }

void Store::Close() {
  if (reclaimer_) reclaimer_->Stop();
  committer_->Stop();
  engine_.reset();
}

Result<Namespace> Store::OpenNamespace(std::string_view name) {
  if (name.empty()) return InvalidArgument("a namespace name must not be empty");
  return engine_->OpenNamespace(name);
}

Result<std::optional<std::string>> Store::Get(Namespace ns, std::string_view key,
                                              const Snapshot* snapshot) {
  return engine_->Get(ns, key, snapshot);
}

std::shared_ptr<const Snapshot> Store::GetSnapshot() { return engine_->GetSnapshot(); }

std::unique_ptr<Iterator> Store::NewIterator(Namespace ns, IteratorOptions options,
                                             std::shared_ptr<const Snapshot> snapshot) {
  return engine_->NewIterator(ns, std::move(options), std::move(snapshot));
}

void Store::Commit(WriteBatch batch, std::function<void(Status)> done) {
  committer_->Submit(std::move(batch), /*force_sync=*/false, std::move(done));
}

Status Store::CommitAndWait(WriteBatch batch) {
  std::promise<Status> result;
  committer_->Submit(std::move(batch), /*force_sync=*/false,
                     [&result](Status s) { result.set_value(std::move(s)); });
  return result.get_future().get();
}

Status Store::Flush() {
  std::promise<Status> result;
  committer_->Submit(WriteBatch(), /*force_sync=*/true,
                     [&result](Status s) { result.set_value(std::move(s)); });
  return result.get_future().get();
}

CommitStats Store::GetCommitStats() const { return committer_->Stats(); }

}  // namespace skybox::storage
