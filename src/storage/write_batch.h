// WriteBatch: a list of changes to one or more namespaces that the store applies atomically.
//
// A batch is a plain value: build it on any thread, then hand it to Store::Commit. Either all
// of its operations become visible (and, per the durability mode, durable) or none do; a
// crash never leaves part of a batch behind. Operations apply in the order they were added,
// so a Put after a Delete of the same key leaves the key present.
//
// Thread-safety: a value type; not safe for concurrent mutation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/namespace.h"

namespace skybox::storage {

class WriteBatch {
 public:
  enum class OpKind : uint8_t { kPut, kDelete, kDeleteRange };

  // One change. For kDeleteRange, `key` is the inclusive start and `value` the exclusive end.
  struct Op {
    OpKind kind;
    Namespace ns;
    std::string key;
    std::string value;
  };

  // `value` is taken by value: pass an encoded record as an rvalue and it is moved, not copied.
  void Put(Namespace ns, std::string_view key, std::string value);
  // `freed_bytes`: the size of the value being deleted, when the caller knows it and it is
  // large enough to matter. A hint, never checked: the store adds it up to decide when
  // compacting is worth it (space_reclaimer.h).
  void Delete(Namespace ns, std::string_view key, size_t freed_bytes = 0);
  // Deletes every key k with begin <= k < end (bytewise order). An empty range is a no-op.
  void DeleteRange(Namespace ns, std::string_view begin, std::string_view end);

  const std::vector<Op>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }
  size_t size() const { return ops_.size(); }
  // Sum of key and value bytes; a rough measure for sizing groups and limits.
  size_t ApproximateBytes() const { return bytes_; }
  // Sum of the Delete calls' `freed_bytes`.
  size_t FreedBytes() const { return freed_bytes_; }
  void Clear();

 private:
  std::vector<Op> ops_;
  size_t bytes_ = 0;
  size_t freed_bytes_ = 0;
};

}  // namespace skybox::storage
