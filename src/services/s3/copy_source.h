// The source side of CopyObject and UploadPartCopy: parsing x-amz-copy-source, finding the
// source version and applying the x-amz-copy-source-if-* conditions, and giving the source's
// bytes new blobs (a hard link per blob when whole blobs are copied; a written copy for ranges
// and inline bytes).
//
// Thread-safety: pure parsing; ReadCopySource reads the store on the calling thread; LinkParts
// and CopyRangeToBlob block on disk and belong on S3Backend::pool().
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/service.h"
#include "base/checksum.h"
#include "base/result.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

struct CopySource {
  std::string bucket;
  std::string key;
  std::optional<std::string> version_id;
};

// "[/]<bucket>/<url-encoded key>[?versionId=<id>]". InvalidArgument for anything else.
Result<CopySource> ParseCopySource(std::string_view header);

// The source version with its inline bytes, after the copy-source conditions held. Errors as
// S3: NoSuchBucket, NoSuchKey (also for a current delete marker), NoSuchVersion, InvalidArgument
// for a malformed version id, InvalidRequest for a delete marker named by version id, 412, and
// the SSE-C errors of CheckCustomerKeyForRead (server_side_encryption.h) for the
// x-amz-copy-source-server-side-encryption-customer-* key against the source's encryption.
Result<ObjectVersion> ReadCopySource(S3Backend& backend, const aws::Call& call, const CopySource& source);

// New durable blobs holding the same bytes as each of `source`'s parts (same sizes, ETags and
// checksums). On failure none is left behind. Blocking.
Result<std::vector<ObjectPart>> LinkParts(S3Backend& backend, const std::vector<ObjectPart>& parts);

// A new durable blob with bytes [first, first + length) of `source`, its MD5 and, when
// `algorithm` is set, its checksum (raw digests). Blocking.
struct CopiedRange {
  ObjectPart part;  // blob and size
  std::string md5;
  std::optional<std::string> checksum;
};
Result<CopiedRange> CopyRangeToBlob(S3Backend& backend, const ObjectVersion& source, uint64_t first,
                                    uint64_t length, std::optional<ChecksumAlgorithm> algorithm);

}  // namespace skybox::s3
