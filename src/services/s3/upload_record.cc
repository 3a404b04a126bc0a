#include "services/s3/upload_record.h"

#include <algorithm>
#include <chrono>
#include <memory>
#include <random>

#include "base/crypto.h"
#include "services/s3/keys.h"
#include "services/s3/object_commit.h"
#include "services/s3/s3_errors.h"
#include "storage/iterator.h"

namespace skybox::s3 {
namespace {

// URL-safe base64 digits in ASCII order, so that ids compare as their time prefixes do.
constexpr char kUrlSafe[] = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

// The raw MD5 behind a part's hex ETag.
std::string RawMd5(std::string_view etag) {
  std::string_view hex = UnquotedEtag(etag);
  std::string raw;
  auto nibble = [](char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (size_t i = 0; i + 1 < hex.size(); i += 2) raw.push_back(static_cast<char>(nibble(hex[i]) << 4 | nibble(hex[i + 1])));
  return raw;
}

}  // namespace

std::string_view UnquotedEtag(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') return etag.substr(1, etag.size() - 2);
  return etag;
}

std::string MultipartEtag(const std::vector<std::string_view>& part_etags) {
  std::string md5s;
  for (std::string_view etag : part_etags) md5s += RawMd5(etag);
  return "\"" + HexEncode(AsBytes(Md5(md5s))) + "-" + std::to_string(part_etags.size()) + "\"";
}

std::string NewUploadId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  uint64_t micros = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                              std::chrono::system_clock::now().time_since_epoch())
                                              .count());
  std::string id;
  // 9 characters of 6 bits hold the time (54 bits), then 31 random characters.
  for (int i = 8; i >= 0; --i) id.push_back(kUrlSafe[(micros >> (6 * i)) & 63]);
  while (id.size() < 40) {
    uint64_t r = rng();
    for (int i = 0; i < 10 && id.size() < 40; ++i, r >>= 6) id.push_back(kUrlSafe[r & 63]);
  }
  return id;
}

Result<ObjectVersion> ReadUpload(S3Backend& b, std::string_view bucket, std::string_view key,
                                 std::string_view upload_id) {
  auto value = b.store().Get(b.ns(), UploadKey(bucket, key, upload_id));
  if (!value.ok()) return S3InternalError(value.status());
  if (!value->has_value()) return NoSuchUpload(upload_id);
  auto upload = DecodeVersionMetadata(**value);
  if (!upload.ok()) return S3InternalError(upload.status());
  return upload;
}

Result<std::optional<ObjectVersion>> ReadPart(S3Backend& b, std::string_view upload_id, uint32_t number) {
  auto value = b.store().Get(b.ns(), PartKey(upload_id, number));
  if (!value.ok()) return S3InternalError(value.status());
  if (!value->has_value()) return std::optional<ObjectVersion>();
  auto part = DecodeVersionMetadata(**value);
  if (!part.ok() || part->parts.size() != 1) {
    return S3InternalError(Status(StatusCode::kDataLoss, "corrupt S3 part record"));
  }
  return std::optional<ObjectVersion>(std::move(part).value());
}

std::optional<ChecksumAlgorithm> UploadAlgorithm(const ObjectVersion& upload) {
  if (!upload.checksum) return std::nullopt;
  return ParseChecksumAlgorithm(upload.checksum->algorithm);
}

Result<uint32_t> ValidPartNumber(int64_t n) {
  if (n < 1 || n > kMaxPartNumber) {
    return InvalidArgument("Part number must be an integer between 1 and 10000, inclusive")
        .WithDetail("ArgumentName", "partNumber")
        .WithDetail("ArgumentValue", std::to_string(n));
  }
  return static_cast<uint32_t>(n);
}

Result<PartTarget> ReadPartTarget(S3Backend& b, const aws::Call& call) {
  PartTarget t;
  t.bucket = call.input.value("Bucket", std::string());
  t.key = call.input.value("Key", std::string());
  t.upload_id = call.input.value("UploadId", std::string());
  SKYBOX_ASSIGN_OR_RETURN(t.number, ValidPartNumber(call.input.value("PartNumber", int64_t{0})));
  SKYBOX_RETURN_IF_ERROR(b.RequireBucket(t.bucket));
  SKYBOX_ASSIGN_OR_RETURN(t.upload, ReadUpload(b, t.bucket, t.key, t.upload_id));
  return t;
}

void AbortUpload(S3Backend& b, std::string bucket, std::string key, std::string upload_id,
                 std::function<void(Status)> done) {
  std::string lock = UploadKey(bucket, key, upload_id);
  auto change = [&b, bucket, key, upload_id](storage::WriteBatch& batch, ChangeEffects& effects) -> Status {
    SKYBOX_RETURN_IF_ERROR(ReadUpload(b, bucket, key, upload_id).status());
    batch.Delete(b.ns(), UploadKey(bucket, key, upload_id));
    return DropParts(b, upload_id, {}, batch, effects.freed);
  };
  CommitUnderLocks(b, bucket, {std::move(lock)}, std::move(change), std::move(done));
}

Status DropParts(S3Backend& b, std::string_view upload_id, const std::vector<BlobId>& kept,
                 storage::WriteBatch& batch, std::vector<BlobId>& freed) {
  batch.Delete(b.ns(), UploadAclKey(upload_id));
  std::string prefix = PartPrefix(upload_id);
  storage::IteratorOptions options;
  options.lower_bound = prefix;
  options.upper_bound = PrefixEnd(prefix);
  auto it = b.store().NewIterator(b.ns(), options);
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    batch.Delete(b.ns(), it->key(), it->value().size());
    auto part = DecodeVersionMetadata(it->value());
    if (!part.ok()) return S3InternalError(part.status());
    for (BlobId id : BlobsOf(*part)) {
      if (std::find(kept.begin(), kept.end(), id) != kept.end()) continue;
      batch.Delete(b.ns(), BlobRefKey(id));
      freed.push_back(id);
    }
  }
  if (!it->status().ok()) return S3InternalError(it->status());
  return Status();
}

void CommitPart(S3Backend& b, std::string bucket, std::string key, std::string upload_id, uint32_t number,
                ObjectVersion part, std::function<void(Status)> done) {
  std::vector<BlobId> blobs = BlobsOf(part);
  auto change = [&b, bucket, key, upload_id, number, part = std::move(part)](
                    storage::WriteBatch& batch, ChangeEffects& effects) -> Status {
    SKYBOX_RETURN_IF_ERROR(ReadUpload(b, bucket, key, upload_id).status());
    SKYBOX_ASSIGN_OR_RETURN(std::optional<ObjectVersion> old, ReadPart(b, upload_id, number));
    if (old) {
      for (BlobId id : BlobsOf(*old)) {
        batch.Delete(b.ns(), BlobRefKey(id));
        effects.freed.push_back(id);
      }
    }
    batch.Put(b.ns(), PartKey(upload_id, number), EncodeVersion(part));
    for (BlobId id : BlobsOf(part)) batch.Put(b.ns(), BlobRefKey(id), "");
    return Status();
  };
  CommitUnderLocks(b, bucket, {UploadKey(bucket, key, upload_id)}, std::move(change),
                    [&b, blobs = std::move(blobs), done = std::move(done)](Status st) {
                      if (!st.ok()) b.RemoveBlobsLater(blobs);
                      done(st);
                    });
}

}  // namespace skybox::s3
