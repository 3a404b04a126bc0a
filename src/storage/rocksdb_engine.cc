#include "storage/rocksdb_engine.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <map>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "storage/rocksdb_iterator.h"
#include "storage/rocksdb_status.h"

namespace skybox::storage {
namespace {

rocksdb::DBOptions LeanDbOptions(rocksdb::Env* env) {
  rocksdb::DBOptions db;
  db.env = env ? env : rocksdb::Env::Default();
  db.create_if_missing = true;
  db.create_missing_column_families = true;
  db.max_background_jobs = 2;
  db.stats_dump_period_sec = 0;
  db.stats_persist_period_sec = 0;
  db.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  db.keep_log_file_num = 2;
  db.max_log_file_size = 1 << 20;
  db.max_manifest_file_size = 4 << 20;
  // Memtables and the block cache take memory only as they fill, so these cost nothing idle;
  // under write load (S3 objects up to 256 KiB inline) small memtables meant a flush every
  // fraction of a second and constant L0 compaction.
  db.max_total_wal_size = 256 << 20;
  db.db_write_buffer_size = 128 << 20;
  db.max_open_files = 256;
  db.skip_stats_update_on_db_open = true;
  db.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  return db;
}

rocksdb::ColumnFamilyOptions LeanCfOptions() {
  static const std::shared_ptr<rocksdb::TableFactory> table = [] {
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = rocksdb::NewLRUCache(64 << 20);
    t.cache_index_and_filter_blocks = true;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(t));
  }();
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = 32 << 20;
  cf.max_write_buffer_number = 2;
  cf.arena_block_size = 64 << 10;
  cf.compression = rocksdb::kLZ4Compression;
  cf.level_compaction_dynamic_level_bytes = true;
  cf.table_factory = table;
  return cf;
}

class RocksSnapshot : public Snapshot {
 public:
  RocksSnapshot(rocksdb::DB* db, const rocksdb::Snapshot* snapshot)
      : db_(db), snapshot_(snapshot) {}
  ~RocksSnapshot() override { db_->ReleaseSnapshot(snapshot_); }
  const rocksdb::Snapshot* get() const { return snapshot_; }

 private:
  rocksdb::DB* db_;
  const rocksdb::Snapshot* snapshot_;
};

const rocksdb::Snapshot* Unwrap(const Snapshot* snapshot) {
  return snapshot ? static_cast<const RocksSnapshot*>(snapshot)->get() : nullptr;
}

class RocksDbEngine : public Engine {
 public:
  RocksDbEngine(std::unique_ptr<rocksdb::Env> env, std::string data_dir)
      : env_(std::move(env)), data_dir_(std::move(data_dir)) {}

  ~RocksDbEngine() override {
    if (!db_) return;
    for (auto* handle : handles_) {
      if (handle) db_->DestroyColumnFamilyHandle(handle);
    }
    db_->Close().PermitUncheckedError();
    db_.reset();
  }

  Status Open() {
    rocksdb::DBOptions db_options = LeanDbOptions(env_.get());
    std::vector<std::string> names;
    if (!rocksdb::DB::ListColumnFamilies(db_options, data_dir_, &names).ok()) {
      names = {rocksdb::kDefaultColumnFamilyName};  // a new database
    }
    std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
    for (const auto& name : names) descriptors.emplace_back(name, LeanCfOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(db_options, data_dir_, descriptors, &handles, &db);
    if (!s.ok()) return FromRocksOpen(s, data_dir_);
    db_.reset(db);
    handles_.push_back(nullptr);  // id 0 is never issued
    for (auto* handle : handles) {
      names_.emplace(handle->GetName(), static_cast<uint32_t>(handles_.size()));
      handles_.push_back(handle);
    }
    return Status::Ok();
  }

  Result<Namespace> OpenNamespace(std::string_view name) override {
    std::unique_lock lock(mu_);
    auto it = names_.find(name);
    if (it != names_.end()) return Namespace{it->second};
    rocksdb::ColumnFamilyHandle* handle = nullptr;
    rocksdb::Status s = db_->CreateColumnFamily(LeanCfOptions(), std::string(name), &handle);
    if (!s.ok()) return FromRocks(s, "create namespace " + std::string(name));
    uint32_t id = static_cast<uint32_t>(handles_.size());
    handles_.push_back(handle);
    names_.emplace(std::string(name), id);
    return Namespace{id};
  }

  bool IsKnown(Namespace ns) const override { return Handle(ns) != nullptr; }

  Result<std::optional<std::string>> Get(Namespace ns, std::string_view key,
                                         const Snapshot* snapshot) override {
    rocksdb::ColumnFamilyHandle* cf = Handle(ns);
    if (!cf) return InvalidArgument("unknown namespace");
    rocksdb::ReadOptions read;
    read.snapshot = Unwrap(snapshot);
    std::string value;
    rocksdb::Status s = db_->Get(read, cf, rocksdb::Slice(key.data(), key.size()), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "get");
    return std::optional<std::string>(std::move(value));
  }

  std::shared_ptr<const Snapshot> GetSnapshot() override {
    return std::make_shared<RocksSnapshot>(db_.get(), db_->GetSnapshot());
  }

  std::unique_ptr<Iterator> NewIterator(Namespace ns, IteratorOptions options,
                                        std::shared_ptr<const Snapshot> snapshot) override {
    rocksdb::ColumnFamilyHandle* cf = Handle(ns);
    if (!cf) return NewErrorIterator(InvalidArgument("unknown namespace"));
    const rocksdb::Snapshot* pinned = Unwrap(snapshot.get());
    return NewRocksIterator(db_.get(), cf, std::move(options), pinned, std::move(snapshot));
  }

  Status Write(std::span<const WriteBatch* const> group, bool sync) override {
    rocksdb::WriteBatch batch;
    for (const WriteBatch* b : group) {
      for (const auto& op : b->ops()) {
        rocksdb::ColumnFamilyHandle* cf = Handle(op.ns);
        if (!cf) return InvalidArgument("write to an unknown namespace");
        rocksdb::Status s;
        switch (op.kind) {
          case WriteBatch::OpKind::kPut: s = batch.Put(cf, op.key, op.value); break;
          case WriteBatch::OpKind::kDelete: s = batch.Delete(cf, op.key); break;
          case WriteBatch::OpKind::kDeleteRange: s = batch.DeleteRange(cf, op.key, op.value); break;
        }
        if (!s.ok()) return FromRocks(s, "build write batch");
      }
    }
    if (batch.Count() == 0) return sync ? SyncWal() : Status::Ok();
    rocksdb::WriteOptions write;
    write.sync = sync;
    return FromRocks(db_->Write(write, &batch), "write");
  }

  Status SyncWal() override { return FromRocks(db_->SyncWAL(), "sync WAL"); }

 private:
  rocksdb::ColumnFamilyHandle* Handle(Namespace ns) const {
    std::shared_lock lock(mu_);
    return ns.id > 0 && ns.id < handles_.size() ? handles_[ns.id] : nullptr;
  }

  std::unique_ptr<rocksdb::Env> env_;  // null: the default Env; outlives db_
  std::string data_dir_;
  std::unique_ptr<rocksdb::DB> db_;
  mutable std::shared_mutex mu_;
  std::map<std::string, uint32_t, std::less<>> names_;  // guarded by mu_
  std::vector<rocksdb::ColumnFamilyHandle*> handles_;   // guarded by mu_; index: Namespace::id
};

}  // namespace

Result<std::unique_ptr<Engine>> OpenRocksDbEngine(const RocksDbEngineOptions& options) {
  std::unique_ptr<rocksdb::Env> env;
  if (options.file_system) env = rocksdb::NewCompositeEnv(options.file_system);
  auto engine = std::make_unique<RocksDbEngine>(std::move(env), options.data_dir);
  SKYBOX_RETURN_IF_ERROR(engine->Open());
  return std::unique_ptr<Engine>(std::move(engine));
}

}  // namespace skybox::storage
