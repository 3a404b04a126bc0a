// Receiving an object's (or a part's) bytes: reads the decoded payload, computes its MD5 (the
// ETag) and its flexible checksum, verifies Content-MD5 and the checksum the client sent (as a
// header or an aws-chunked trailer), and keeps the bytes inline when small or writes them to a
// new durable blob when large. Memory: at most four 1 MiB buffers per upload (one being read, three
// being hashed or written), whatever the object size.
//
// Thread-safety: `done` runs on an event loop or a worker thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "aws/service.h"
#include "base/checksum.h"
#include "base/result.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// What the request says about the integrity of its body.
struct IntegrityClaims {
  std::optional<std::string> content_md5;       // base64, from Content-MD5
  std::optional<ChecksumAlgorithm> algorithm;   // the checksum to compute, if any
  std::optional<std::string> checksum;          // base64 value from a header (else a trailer)
};

// From the input members (ContentMD5, ChecksumAlgorithm, Checksum<ALGO>) and the
// x-amz-trailer header. Fails with InvalidRequest for an unknown algorithm or two different
// checksum headers.
Result<IntegrityClaims> ReadIntegrityClaims(const aws::Call& call);

// An object uploaded without a flexible checksum gets a CRC64NVME (FULL_OBJECT), as S3 adds one
// since December 2024: names it as the algorithm to compute when `claims` name none. For whole
// objects only (PutObject, POST uploads); a part of an upload created without an algorithm has none.
void DefaultToCrc64Nvme(IntegrityClaims& claims);

struct UploadedBody {
  uint64_t size = 0;
  std::string md5;                // raw
  std::optional<std::string> checksum;  // raw digest of claims.algorithm
  BlobId blob = 0;                // 0: the bytes are in `inline_data`
  std::string inline_data;
};

// OK when the request frames its body (a Content-Length or Transfer-Encoding header); an upload
// that declares neither is 411 MissingContentLength, as S3 answers.
Status RequireDeclaredLength(const aws::Call& call);

// Reads `call.http->request_body` to its end (a checksum may come in its aws-chunked
// trailer). On success a blob, if any, is durable and unreferenced: the caller references it
// in its batch or removes it.
void ReceiveBody(S3Backend& backend, const aws::Call& call, IntegrityClaims claims,
                 std::function<void(Result<UploadedBody>)> done);

// The same for bytes from any stream (a browser form's file field); checksums come only from
// `claims`.
void ReceiveBody(S3Backend& backend, std::shared_ptr<net::RequestBodyStream> body, IntegrityClaims claims,
                 std::function<void(Result<UploadedBody>)> done);

// Makes `version` hold `body` as a single-part object: size, ETag, time, the checksum of
// `algorithm` (FULL_OBJECT), and the bytes (inline or its blob).
void StoreBodyInVersion(UploadedBody body, std::optional<ChecksumAlgorithm> algorithm, ObjectVersion& version);

// The quoted ETag of single-part bytes with this MD5.
std::string EtagOfMd5(const std::string& raw_md5);

}  // namespace skybox::s3
