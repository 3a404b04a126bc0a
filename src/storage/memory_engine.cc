#include "storage/memory_engine.h"

#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <utility>
#include <vector>

namespace skybox::storage {
namespace {

struct Version {
  uint64_t seq;
  std::optional<std::string> value;  // nullopt: a tombstone
};
using Versions = std::vector<Version>;  // ascending seq
using KeyMap = std::map<std::string, Versions, std::less<>>;

// The value visible at `seq`, or nullptr when the key did not exist then.
const std::string* VisibleAt(const Versions& versions, uint64_t seq) {
  for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
    if (v->seq <= seq) return v->value ? &*v->value : nullptr;
  }
  return nullptr;
}

class MemoryEngine;

class MemorySnapshot : public Snapshot {
 public:
  MemorySnapshot(MemoryEngine* engine, uint64_t seq) : engine_(engine), seq_(seq) {}
  ~MemorySnapshot() override;
  uint64_t seq() const { return seq_; }

 private:
  MemoryEngine* engine_;
  uint64_t seq_;
};

class MemoryEngine : public Engine {
 public:
  MemoryEngine() { spaces_.push_back(nullptr); }  // id 0 is never issued

  Result<Namespace> OpenNamespace(std::string_view name) override {
    std::unique_lock lock(mu_);
    auto it = names_.find(name);
    if (it != names_.end()) return Namespace{it->second};
    uint32_t id = static_cast<uint32_t>(spaces_.size());
    spaces_.push_back(std::make_unique<KeyMap>());
    names_.emplace(std::string(name), id);
    return Namespace{id};
  }

  bool IsKnown(Namespace ns) const override {
    std::shared_lock lock(mu_);
    return KnownLocked(ns);
  }

  Result<std::optional<std::string>> Get(Namespace ns, std::string_view key,
                                         const Snapshot* snapshot) override {
    std::shared_lock lock(mu_);
    if (!KnownLocked(ns)) return InvalidArgument("unknown namespace");
    const KeyMap& map = *spaces_[ns.id];
    auto it = map.find(key);
    if (it == map.end()) return std::optional<std::string>();
    const std::string* value = VisibleAt(it->second, SeqOf(snapshot));
    return value ? std::optional<std::string>(*value) : std::nullopt;
  }

  std::shared_ptr<const Snapshot> GetSnapshot() override {
    std::unique_lock lock(mu_);
    live_snapshots_.insert(seq_);
    return std::make_shared<MemorySnapshot>(this, seq_);
  }

  std::unique_ptr<Iterator> NewIterator(Namespace ns, IteratorOptions options,
                                        std::shared_ptr<const Snapshot> snapshot) override;

  Status Write(std::span<const WriteBatch* const> group, bool /*sync*/) override {
    std::unique_lock lock(mu_);
    for (const WriteBatch* batch : group) {
      for (const auto& op : batch->ops()) {
        if (!KnownLocked(op.ns)) return InvalidArgument("write to an unknown namespace");
      }
    }
    const uint64_t seq = ++seq_;
    for (const WriteBatch* batch : group) {
      for (const auto& op : batch->ops()) Apply(op, seq);
    }
    return Status::Ok();
  }

  Status SyncWal() override { return Status::Ok(); }
  Status Compact(const std::atomic<bool>&) override { return Status::Ok(); }

  void ReleaseSnapshot(uint64_t seq) {
    std::unique_lock lock(mu_);
    live_snapshots_.erase(live_snapshots_.find(seq));
    for (auto it = retained_.begin(); it != retained_.end();) {
      KeyMap& map = *spaces_[it->first];
      auto key = map.find(it->second);
      bool still_retained = key != map.end() && Prune(it->first, map, key);
      it = still_retained ? std::next(it) : retained_.erase(it);
    }
  }

  bool KnownLocked(Namespace ns) const { return ns.id > 0 && ns.id < spaces_.size(); }
  uint64_t SeqOf(const Snapshot* snapshot) const {
    return snapshot ? static_cast<const MemorySnapshot*>(snapshot)->seq() : seq_;
  }

  mutable std::shared_mutex mu_;
  std::vector<std::unique_ptr<KeyMap>> spaces_;  // index: Namespace::id

 private:
  void Apply(const WriteBatch::Op& op, uint64_t seq) {
    KeyMap& map = *spaces_[op.ns.id];
    switch (op.kind) {
      case WriteBatch::OpKind::kPut: {
        auto it = map.try_emplace(op.key).first;
        AddVersion(it->second, seq, op.value);
        Prune(op.ns.id, map, it);
        break;
      }
      case WriteBatch::OpKind::kDelete: {
        auto it = map.find(op.key);
        if (it == map.end()) break;
        AddVersion(it->second, seq, std::nullopt);
        Prune(op.ns.id, map, it);
        break;
      }
      case WriteBatch::OpKind::kDeleteRange: {
        for (auto it = map.lower_bound(op.key); it != map.end() && it->first < op.value;) {
          auto next = std::next(it);
          AddVersion(it->second, seq, std::nullopt);
          Prune(op.ns.id, map, it);
          it = next;
        }
        break;
      }
    }
  }

  static void AddVersion(Versions& versions, uint64_t seq, std::optional<std::string> value) {
    if (!versions.empty() && versions.back().seq == seq) {
      versions.back().value = std::move(value);  // a later op of the same group wins
    } else {
      versions.push_back(Version{seq, std::move(value)});
    }
  }

  // Drops the versions of `it` that neither the present nor any live snapshot can see.
  // Returns true when the key still holds history kept only for snapshots.
  bool Prune(uint32_t ns_id, KeyMap& map, KeyMap::iterator it) {
    Versions& versions = it->second;
    Versions kept;
    for (size_t i = 0; i < versions.size(); ++i) {
      bool newest = i + 1 == versions.size();
      auto seen_by = live_snapshots_.lower_bound(versions[i].seq);
      bool needed = newest || (seen_by != live_snapshots_.end() &&
                               *seen_by < versions[i + 1].seq);
      if (needed && (!kept.empty() || versions[i].value)) kept.push_back(std::move(versions[i]));
    }
    if (kept.empty()) {
      map.erase(it);
      return false;
    }
    versions = std::move(kept);
    bool retained = versions.size() > 1;
    if (retained) retained_.emplace(ns_id, it->first);
    return retained;
  }

  std::map<std::string, uint32_t, std::less<>> names_;
  uint64_t seq_ = 0;
  std::multiset<uint64_t> live_snapshots_;
  std::set<std::pair<uint32_t, std::string>> retained_;  // keys with snapshot-only history
};

MemorySnapshot::~MemorySnapshot() { engine_->ReleaseSnapshot(seq_); }

// Remembers its position as a copy of the current key and re-finds it under the shared lock
// on every move, so concurrent writes (which may reshape the map) never invalidate it.
class MemoryIterator : public Iterator {
 public:
  MemoryIterator(MemoryEngine* engine, const KeyMap* map, IteratorOptions options,
                 std::shared_ptr<const Snapshot> snapshot)
      : engine_(engine),
        map_(map),
        options_(std::move(options)),
        snapshot_(std::move(snapshot)),
        seq_(static_cast<const MemorySnapshot*>(snapshot_.get())->seq()) {}

  void Seek(std::string_view target) override {
    std::shared_lock lock(engine_->mu_);
    if (target < options_.lower_bound) target = options_.lower_bound;
    ScanForward(map_->lower_bound(target));
  }
  void SeekForPrev(std::string_view target) override {
    std::shared_lock lock(engine_->mu_);
    if (!options_.upper_bound.empty() && target >= options_.upper_bound) {
      ScanBackward(map_->lower_bound(options_.upper_bound));
    } else {
      ScanBackward(map_->upper_bound(target));
    }
  }
  void SeekToFirst() override { Seek(options_.lower_bound); }
  void SeekToLast() override {
    std::shared_lock lock(engine_->mu_);
    ScanBackward(options_.upper_bound.empty() ? map_->end()
                                              : map_->lower_bound(options_.upper_bound));
  }
  void Next() override {
    std::shared_lock lock(engine_->mu_);
    ScanForward(map_->upper_bound(key_));
  }
  void Prev() override {
    std::shared_lock lock(engine_->mu_);
    ScanBackward(map_->lower_bound(key_));
  }

  bool Valid() const override { return valid_; }
  std::string_view key() const override { return key_; }
  std::string_view value() const override { return value_; }
  Status status() const override { return Status::Ok(); }

 private:
  void ScanForward(KeyMap::const_iterator it) {
    for (; it != map_->end(); ++it) {
      if (!options_.upper_bound.empty() && it->first >= options_.upper_bound) break;
      if (Land(it)) return;
    }
    valid_ = false;
  }
  // Considers the entries strictly before `it`, nearest first.
  void ScanBackward(KeyMap::const_iterator it) {
    while (it != map_->begin()) {
      --it;
      if (it->first < options_.lower_bound) break;
      if (Land(it)) return;
    }
    valid_ = false;
  }
  bool Land(KeyMap::const_iterator it) {
    const std::string* value = VisibleAt(it->second, seq_);
    if (!value) return false;
    key_ = it->first;
    value_ = *value;
    valid_ = true;
    return true;
  }

  MemoryEngine* engine_;
  const KeyMap* map_;
  IteratorOptions options_;
  std::shared_ptr<const Snapshot> snapshot_;  // pins the versions this iterator reads
  uint64_t seq_;
  bool valid_ = false;
  std::string key_;
  std::string value_;
};

std::unique_ptr<Iterator> MemoryEngine::NewIterator(Namespace ns, IteratorOptions options,
                                                    std::shared_ptr<const Snapshot> snapshot) {
  if (!snapshot) snapshot = GetSnapshot();
  std::shared_lock lock(mu_);
  if (!KnownLocked(ns)) return NewErrorIterator(InvalidArgument("unknown namespace"));
  return std::make_unique<MemoryIterator>(this, spaces_[ns.id].get(), std::move(options),
                                          std::move(snapshot));
}

}  // namespace

std::unique_ptr<Engine> NewMemoryEngine() { return std::make_unique<MemoryEngine>(); }

}  // namespace skybox::storage
