// Translation of rocksdb::Status into skybox::Status (internal to storage/).
//
// Thread-safety: stateless.
#pragma once

#include <rocksdb/status.h>

#include <string>

#include "base/status.h"

namespace skybox::storage {

// OK stays OK. I/O errors become kUnavailable, corruption kDataLoss, anything else kInternal;
// the message starts with `what` (the operation that failed).
Status FromRocks(const rocksdb::Status& status, const std::string& what);

// As FromRocks, but recognises the failures of opening a data dir that an operator can fix
// (the LOCK file held by another process) and words them for a CLI.
Status FromRocksOpen(const rocksdb::Status& status, const std::string& data_dir);

}  // namespace skybox::storage
