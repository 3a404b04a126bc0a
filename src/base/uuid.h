// Random (version 4) UUIDs in their lower-case text form, as AWS uses them for message ids,
// event ids and request ids.
//
// Thread-safety: safe from any thread (a per-thread generator seeded from the OS).
#pragma once

#include <string>

namespace skybox {

// "0f8fad5b-d9cb-469f-a165-70867728950e"
std::string NewUuidV4();

}  // namespace skybox
