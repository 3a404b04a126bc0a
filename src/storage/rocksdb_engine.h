// RocksDbEngine: the on-disk engine. One RocksDB database per data dir, with every Namespace
// in its one keyspace under a 4-byte id prefix (namespace_prefix.h); names map to ids in a
// catalog inside the same keyspace. Data dirs of earlier builds, with a column family per
// namespace, are migrated into that layout when opened.
//
// The options are lean on purpose (start-up time and idle memory are targets, see
// docs/benchmarks.md): small memtables, one small shared block cache, two background jobs, no
// statistics dumps, warnings-only info log in the data dir. The WAL is recovered in
// point-in-time mode: after a crash the database holds a prefix of the acknowledged writes,
// and a torn tail record is discarded rather than failing the open.
//
// Thread-safety: see Engine.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "storage/engine.h"

namespace rocksdb {
class FileSystem;
}

namespace skybox::storage {

struct RocksDbEngineOptions {
  std::string data_dir;  // must exist and be writable (see PrepareDataDir)
  // The filesystem RocksDB does all its I/O through; null means the real one. Tests pass a
  // FaultInjectionFileSystem here.
  std::shared_ptr<rocksdb::FileSystem> file_system;
};

// Opens (creating if needed) the database in options.data_dir. A data dir held by another
// process (or another open store in this process) fails with kFailedPrecondition and a
// message that says so.
Result<std::unique_ptr<Engine>> OpenRocksDbEngine(const RocksDbEngineOptions& options);

}  // namespace skybox::storage
