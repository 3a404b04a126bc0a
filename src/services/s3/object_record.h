// The stored forms of an S3 object version (V keys) and of an object head (H keys); see keys.h.
//
// A version's value is a 4-byte big-endian length, that many bytes of metadata, then the
// object's bytes when it is stored inline (small objects). Larger objects keep their bytes in
// blobs (blob/blob_store.h), listed in `parts` in object order. Metadata and heads are written
// in a binary form (base/binary_record.h, first byte 1) that GET and listings decode several
// times faster than the JSON form records had before; JSON records are still read.
//
// Thread-safety: plain values; the functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "services/s3/blob/blob_store.h"

namespace skybox::s3 {

// One stretch of an object's bytes: a single-part object's blob, or one multipart part.
struct ObjectPart {
  BlobId blob = 0;        // 0: the bytes are inline in the version record
  uint64_t size = 0;
  std::string etag;       // quoted MD5 of the part (multipart only)
  std::string checksum;   // base64 part checksum (multipart with a checksum algorithm)
};

// The checksum S3 stores with an object (flexible checksums).
struct StoredChecksum {
  std::string algorithm;  // ChecksumName(): "CRC32", "CRC32C", ..., "XXHASH128"
  std::string value;      // base64, "-N" suffixed for a composite multipart checksum
  std::string type;       // "FULL_OBJECT" or "COMPOSITE"
};

// A version's server-side encryption (server_side_encryption.h). Skybox stores the bytes
// unencrypted: this is what S3 would have done, recorded to be reported and, for SSE-C, to
// check the key of every read.
struct StoredEncryption {
  std::string algorithm = "AES256";  // "AES256", "aws:kms", "aws:kms:dsse"; empty for SSE-C
  std::string kms_key_id;            // the KMS key ARN (aws:kms, aws:kms:dsse)
  std::string kms_context;           // SSEKMSEncryptionContext as the request gave it (base64 JSON)
  bool bucket_key_enabled = false;
  // SSE-C: "AES256", a random salt and HMAC-SHA256(salt, key). Never the key itself.
  std::string customer_algorithm;
  std::string customer_key_salt, customer_key_hmac;

  bool is_customer() const { return !customer_algorithm.empty(); }
  bool is_default() const {
    return algorithm == "AES256" && kms_key_id.empty() && kms_context.empty() && !bucket_key_enabled &&
           customer_algorithm.empty();
  }
  bool operator==(const StoredEncryption&) const = default;
};

struct ObjectVersion {
  std::string version_id;  // "null" for the null version
  bool delete_marker = false;
  uint64_t size = 0;
  std::string etag;         // quoted: "\"<md5 hex>\"" or "\"<hex>-<parts>\""
  int64_t last_modified_ms = 0;
  std::string storage_class = "STANDARD";
  // System headers as the client sent them (empty: absent).
  std::string content_type, cache_control, content_disposition, content_encoding,
      content_language, expires, website_redirect;
  std::map<std::string, std::string> metadata;  // x-amz-meta-* without the prefix, lower-case names
  std::vector<std::pair<std::string, std::string>> tags;
  std::optional<StoredChecksum> checksum;
  // Object Lock (object_lock.h): the retention mode ("GOVERNANCE", "COMPLIANCE"; empty: none)
  // and its end, and the legal hold ("ON", "OFF"; empty: never set).
  std::string lock_mode;
  int64_t lock_retain_until_ms = 0;
  std::string legal_hold;
  bool has_object_lock() const { return !lock_mode.empty() || !legal_hold.empty(); }
  StoredEncryption encryption;     // records from before it decode as SSE-S3
  // An archived storage class (GLACIER, DEEP_ARCHIVE; archive_restore.h): the restored copy is
  // readable until then (ms since the epoch); 0 when no restore was ever requested.
  int64_t restore_expiry_ms = 0;
  bool multipart = false;          // parts are multipart parts (ETag "-N", partNumber reads)
  std::string upload_id;           // the multipart upload this version completed; empty otherwise
  std::vector<ObjectPart> parts;   // empty: the bytes are inline
  std::string inline_data;         // the bytes, when `parts` is empty
};

std::string EncodeVersion(const ObjectVersion& version);
Result<ObjectVersion> DecodeVersion(std::string_view value);
// Only the metadata (no inline bytes copied): for HEAD, listings and deletes.
Result<ObjectVersion> DecodeVersionMetadata(std::string_view value);

// What a key's H record holds: where its current version and its null version are, and the
// current version's listing facts, so that ListObjects reads one record per key.
struct ObjectHead {
  uint64_t current_seq = 0;
  std::optional<uint64_t> null_seq;  // the "null" version, if the key has one
  bool delete_marker = false;        // the current version is a delete marker
  uint64_t size = 0;
  std::string etag;
  int64_t last_modified_ms = 0;
  std::string storage_class = "STANDARD";
  std::string version_id;            // of the current version
  int64_t restore_expiry_ms = 0;     // of the current version (ObjectVersion::restore_expiry_ms)
  // The current version's checksum algorithm and type (StoredChecksum's), empty without one:
  // what a listing names for the object (ChecksumAlgorithm, ChecksumType).
  std::string checksum_algorithm;
  std::string checksum_type;
};

std::string EncodeHead(const ObjectHead& head);
Result<ObjectHead> DecodeHead(std::string_view value);
// The head describing `version` stored at `seq`, keeping `null_seq`.
ObjectHead HeadFor(const ObjectVersion& version, uint64_t seq, std::optional<uint64_t> null_seq);

// Every blob a version refers to.
std::vector<BlobId> BlobsOf(const ObjectVersion& version);

}  // namespace skybox::s3
