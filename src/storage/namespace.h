// Namespace: a handle to one named, independently ordered keyspace of a Store (an id-prefixed
// range of the RocksDB keyspace, or one ordered map in the in-memory engine).
//
// Handles come from Store::OpenNamespace and are only meaningful for the store that issued
// them; they stay valid for that store's lifetime. Keys in different namespaces never collide
// or interleave in iteration.
//
// Thread-safety: an immutable value.
#pragma once

#include <cstdint>

namespace skybox::storage {

struct Namespace {
  uint32_t id = 0;
  friend bool operator==(Namespace, Namespace) = default;
};

}  // namespace skybox::storage
