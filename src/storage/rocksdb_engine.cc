#include "storage/rocksdb_engine.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <vector>

#include "storage/namespace_prefix.h"
#include "storage/rocksdb_crc32c.h"
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
  // Memtables and the block cache take memory only as they fill (all but each memtable's bloom
  // filter, below), so these cost next to nothing idle;
  // under write load (S3 objects up to 256 KiB inline) small memtables meant a flush every
  // fraction of a second and constant L0 compaction.
  db.max_total_wal_size = 256 << 20;
  db.db_write_buffer_size = 128 << 20;
  db.max_open_files = 256;
  db.skip_stats_update_on_db_open = true;
  db.wal_recovery_mode = rocksdb::WALRecoveryMode::kPointInTimeRecovery;
  // Compactions read their input tables (and blob GC its blob files) 2 MiB at a time: block by
  // block, the compaction thread made 4,000-9,000 pread calls a second under a PutObject load.
  db.compaction_readahead_size = 2 << 20;
  return db;
}

rocksdb::ColumnFamilyOptions LeanCfOptions() {
  // One cache for table blocks and blob values: both take memory only as they fill.
  static const std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(64 << 20);
  static const std::shared_ptr<rocksdb::TableFactory> table = [] {
    rocksdb::BlockBasedTableOptions t;
    t.block_cache = cache;
    // Index and filter blocks live with their table readers (at most max_open_files of them),
    // not in the block cache: cached, a large table's index block was evicted and
    // decompressed again on nearly every point read under write load (half the CPU of an
    // S3 PUT benchmark went to LZ4 there).
    t.cache_index_and_filter_blocks = false;
    t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(t));
  }();
  rocksdb::ColumnFamilyOptions cf;
  cf.write_buffer_size = 32 << 20;
  cf.max_write_buffer_number = 2;
  cf.arena_block_size = 64 << 10;
  // A bloom filter over each memtable's keys: most point reads of a key the memtables lack --
  // every S3 PutObject of a new key reads the key's head first -- skip the skiplist search
  // (without it, 2.6% of an event loop's CPU in a 4 KiB PutObject run). RocksDB allocates the
  // filter whole with each memtable, 0.5% of write_buffer_size = 164 KiB (1.3 Mbit), idle or
  // not: 10 bits or more per key while a full memtable's entries average 256 bytes or more.
  cf.memtable_prefix_bloom_size_ratio = 0.005;
  cf.memtable_whole_key_filtering = true;
  cf.compression = rocksdb::kLZ4Compression;
  cf.level_compaction_dynamic_level_bytes = true;
  cf.table_factory = table;
  // A value of a table block or more (S3 objects stored inline, large DynamoDB items and SQS
  // messages) is written to a blob file when its memtable is flushed, and compactions move only
  // a reference to it: a 4 KiB PutObject used to be rewritten at every level (15-17 KB written
  // per PUT) and RocksDB's flush and compaction threads took 20% of the server's CPU samples
  // during a PUT run (docs/benchmarks.md, "Large values out of the LSM tree"). Blobs in the
  // oldest quarter of the blob files are relocated as compactions meet them, and those files
  // are compacted on purpose once half their bytes are garbage, so the space of deleted and
  // overwritten values is reclaimed, later than a table's would be. Blob values are not
  // compressed: most large values (media, archives, encrypted or already compressed data) do
  // not shrink, and trying LZ4 on each cost ~14% more CPU per 4 KiB PUT of random bytes.
  cf.enable_blob_files = true;
  cf.min_blob_size = 4096;
  cf.enable_blob_garbage_collection = true;
  cf.blob_garbage_collection_force_threshold = 0.5;
  cf.blob_cache = cache;
  cf.blob_compaction_readahead_size = 2 << 20;
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

// The catalog (namespace id 0): "name/<namespace name>" -> the namespace's 4-byte id.
constexpr uint32_t kCatalog = 0;
constexpr std::string_view kNamePrefix = "name/";

class RocksDbEngine : public Engine {
 public:
  RocksDbEngine(std::unique_ptr<rocksdb::Env> env, std::string data_dir)
      : env_(std::move(env)), data_dir_(std::move(data_dir)) {}

  ~RocksDbEngine() override {
    if (!db_) return;
    db_->Close().PermitUncheckedError();
    db_.reset();
  }

  Status Open() {
    if (!RocksDbCrc32cIsCorrect()) return Internal("RocksDB's CRC32C does not compute CRC32C");
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
    // Data dirs of earlier builds kept each namespace in a column family of its own.
    std::vector<rocksdb::ColumnFamilyHandle*> legacy;
    for (auto* handle : handles) {
      if (handle->GetName() == rocksdb::kDefaultColumnFamilyName) {
        db_->DestroyColumnFamilyHandle(handle).PermitUncheckedError();
      } else {
        legacy.push_back(handle);
      }
    }
    SKYBOX_RETURN_IF_ERROR(LoadCatalog());
    for (auto* handle : legacy) SKYBOX_RETURN_IF_ERROR(MigrateColumnFamily(handle));
    return Status::Ok();
  }

  Result<Namespace> OpenNamespace(std::string_view name) override {
    if (name.empty()) return InvalidArgument("a namespace needs a name");
    std::lock_guard lock(mu_);
    auto it = names_.find(name);
    if (it != names_.end()) return Namespace{it->second};
    uint32_t id = next_id_.load();
    // Not synced on its own: the WAL keeps a prefix of the writes, so any later durable write
    // (the first one into this namespace included) makes the name durable too.
    rocksdb::Status s = db_->Put(rocksdb::WriteOptions(), CatalogKey(name), rocksdb::Slice(NamespacePrefix(id)));
    if (!s.ok()) return FromRocks(s, "create namespace " + std::string(name));
    ++next_id_;
    names_.emplace(std::string(name), id);
    return Namespace{id};
  }

  bool IsKnown(Namespace ns) const override { return ns.id != kCatalog && ns.id < next_id_.load(); }

  Result<std::optional<std::string>> Get(Namespace ns, std::string_view key,
                                         const Snapshot* snapshot) override {
    if (!IsKnown(ns)) return InvalidArgument("unknown namespace");
    rocksdb::ReadOptions read;
    read.snapshot = Unwrap(snapshot);
    std::string value;
    rocksdb::Status s = db_->Get(read, db_->DefaultColumnFamily(), PrefixedKey(ns.id, key), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s, "get");
    return std::optional<std::string>(std::move(value));
  }

  std::shared_ptr<const Snapshot> GetSnapshot() override {
    return std::make_shared<RocksSnapshot>(db_.get(), db_->GetSnapshot());
  }

  std::unique_ptr<Iterator> NewIterator(Namespace ns, IteratorOptions options,
                                        std::shared_ptr<const Snapshot> snapshot) override {
    if (!IsKnown(ns)) return NewErrorIterator(InvalidArgument("unknown namespace"));
    const rocksdb::Snapshot* pinned = Unwrap(snapshot.get());
    return NewRocksIterator(db_.get(), ns.id, std::move(options), pinned, std::move(snapshot));
  }

  Status Write(std::span<const WriteBatch* const> group, bool sync) override {
    // Sized up front: a group of small-object PUTs carries ~100 KiB, which growing by doubling
    // would copy several times over on the committer thread.
    size_t bytes = 0;
    for (const WriteBatch* b : group) {
      for (const auto& op : b->ops()) bytes += kNamespacePrefixBytes * 2 + op.key.size() + op.value.size() + 16;
    }
    rocksdb::WriteBatch batch(bytes);
    for (const WriteBatch* b : group) {
      for (const auto& op : b->ops()) {
        if (!IsKnown(op.ns)) return InvalidArgument("write to an unknown namespace");
        rocksdb::Status s;
        // The prefixed key in two parts, not one copied string.
        const std::string prefix = NamespacePrefix(op.ns.id);
        const rocksdb::Slice key_parts[2] = {prefix, op.key};
        const rocksdb::SliceParts key(key_parts, 2);
        const rocksdb::Slice value_part(op.value);
        switch (op.kind) {
          case WriteBatch::OpKind::kPut: s = batch.Put(key, rocksdb::SliceParts(&value_part, 1)); break;
          case WriteBatch::OpKind::kDelete: s = batch.Delete(key); break;
          case WriteBatch::OpKind::kDeleteRange:
            s = batch.DeleteRange(PrefixedKey(op.ns.id, op.key), PrefixedKey(op.ns.id, op.value));
            break;
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

  // Flushes the memtables and compacts every level down to the last, dropping deleted keys at
  // the bottom: their blob references go with them, and a blob file none of whose values is
  // referenced any more is deleted. Automatic compactions keep running meanwhile.
  Status Compact(const std::atomic<bool>& canceled) override {
    rocksdb::CompactRangeOptions options;
    options.exclusive_manual_compaction = false;
    options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForceOptimized;
    options.canceled = const_cast<std::atomic<bool>*>(&canceled);  // RocksDB only reads it
    return FromRocks(db_->CompactRange(options, nullptr, nullptr), "compact");
  }

 private:
  static std::string CatalogKey(std::string_view name) {
    return PrefixedKey(kCatalog, std::string(kNamePrefix) + std::string(name));
  }

  Status LoadCatalog() {
    std::unique_ptr<Iterator> it = NewRocksIterator(db_.get(), kCatalog, {}, nullptr, nullptr);
    for (it->Seek(kNamePrefix); it->Valid() && it->key().starts_with(kNamePrefix); it->Next()) {
      if (it->value().size() != kNamespacePrefixBytes) return Status(StatusCode::kDataLoss, "corrupt namespace catalog entry");
      uint32_t id = NamespaceIdOf(it->value());
      names_.emplace(std::string(it->key().substr(kNamePrefix.size())), id);
      next_id_ = std::max(next_id_.load(), id + 1);
    }
    return it->status();
  }

  // Moves a column family of an earlier build's layout into the namespace of the same name,
  // then drops it. A crash midway leaves the column family in place and the next open copies
  // it again (the copy overwrites itself), so nothing is lost or half-moved.
  Status MigrateColumnFamily(rocksdb::ColumnFamilyHandle* handle) {
    const std::string name = handle->GetName();
    const std::string what = "migrate column family " + name;
    SKYBOX_ASSIGN_OR_RETURN(Namespace ns, OpenNamespace(name));
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), handle));
    rocksdb::WriteBatch batch;
    rocksdb::WriteOptions synced;
    synced.sync = true;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      rocksdb::Status s = batch.Put(PrefixedKey(ns.id, it->key().ToStringView()), it->value());
      if (s.ok() && batch.GetDataSize() > (4 << 20)) {
        s = db_->Write(synced, &batch);
        batch.Clear();
      }
      if (!s.ok()) return FromRocks(s, what);
    }
    if (!it->status().ok()) return FromRocks(it->status(), what);
    it.reset();
    rocksdb::Status s = db_->Write(synced, &batch);
    if (s.ok()) s = db_->DropColumnFamily(handle);
    rocksdb::Status destroyed = db_->DestroyColumnFamilyHandle(handle);
    return FromRocks(s.ok() ? destroyed : s, what);
  }

  std::unique_ptr<rocksdb::Env> env_;  // null: the default Env; outlives db_
  std::string data_dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::mutex mu_;
  std::map<std::string, uint32_t, std::less<>> names_;  // guarded by mu_
  // Ids below it are issued; written under mu_ (after the catalog entry), read without it.
  std::atomic<uint32_t> next_id_{1};
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
