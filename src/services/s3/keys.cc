#include "services/s3/keys.h"

#include "base/big_endian.h"

namespace skybox::s3 {
namespace {

std::string Join(char kind, std::string_view a) {
  std::string out;
  out.reserve(a.size() + 2);
  out.push_back(kind);
  out.append(a);
  out.push_back('\0');
  return out;
}

}  // namespace

std::string BucketKey(std::string_view bucket) { return std::string(kBucketPrefix) + std::string(bucket); }

std::string HeadPrefix(std::string_view bucket) { return Join('H', bucket); }
std::string HeadKey(std::string_view bucket, std::string_view key) { return HeadPrefix(bucket).append(key); }

std::string VersionBucketPrefix(std::string_view bucket) { return Join('V', bucket); }
std::string VersionPrefix(std::string_view bucket, std::string_view key) {
  std::string out = VersionBucketPrefix(bucket);
  out.append(key);
  out.push_back('\0');
  return out;
}
std::string VersionKey(std::string_view bucket, std::string_view key, uint64_t seq) {
  std::string out = VersionPrefix(bucket, key);
  AppendBigEndian(out, ~seq, 8);  // newest first
  return out;
}

std::optional<VersionKeyParts> ParseVersionKey(std::string_view bucket, std::string_view storage_key) {
  size_t prefix = bucket.size() + 2;
  if (storage_key.size() < prefix + 9 || storage_key[0] != 'V') return std::nullopt;
  std::string_view rest = storage_key.substr(prefix);
  if (rest[rest.size() - 9] != '\0') return std::nullopt;
  uint64_t inverted = 0;
  for (size_t i = rest.size() - 8; i < rest.size(); ++i) {
    inverted = (inverted << 8) | static_cast<uint8_t>(rest[i]);
  }
  return VersionKeyParts{rest.substr(0, rest.size() - 9), ~inverted};
}

std::string ObjectAclKey(std::string_view bucket, std::string_view key, uint64_t seq) {
  std::string out = VersionKey(bucket, key, seq);
  out[0] = 'A';
  return out;
}

std::string UploadBucketPrefix(std::string_view bucket) { return Join('U', bucket); }
std::string UploadKey(std::string_view bucket, std::string_view key, std::string_view upload_id) {
  std::string out = UploadBucketPrefix(bucket);
  out.append(key);
  out.push_back('\0');
  out.append(upload_id);
  return out;
}
std::string PartPrefix(std::string_view upload_id) { return Join('P', upload_id); }
std::string UploadAclKey(std::string_view upload_id) { return "G" + std::string(upload_id); }
std::string PartKey(std::string_view upload_id, uint32_t part_number) {
  std::string out = PartPrefix(upload_id);
  AppendBigEndian(out, part_number, 4);
  return out;
}

std::string BlobRefKey(uint64_t blob_id) {
  std::string out(kBlobRefPrefix);
  AppendBigEndian(out, blob_id, 8);
  return out;
}

}  // namespace skybox::s3
