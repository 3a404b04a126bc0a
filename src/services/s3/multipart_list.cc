// ListParts and ListMultipartUploads: ordered walks over an upload's P keys and a bucket's U
// keys (keys.h), with S3's markers, max-parts / max-uploads and delimiter roll-up.
#include <algorithm>

#include "base/percent_encoding.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/keys.h"
#include "services/s3/lifecycle_expiration.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"
#include "services/s3/upload_record.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

constexpr int64_t kMaxListed = 1000;

aws::Document OwnerOf(const aws::Call& call) {
  return {{"ID", CanonicalUserId(call.caller.account_id)}, {"DisplayName", kOwnerDisplayName}};
}

uint32_t PartNumberOf(std::string_view part_key) {
  uint32_t n = 0;
  for (char c : part_key.substr(part_key.size() - 4)) n = (n << 8) | static_cast<uint8_t>(c);
  return n;
}

void AddUploadChecksum(const ObjectVersion& upload, aws::Document& out) {
  if (!upload.checksum) return;
  out["ChecksumAlgorithm"] = upload.checksum->algorithm;
  out["ChecksumType"] = upload.checksum->type;
}

}  // namespace

void ListParts(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string bucket = in.value("Bucket", std::string());
  std::string key = in.value("Key", std::string());
  std::string upload_id = in.value("UploadId", std::string());
  const int64_t max_parts = in.value("MaxParts", kMaxListed);  // echoed as asked; a page holds at most 1000
  const int64_t page_limit = std::min(max_parts, kMaxListed);
  int64_t marker = in.value("PartNumberMarker", int64_t{0});
  if (max_parts < 0) return done(InvalidArgument("Argument max-parts must be an integer between 0 and 2147483647"));
  if (marker < 0) return done(InvalidArgument("Argument partNumberMarker must be an integer between 0 and 2147483647"));
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);
  auto upload = ReadUpload(b, bucket, key, upload_id);
  if (!upload.ok()) return done(upload.status());

  std::string prefix = PartPrefix(upload_id);
  storage::IteratorOptions options;
  options.lower_bound = marker >= kMaxPartNumber ? PrefixEnd(prefix) : PartKey(upload_id, static_cast<uint32_t>(marker + 1));
  options.upper_bound = PrefixEnd(prefix);
  auto it = b.store().NewIterator(b.ns(), options);
  aws::Document parts = aws::Document::array();
  bool truncated = false;
  uint32_t last = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    if (static_cast<int64_t>(parts.size()) == page_limit) {
      truncated = page_limit > 0;  // max-parts=0 is an empty answer, not a page to follow
      break;
    }
    auto part = DecodeVersionMetadata(it->value());
    if (!part.ok() || part->parts.size() != 1) return done(S3InternalError(part.status()));
    last = PartNumberOf(it->key());
    aws::Document entry = {{"PartNumber", last}, {"LastModified", WholeSeconds(part->last_modified_ms)},
                           {"ETag", part->etag}, {"Size", part->size}};
    if (upload->checksum) {
      if (auto algorithm = UploadAlgorithm(*upload)) entry[std::string(ChecksumMember(*algorithm))] = part->parts[0].checksum;
    }
    parts.push_back(std::move(entry));
  }
  if (!it->status().ok()) return done(S3InternalError(it->status()));
  aws::Document out = {{"Bucket", bucket}, {"Key", key}, {"UploadId", upload_id}, {"PartNumberMarker", marker},
                       {"MaxParts", max_parts}, {"IsTruncated", truncated}, {"Initiator", OwnerOf(call)},
                       {"Owner", OwnerOf(call)}, {"StorageClass", upload->storage_class}};
  if (!parts.empty()) {
    out["NextPartNumberMarker"] = last;
    out["Parts"] = std::move(parts);
  }
  AddUploadChecksum(*upload, out);
  AddUploadAbort(BucketLifecycleRules(b, bucket), key, upload->last_modified_ms, out);
  done(out);
}

void ListMultipartUploads(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document& in = call.input;
  std::string bucket = in.value("Bucket", std::string());
  std::string prefix = in.value("Prefix", std::string());
  std::string delimiter = in.value("Delimiter", std::string());
  std::string key_marker = in.value("KeyMarker", std::string());
  std::string upload_id_marker = in.value("UploadIdMarker", std::string());
  const int64_t max_uploads = in.value("MaxUploads", kMaxListed);  // echoed as asked
  const int64_t page_limit = std::min(max_uploads, kMaxListed);
  if (max_uploads < 0) return done(InvalidArgument("Argument max-uploads must be an integer between 0 and 2147483647"));
  bool url_encoding = false;
  if (in.contains("EncodingType")) {
    if (in["EncodingType"] != "url") return done(InvalidArgument("Invalid Encoding Method specified in Request"));
    url_encoding = true;
  }
  auto encode = [url_encoding](std::string_view text) {
    return url_encoding ? PercentEncode(text, /*keep_slash=*/true) : std::string(text);
  };
  if (Status st = b.RequireBucket(bucket); !st.ok()) return done(st);

  std::string bucket_prefix = UploadBucketPrefix(bucket);
  storage::IteratorOptions options;
  options.lower_bound = bucket_prefix + prefix;
  options.upper_bound = PrefixEnd(options.lower_bound);
  auto it = b.store().NewIterator(b.ns(), options);
  if (key_marker.empty()) {
    it->SeekToFirst();
  } else {
    // After the marker key's uploads, or after one upload of it when an upload id is given; a
    // marker that is a common prefix (a page ended on it) skips every key under it.
    const bool rolled_up = !delimiter.empty() && key_marker.starts_with(prefix) &&
                           key_marker.size() >= delimiter.size() && key_marker.ends_with(delimiter) &&
                           key_marker.find(delimiter, prefix.size()) == key_marker.size() - delimiter.size();
    std::string start = rolled_up ? PrefixEnd(bucket_prefix + key_marker)
                        : upload_id_marker.empty() ? PrefixEnd(bucket_prefix + key_marker + std::string(1, '\0'))
                                                   : UploadKey(bucket, key_marker, upload_id_marker);
    it->Seek(std::max(start, options.lower_bound));
    if (it->Valid() && it->key() == start) it->Next();
  }
  aws::Document uploads = aws::Document::array();
  aws::Document prefixes = aws::Document::array();
  std::string next_key, next_upload_id;
  bool truncated = false;
  int64_t count = 0;
  while (it->Valid()) {
    std::string_view rest = it->key().substr(bucket_prefix.size());
    size_t nul = rest.find('\0');
    std::string_view key = rest.substr(0, nul);
    std::string_view upload_id = rest.substr(nul + 1);
    if (count == page_limit) {
      truncated = page_limit > 0;  // max-uploads=0 is an empty answer, not a page to follow
      break;
    }
    if (!delimiter.empty()) {
      if (size_t at = key.find(delimiter, prefix.size()); at != std::string_view::npos) {
        std::string common(key.substr(0, at + delimiter.size()));
        if (!key_marker.empty() && common <= key_marker) {  // S3 reports only groups after the marker
          it->Seek(PrefixEnd(bucket_prefix + common));
          continue;
        }
        ++count;
        prefixes.push_back({{"Prefix", encode(common)}});
        next_key = common;
        next_upload_id.clear();
        it->Seek(PrefixEnd(bucket_prefix + common));
        continue;
      }
    }
    ++count;
    auto upload = DecodeVersionMetadata(it->value());
    if (!upload.ok()) return done(S3InternalError(upload.status()));
    aws::Document entry = {{"UploadId", upload_id}, {"Key", encode(key)},
                           {"Initiated", WholeSeconds(upload->last_modified_ms)},
                           {"StorageClass", upload->storage_class}, {"Owner", OwnerOf(call)},
                           {"Initiator", OwnerOf(call)}};
    AddUploadChecksum(*upload, entry);
    uploads.push_back(std::move(entry));
    next_key = std::string(key);
    next_upload_id = std::string(upload_id);
    it->Next();
  }
  if (!it->status().ok()) return done(S3InternalError(it->status()));
  aws::Document out = {{"Bucket", bucket}, {"KeyMarker", encode(key_marker)}, {"UploadIdMarker", upload_id_marker},
                       {"Prefix", encode(prefix)}, {"MaxUploads", max_uploads}, {"IsTruncated", truncated}};
  if (!delimiter.empty()) out["Delimiter"] = encode(delimiter);
  if (url_encoding) out["EncodingType"] = "url";
  if (truncated) {
    out["NextKeyMarker"] = encode(next_key);
    out["NextUploadIdMarker"] = next_upload_id;
  }
  if (!uploads.empty()) out["Uploads"] = std::move(uploads);
  if (!prefixes.empty()) out["CommonPrefixes"] = std::move(prefixes);
  done(out);
}

}  // namespace skybox::s3
