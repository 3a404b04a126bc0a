// Random (version 4) UUIDs in their lower-case text form, as AWS uses them for message ids,
// event ids and request ids.
//
// Thread-safety: safe from any thread (a per-thread generator seeded from the OS).
#pragma once

#include <cstdint>
#include <string>

namespace skybox {

// "0f8fad5b-d9cb-469f-a165-70867728950e"
std::string NewUuidV4();

// The version 4 UUID made of the bits of `hi` and `lo` (less the six that mark the version and
// variant), for ids drawn from a generator of the caller's own.
std::string FormatUuidV4(uint64_t hi, uint64_t lo);

}  // namespace skybox
