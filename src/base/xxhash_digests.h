// The XXHASH checksums S3 accepts (XXHASH64, XXHASH3, XXHASH128), incremental, from libxxhash.
//
// Seed 0; the raw digest is the hash in xxHash's canonical (big-endian) byte order, which S3
// base64-encodes as it does the CRCs: XXHASH64 and XXHASH3 8 bytes, XXHASH128 16 bytes.
//
// Thread-safety: a returned hash is a single-owner object, as every StreamingHash.
#pragma once

#include <memory>

#include "base/checksum.h"

namespace skybox {

// A streaming XXHASH64, XXHASH3 or XXHASH128; aborts for any other algorithm.
std::unique_ptr<StreamingHash> NewXxhash(ChecksumAlgorithm algorithm);

}  // namespace skybox
