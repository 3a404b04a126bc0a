#include "storage/rocksdb_iterator.h"

#include "storage/namespace_prefix.h"
#include "storage/rocksdb_status.h"

namespace skybox::storage {
namespace {

rocksdb::Slice ToSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

class RocksIterator : public Iterator {
 public:
  RocksIterator(rocksdb::DB* db, uint32_t ns_id, const IteratorOptions& options, const rocksdb::Snapshot* snapshot,
                std::shared_ptr<const Snapshot> pin)
      : prefix_(NamespacePrefix(ns_id)),
        lower_(prefix_ + options.lower_bound),
        // No upper bound: up to the next namespace's first key.
        upper_(options.upper_bound.empty() ? NamespacePrefix(ns_id + 1) : prefix_ + options.upper_bound),
        lower_slice_(ToSlice(lower_)),
        upper_slice_(ToSlice(upper_)),
        pin_(std::move(pin)) {
    rocksdb::ReadOptions read;
    read.snapshot = snapshot;
    read.iterate_lower_bound = &lower_slice_;
    read.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(read));
  }

  // RocksDB leaves seeking outside the bounds undefined, so targets are clamped here.
  void Seek(std::string_view target) override {
    std::string full = prefix_ + std::string(target);
    it_->Seek(ToSlice(full < lower_ ? lower_ : full));
  }
  void SeekForPrev(std::string_view target) override {
    std::string full = prefix_ + std::string(target);
    if (full >= upper_) {
      it_->SeekToLast();
    } else {
      it_->SeekForPrev(ToSlice(full));
    }
  }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }

  bool Valid() const override { return it_->Valid(); }
  std::string_view key() const override { return it_->key().ToStringView().substr(kNamespacePrefixBytes); }
  std::string_view value() const override { return it_->value().ToStringView(); }
  Status status() const override { return FromRocks(it_->status(), "iterate"); }

 private:
  const std::string prefix_;
  const std::string lower_;  // full keys (prefix included); never move after construction
  const std::string upper_;
  rocksdb::Slice lower_slice_;
  rocksdb::Slice upper_slice_;
  std::shared_ptr<const Snapshot> pin_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

}  // namespace

std::unique_ptr<Iterator> NewRocksIterator(rocksdb::DB* db, uint32_t ns_id, IteratorOptions options,
                                           const rocksdb::Snapshot* snapshot,
                                           std::shared_ptr<const Snapshot> pin) {
  return std::make_unique<RocksIterator>(db, ns_id, options, snapshot, std::move(pin));
}

}  // namespace skybox::storage
