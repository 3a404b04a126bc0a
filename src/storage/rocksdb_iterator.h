// Adapts a rocksdb::Iterator over one namespace of the engine's keyspace (namespace_prefix.h)
// to storage::Iterator: bounds and seek targets gain the namespace prefix, keys lose it
// (internal to storage/).
//
// Thread-safety: as Iterator.
#pragma once

#include <rocksdb/db.h>

#include <memory>

#include "storage/engine.h"

namespace skybox::storage {

// Iterates namespace `ns_id`. `snapshot` (may be null) is read at; `pin` keeps the Snapshot
// object that owns it alive for the iterator's lifetime.
std::unique_ptr<Iterator> NewRocksIterator(rocksdb::DB* db, uint32_t ns_id, IteratorOptions options,
                                           const rocksdb::Snapshot* snapshot,
                                           std::shared_ptr<const Snapshot> pin);

}  // namespace skybox::storage
