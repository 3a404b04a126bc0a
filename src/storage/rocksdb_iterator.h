// Adapts a rocksdb::Iterator to storage::Iterator (internal to storage/).
//
// Thread-safety: as Iterator.
#pragma once

#include <rocksdb/db.h>

#include <memory>

#include "storage/engine.h"

namespace skybox::storage {

// `snapshot` (may be null) is read at; `pin` keeps the Snapshot object that owns it alive for
// the iterator's lifetime.
std::unique_ptr<Iterator> NewRocksIterator(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf,
                                           IteratorOptions options,
                                           const rocksdb::Snapshot* snapshot,
                                           std::shared_ptr<const Snapshot> pin);

}  // namespace skybox::storage
