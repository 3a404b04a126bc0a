// The bytes of a stored object version as a net::ResponseBodySource: a byte range over its
// inline data or its blobs, read in pieces of at most 1 MiB.
//
// Thread-safety: as net::ResponseBodySource (one Next at a time). Blob reads are preads that
// the page cache usually serves; they run on the calling event loop.
#pragma once

#include <memory>
#include <vector>

#include "base/checksum.h"
#include "net/http_message.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// Serves bytes [first, first + length) of `version` (which must carry its inline data when it
// has no parts), holding `guard` (S3Backend::GuardBlobReads, taken before `version` was read)
// until it is done, so its blobs outlive a delete or overwrite meanwhile. The backend must
// outlive the source.
std::shared_ptr<net::ResponseBodySource> NewObjectBodySource(S3Backend& backend, ObjectVersion version,
                                                             uint64_t first, uint64_t length,
                                                             BlobReclaimer::ReadGuard guard);

// Reads bytes [first, first + length) of `version` into memory (for copies of small ranges).
Result<std::string> ReadObjectBytes(S3Backend& backend, const ObjectVersion& version, uint64_t first,
                                    uint64_t length);

// The raw digests of all of `version`'s bytes, one per algorithm in `algorithms`' order, in one
// pass read 1 MiB at a time (a copy's ETag and checksum). Blocks on disk: call it on a WorkerPool.
Result<std::vector<std::string>> DigestObjectBytes(S3Backend& backend, const ObjectVersion& version,
                                                   const std::vector<ChecksumAlgorithm>& algorithms);

}  // namespace skybox::s3
