// Iterator: an ordered cursor over one namespace, optionally bounded and pinned to a snapshot.
//
// Keys are ordered bytewise (memcmp, shorter first on a tie). An iterator sees one consistent
// point in time: the snapshot it was created with, or an implicit snapshot taken at creation.
// It starts unpositioned; call a Seek* first. key()/value() may only be called while Valid(),
// and the returned views stay valid until the iterator moves or is destroyed.
//
// Thread-safety: one iterator is used by one thread at a time. It must be destroyed before
// the Store that created it.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace skybox::storage {

// The smallest key greater than every key that starts with `prefix` (the exclusive upper bound
// of the prefix's range); empty when there is none (`prefix` is empty or all 0xff bytes), which
// as an IteratorOptions::upper_bound means "to the last key".
std::string PrefixEnd(std::string_view prefix);

struct IteratorOptions {
  // Inclusive lower bound; empty means "from the first key".
  std::string lower_bound;
  // Exclusive upper bound; empty means "to the last key".
  std::string upper_bound;
};

class Iterator {
 public:
  virtual ~Iterator() = default;

  // Positions at the first key >= target (clamped to the bounds).
  virtual void Seek(std::string_view target) = 0;
  // Positions at the last key <= target (clamped to the bounds).
  virtual void SeekForPrev(std::string_view target) = 0;
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  // Require Valid().
  virtual void Next() = 0;
  virtual void Prev() = 0;

  // False when unpositioned, past either end, or failed (then status() says why).
  virtual bool Valid() const = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  virtual Status status() const = 0;
};

// An iterator that is never Valid() and whose status() is `status`; for requests that cannot
// be served (an unknown namespace, an engine failure).
std::unique_ptr<Iterator> NewErrorIterator(Status status);

}  // namespace skybox::storage
