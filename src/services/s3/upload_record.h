// The stored state of multipart uploads (keys.h: U and P keys) and the one way every multipart
// operation changes it.
//
// An upload record (U<bucket>\0<key>\0<upload id>) is an ObjectVersion template, encoded with
// EncodeVersion: the attributes the completed object will carry (ReadObjectAttributes), its
// storage class, `last_modified_ms` = the initiation time, and `checksum` naming the upload's
// checksum algorithm and type with an empty value. A part record (P<upload id>\0<n>) is an
// ObjectVersion too: size, etag, last_modified_ms and exactly one ObjectPart (blob, size, etag,
// base64 checksum); its blob's R key is written in the part's batch.
//
// Writes to one upload (UploadPart, UploadPartCopy, Complete, Abort) are serialised on
// S3Backend::writers() under the upload key, so a part cannot land after its upload completed
// or was aborted; CompleteMultipartUpload also holds the object key (HeadKey).
//
// Thread-safety: functions are thread-safe; `done` runs on the committer or the calling thread.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/service.h"
#include "base/checksum.h"
#include "base/result.h"
#include "services/s3/object_record.h"
#include "services/s3/s3_backend.h"
#include "storage/write_batch.h"

namespace skybox::s3 {

inline constexpr int kMaxPartNumber = 10000;
inline constexpr uint64_t kMinPartBytes = 5ull << 20;  // every part but the last

// A new upload id: URL-safe, 40 characters, ordered by creation time (so an object key's
// uploads list in initiation order, as in S3).
std::string NewUploadId();

// An ETag without its surrounding quotes (clients list part ETags either way).
std::string_view UnquotedEtag(std::string_view etag);

// The ETag S3 gives the object made of parts with these (hex MD5) ETags, quoted or not: the hex
// MD5 of the parts' concatenated MD5s, then "-<number of parts>", quoted.
std::string MultipartEtag(const std::vector<std::string_view>& part_etags);

// The upload record, or NoSuchUpload.
Result<ObjectVersion> ReadUpload(S3Backend& backend, std::string_view bucket, std::string_view key,
                                 std::string_view upload_id);

// A part record; nullopt when the part was not uploaded.
Result<std::optional<ObjectVersion>> ReadPart(S3Backend& backend, std::string_view upload_id, uint32_t number);

// The upload's checksum algorithm (nullopt: none).
std::optional<ChecksumAlgorithm> UploadAlgorithm(const ObjectVersion& upload);

// 400 InvalidArgument "Part number must be an integer between 1 and 10000, inclusive" (with
// ArgumentName partNumber and ArgumentValue) unless 1 <= n <= 10000.
Result<uint32_t> ValidPartNumber(int64_t n);

// Adds to `batch` the removal of every part record of `upload_id`, of the ACL its object was to
// have, and of the references of the parts' blobs (collected into `freed`), except blobs in `kept`.
Status DropParts(S3Backend& backend, std::string_view upload_id, const std::vector<BlobId>& kept,
                 storage::WriteBatch& batch, std::vector<BlobId>& freed);

// What UploadPart and UploadPartCopy name: the bucket, key, upload (which must exist) and a
// valid part number.
struct PartTarget {
  std::string bucket, key, upload_id;
  uint32_t number = 0;
  ObjectVersion upload;
};
Result<PartTarget> ReadPartTarget(S3Backend& backend, const aws::Call& call);

// Deletes an upload, its parts and their blobs (NoSuchUpload when it is gone).
void AbortUpload(S3Backend& backend, std::string bucket, std::string key, std::string upload_id,
                 std::function<void(Status)> done);

// Records part `number` of an upload (replacing an earlier upload of that number) after
// checking under the upload's lock that the upload still exists. `part`'s blob must be durable;
// on failure it is removed.
void CommitPart(S3Backend& backend, std::string bucket, std::string key, std::string upload_id,
                uint32_t number, ObjectVersion part, std::function<void(Status)> done);

}  // namespace skybox::s3
