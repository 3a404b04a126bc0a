// The digests a request may send for its payload: Content-MD5 and one flexible checksum
// (x-amz-checksum-crc32, -sha256, ... -xxhash128: base/checksum.h; the base64 of the raw digest),
// and S3's answers when one is malformed or does not match what was received. Streamed S3
// bodies (PutObject, UploadPart) are checked as they arrive (services/s3/body_upload.h); every
// other payload is held whole and checked here before it is decoded, so a corrupted
// configuration or Multi-Object Delete is refused rather than applied.
//
// Thread-safety: pure functions.
#pragma once

#include <string_view>

#include "base/checksum.h"
#include "base/status.h"
#include "net/http_message.h"

namespace skybox::aws {

// 400 InvalidDigest: a Content-MD5 that is not the base64 of 16 bytes (`sent`, named in the error).
Status InvalidContentMd5(std::string_view sent);
// 400 BadDigest: the payload's MD5 (`calculated`, 16 raw bytes) is not the Content-MD5 sent
// (`claimed`, decoded). Names both as S3 does: CalculatedDigest in base64, ExpectedDigest in hex.
Status ContentMd5Mismatch(std::string_view claimed, std::string_view calculated);
// 400 BadDigest: the payload's checksum is not the one sent ("The CRC32 you specified did not
// match the calculated checksum.").
Status ChecksumMismatch(ChecksumAlgorithm algorithm);
// 400 InvalidRequest: a checksum header that is not the base64 of a digest of its algorithm.
Status InvalidChecksumValue(ChecksumAlgorithm algorithm);
// 400 InvalidRequest: checksum headers of two algorithms.
Status MultipleChecksums();

// OK when every digest `request` sends for `payload` (Content-MD5, an x-amz-checksum-* header)
// matches it, or none is sent; else the first error above that applies. `checksum_headers` is
// false for an operation that reads the x-amz-checksum-* headers as members of its own
// (CompleteMultipartUpload: the checksum of the object it assembles): only Content-MD5 is then
// the payload's.
Status VerifyPayloadDigests(const net::HttpRequest& request, std::string_view payload, bool checksum_headers);

}  // namespace skybox::aws
