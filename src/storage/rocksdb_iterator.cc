#include "storage/rocksdb_iterator.h"

#include "storage/rocksdb_status.h"

namespace skybox::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

class RocksIterator : public Iterator {
 public:
  RocksIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, IteratorOptions options,
                const rocksdb::Snapshot* snapshot, std::shared_ptr<const Snapshot> pin)
      : options_(std::move(options)),
        lower_(ToSlice(options_.lower_bound)),
        upper_(ToSlice(options_.upper_bound)),
        pin_(std::move(pin)) {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    if (!options_.lower_bound.empty()) read.iterate_lower_bound = &lower_;
    if (!options_.upper_bound.empty()) read.iterate_upper_bound = &upper_;
    it_.reset(db->NewIterator(read, cf));
  }

  // RocksDB leaves seeking outside the bounds undefined, so targets are clamped here.
  void Seek(std::string_view target) override {
    it_->Seek(ToSlice(target < options_.lower_bound ? options_.lower_bound : target));
  }
  void SeekForPrev(std::string_view target) override {
    if (!options_.upper_bound.empty() && target >= options_.upper_bound) {
      it_->SeekToLast();
    } else {
      it_->SeekForPrev(ToSlice(target));
    }
  }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }

  bool Valid() const override { return it_->Valid(); }
  std::string_view key() const override { return it_->key().ToStringView(); }
  std::string_view value() const override { return it_->value().ToStringView(); }
  Status status() const override { return FromRocks(it_->status(), "iterate"); }

 private:
  IteratorOptions options_;
  rocksdb::Slice lower_;  // point into options_, which never moves after construction
  rocksdb::Slice upper_;
  std::shared_ptr<const Snapshot> pin_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace

std::unique_ptr<Iterator> NewRocksIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                                           IteratorOptions options,
                                           const rocksdb::Snapshot* snapshot,
                                           std::shared_ptr<const Snapshot> pin) {
  return std::make_unique<RocksIterator>(db, cf, std::move(options), snapshot, std::move(pin));
}

}  // namespace skybox::storage
