// Every S3 storage key, in one place. All of S3 lives in one Store namespace ("s3"); the first
// byte says what a key holds, and the order inside each kind is the order S3 lists in.
//
//   B<bucket>                                   bucket record (bucket_record.h)
//   C<bucket>\0<config>                         bucket configuration (config/config_store.h)
//   H<bucket>\0<key>                            object head: the key's current version and its
//                                               null version, plus what listings show (object_record.h)
//   V<bucket>\0<key>\0<~seq:8 BE>               one object version or delete marker, newest first
//   A<bucket>\0<key>\0<~seq:8 BE>               a version's ACL grants, when not the default
//   U<bucket>\0<key>\0<upload id>               a multipart upload in progress
//   P<upload id>\0<part number:4 BE>            an uploaded part
//   G<upload id>                                the ACL grants the upload's object will have, when
//                                               CreateMultipartUpload set an ACL (object_acl.h)
//   R<blob id:8 BE>                             a blob file is referenced (blob/blob_store.h):
//                                               written in the batch that first refers to it,
//                                               deleted in the batch that drops the last use
// Object keys are UTF-8 without NUL (S3 keys are XML text), so '\0' separators keep byte order:
// "a" < "a/b" < "ab" as in S3 listings.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "storage/iterator.h"

namespace skybox::s3 {

std::string BucketKey(std::string_view bucket);
inline constexpr std::string_view kBucketPrefix = "B";

std::string HeadPrefix(std::string_view bucket);                  // H<bucket>\0
std::string HeadKey(std::string_view bucket, std::string_view key);

std::string VersionBucketPrefix(std::string_view bucket);         // V<bucket>\0
std::string VersionPrefix(std::string_view bucket, std::string_view key);  // V<bucket>\0<key>\0
std::string VersionKey(std::string_view bucket, std::string_view key, uint64_t seq);
// The object key and sequence of a version key under VersionBucketPrefix(bucket).
struct VersionKeyParts {
  std::string_view key;
  uint64_t seq;
};
std::optional<VersionKeyParts> ParseVersionKey(std::string_view bucket, std::string_view storage_key);

// The ACL record of the version VersionKey(bucket, key, seq) names (same layout, kind 'A').
std::string ObjectAclKey(std::string_view bucket, std::string_view key, uint64_t seq);

std::string UploadBucketPrefix(std::string_view bucket);          // U<bucket>\0
std::string UploadKey(std::string_view bucket, std::string_view key, std::string_view upload_id);
std::string PartPrefix(std::string_view upload_id);               // P<upload id>\0
std::string PartKey(std::string_view upload_id, uint32_t part_number);
std::string UploadAclKey(std::string_view upload_id);             // G<upload id>

std::string BlobRefKey(uint64_t blob_id);
inline constexpr std::string_view kBlobRefPrefix = "R";

using storage::PrefixEnd;  // the S3 key ranges' upper bounds (storage/iterator.h)

}  // namespace skybox::s3
