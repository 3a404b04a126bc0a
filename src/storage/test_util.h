// Helpers shared by the storage tests (not part of the library).
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <map>
#include <string>

#include "storage/store.h"

namespace skybox::storage::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = std::string(base ? base : "/tmp") + "/skybox-storage-XXXXXX";
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Every key/value of `ns` in order, read through a full forward scan.
inline std::map<std::string, std::string> ReadAll(Store& store, Namespace ns) {
  std::map<std::string, std::string> out;
  auto it = store.NewIterator(ns);
  for (it->SeekToFirst(); it->Valid(); it->Next()) out.emplace(it->key(), it->value());
  return out;
}

}  // namespace skybox::storage::testing
