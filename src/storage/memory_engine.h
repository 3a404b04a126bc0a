// MemoryEngine: the ephemeral engine behind `skybox serve --ephemeral`. Nothing touches disk.
//
// Each namespace is an ordered map from key to its recent versions (multi-version
// concurrency control): a write group gets the next sequence number, a snapshot remembers
// the sequence it was taken at and reads the newest version at or below it. Versions no live
// snapshot can see are pruned when their key is written again and when the last snapshot
// that needed them is released, so memory tracks live data, not history.
//
// Thread-safety: all methods may be called concurrently (one shared mutex: reads share it,
// writes and snapshot releases take it exclusively).
#pragma once

#include <memory>

#include "storage/engine.h"

namespace skybox::storage {

std::unique_ptr<Engine> NewMemoryEngine();

}  // namespace skybox::storage
