// Checks that a directory can hold a store, creating it when missing, and explains in words a
// CLI can print why it cannot.
//
// Thread-safety: stateless; safe from any thread.
#pragma once

#include <string>

#include "base/status.h"

namespace skybox::storage {

// OK when `path` is (now) a writable directory. Otherwise kFailedPrecondition (exists but is a
// file, not writable, cannot be created) or kInvalidArgument (empty path), with a message that
// names the path and the reason.
Status PrepareDataDir(const std::string& path);

}  // namespace skybox::storage
