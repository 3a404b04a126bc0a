#include "storage/rocksdb_status.h"

namespace skybox::storage {

Status FromRocks(const rocksdb::Status& status, const std::string& what) {
  if (status.ok()) return Status::Ok();
  StatusCode code = StatusCode::kInternal;
  if (status.IsIOError() || status.IsBusy() || status.IsTimedOut()) code = StatusCode::kUnavailable;
  if (status.IsCorruption()) code = StatusCode::kDataLoss;
  return Status(code, what + ": " + status.ToString());
}

Status FromRocksOpen(const rocksdb::Status& status, const std::string& data_dir) {
  std::string text = status.ToString();
  // RocksDB words a held lock differently for another process ("While lock file") and for
  // this process ("lock hold by current process"); both name the LOCK file.
  if (status.IsIOError() && text.find("/LOCK") != std::string::npos) {
    return Status(StatusCode::kFailedPrecondition,
                  "data dir " + data_dir +
                      " is already in use by another skybox process (its LOCK file is held); "
                      "stop that process or choose another data dir");
  }
  return FromRocks(status, "open data dir " + data_dir);
}

}  // namespace skybox::storage
