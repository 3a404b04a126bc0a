#include "services/s3/object_record.h"

#include <nlohmann/json.hpp>

#include "base/binary_record.h"

namespace skybox::s3 {
namespace {

using Json = nlohmann::json;

Status Corrupt(std::string_view what) {
  return Status(StatusCode::kDataLoss, "corrupt S3 " + std::string(what) + " record");
}

std::string GetString(const Json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Versions written before the binary form.
Result<ObjectVersion> FromJson(const Json& j) {
  ObjectVersion v;
  try {
    v.version_id = j.at("v").get<std::string>();
    v.delete_marker = j.value("dm", false);
    v.size = j.at("sz").get<uint64_t>();
    v.etag = GetString(j, "et");
    v.last_modified_ms = j.at("lm").get<int64_t>();
    if (j.contains("sc")) v.storage_class = j["sc"].get<std::string>();
    v.content_type = GetString(j, "ct");
    v.cache_control = GetString(j, "cc");
    v.content_disposition = GetString(j, "cd");
    v.content_encoding = GetString(j, "ce");
    v.content_language = GetString(j, "cl");
    v.expires = GetString(j, "ex");
    v.website_redirect = GetString(j, "wr");
    if (j.contains("md")) v.metadata = j["md"].get<std::map<std::string, std::string>>();
    if (j.contains("tg")) v.tags = j["tg"].get<std::vector<std::pair<std::string, std::string>>>();
    if (j.contains("ck")) {
      const Json& c = j["ck"];
      v.checksum = StoredChecksum{c.at(0).get<std::string>(), c.at(1).get<std::string>(),
                                  c.at(2).get<std::string>()};
    }
    v.multipart = j.value("mp", false);
    if (j.contains("pt")) {
      for (const Json& p : j["pt"]) {
        v.parts.push_back({p.at(0).get<BlobId>(), p.at(1).get<uint64_t>(), p.at(2).get<std::string>(),
                           p.at(3).get<std::string>()});
      }
    }
  } catch (const std::exception&) {
    return Corrupt("version");
  }
  return v;
}

// Binary records start with this byte; records written before it are JSON (they start with '{').
constexpr uint8_t kBinaryFormat = 1;

// Bits of a version record's flags field.
constexpr uint64_t kDeleteMarker = 1, kMultipart = 2, kHasChecksum = 4, kHasObjectLock = 8, kHasEncryption = 16,
                   kHasRestore = 32, kHasKmsContext = 64, kHasUploadId = 128;

void PutPairs(RecordWriter& w, const auto& pairs) {
  w.PutVarint(pairs.size());
  for (const auto& [name, value] : pairs) {
    w.PutString(name);
    w.PutString(value);
  }
}

std::string EncodeVersionMetadata(const ObjectVersion& v) {
  RecordWriter w;
  w.PutByte(kBinaryFormat);
  w.PutString(v.version_id);
  w.PutVarint((v.delete_marker ? kDeleteMarker : 0) | (v.multipart ? kMultipart : 0) |
              (v.checksum ? kHasChecksum : 0) |
              (v.has_object_lock() ? kHasObjectLock : 0) |
              (v.encryption.is_default() ? 0 : kHasEncryption) | (v.restore_expiry_ms != 0 ? kHasRestore : 0) |
              (v.encryption.kms_context.empty() ? 0 : kHasKmsContext) | (v.upload_id.empty() ? 0 : kHasUploadId));
  w.PutVarint(v.size);
  w.PutString(v.etag);
  w.PutSigned(v.last_modified_ms);
  for (const std::string* field : {&v.storage_class, &v.content_type, &v.cache_control, &v.content_disposition,
                                   &v.content_encoding, &v.content_language, &v.expires, &v.website_redirect}) {
    w.PutString(*field);
  }
  PutPairs(w, v.metadata);
  PutPairs(w, v.tags);
  if (v.checksum) {
    w.PutString(v.checksum->algorithm);
    w.PutString(v.checksum->value);
    w.PutString(v.checksum->type);
  }
  if (v.has_object_lock()) {
    w.PutString(v.lock_mode);
    w.PutSigned(v.lock_retain_until_ms);
    w.PutString(v.legal_hold);
  }
  if (!v.encryption.is_default()) {
    const StoredEncryption& e = v.encryption;
    for (const std::string* field : {&e.algorithm, &e.kms_key_id, &e.customer_algorithm, &e.customer_key_salt,
                                     &e.customer_key_hmac}) {
      w.PutString(*field);
    }
    w.PutVarint(e.bucket_key_enabled ? 1 : 0);
  }
  if (v.restore_expiry_ms != 0) w.PutSigned(v.restore_expiry_ms);
  if (!v.encryption.kms_context.empty()) w.PutString(v.encryption.kms_context);
  if (!v.upload_id.empty()) w.PutString(v.upload_id);
  w.PutVarint(v.parts.size());
  for (const ObjectPart& p : v.parts) {
    w.PutVarint(p.blob);
    w.PutVarint(p.size);
    w.PutString(p.etag);
    w.PutString(p.checksum);
  }
  return w.Take();
}

Result<ObjectVersion> DecodeBinaryMetadata(std::string_view meta) {
  RecordReader r(meta);
  ObjectVersion v;
  r.GetByte();  // the format byte
  v.version_id = r.GetString();
  uint64_t flags = r.GetVarint();
  v.delete_marker = (flags & kDeleteMarker) != 0;
  v.multipart = (flags & kMultipart) != 0;
  v.size = r.GetVarint();
  v.etag = r.GetString();
  v.last_modified_ms = r.GetSigned();
  for (std::string* field : {&v.storage_class, &v.content_type, &v.cache_control, &v.content_disposition,
                             &v.content_encoding, &v.content_language, &v.expires, &v.website_redirect}) {
    *field = r.GetString();
  }
  for (uint64_t n = r.GetVarint(); r.ok() && n > 0; --n) {
    std::string name = r.GetString();
    v.metadata[std::move(name)] = r.GetString();
  }
  for (uint64_t n = r.GetVarint(); r.ok() && n > 0; --n) {
    std::string name = r.GetString();
    v.tags.emplace_back(std::move(name), r.GetString());
  }
  if (flags & kHasChecksum) {
    StoredChecksum c;
    c.algorithm = r.GetString();
    c.value = r.GetString();
    c.type = r.GetString();
    v.checksum = std::move(c);
  }
  if (flags & kHasObjectLock) {
    v.lock_mode = r.GetString();
    v.lock_retain_until_ms = r.GetSigned();
    v.legal_hold = r.GetString();
  }
  if (flags & kHasEncryption) {
    StoredEncryption& e = v.encryption;
    for (std::string* field : {&e.algorithm, &e.kms_key_id, &e.customer_algorithm, &e.customer_key_salt,
                               &e.customer_key_hmac}) {
      *field = r.GetString();
    }
    e.bucket_key_enabled = r.GetVarint() != 0;
  }
  if (flags & kHasRestore) v.restore_expiry_ms = r.GetSigned();
  if (flags & kHasKmsContext) v.encryption.kms_context = r.GetString();
  if (flags & kHasUploadId) v.upload_id = r.GetString();
  for (uint64_t n = r.GetVarint(); r.ok() && n > 0; --n) {
    ObjectPart p;
    p.blob = r.GetVarint();
    p.size = r.GetVarint();
    p.etag = r.GetString();
    p.checksum = r.GetString();
    v.parts.push_back(std::move(p));
  }
  if (!r.Done()) return Corrupt("version");
  return v;
}

// Decodes the metadata of a version record (binary, or JSON from before the binary form) into
// `out`; returns the offset of its inline bytes.
Result<size_t> SplitVersion(std::string_view value, ObjectVersion& out) {
  if (value.size() < 4) return Corrupt("version");
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<uint8_t>(value[i]);
  if (value.size() < 4 + static_cast<size_t>(n)) return Corrupt("version");
  std::string_view meta = value.substr(4, n);
  if (!meta.empty() && static_cast<uint8_t>(meta.front()) == kBinaryFormat) {
    SKYBOX_ASSIGN_OR_RETURN(out, DecodeBinaryMetadata(meta));
    return 4 + static_cast<size_t>(n);
  }
  Json j = Json::parse(meta, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Corrupt("version");
  SKYBOX_ASSIGN_OR_RETURN(out, FromJson(j));
  return 4 + static_cast<size_t>(n);
}

// Heads written before the binary form.
Result<ObjectHead> DecodeJsonHead(std::string_view value) {
  Json j = Json::parse(value, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Corrupt("head");
  ObjectHead h;
  try {
    h.current_seq = j.at("c").get<uint64_t>();
    if (j.contains("n")) h.null_seq = j["n"].get<uint64_t>();
    h.delete_marker = j.value("dm", false);
    h.size = j.at("sz").get<uint64_t>();
    h.etag = GetString(j, "et");
    h.last_modified_ms = j.at("lm").get<int64_t>();
    if (j.contains("sc")) h.storage_class = j["sc"].get<std::string>();
    h.version_id = GetString(j, "v");
  } catch (const std::exception&) {
    return Corrupt("head");
  }
  return h;
}

// Bits of a head record's flags field.
constexpr uint64_t kHeadHasNullSeq = 1, kHeadDeleteMarker = 2, kHeadHasRestore = 4, kHeadHasChecksum = 8;

}  // namespace

std::string EncodeVersion(const ObjectVersion& version) {
  std::string meta = EncodeVersionMetadata(version);
  std::string out;
  out.reserve(4 + meta.size() + version.inline_data.size());
  uint32_t n = static_cast<uint32_t>(meta.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out += meta;
  out += version.inline_data;
  return out;
}

Result<ObjectVersion> DecodeVersionMetadata(std::string_view value) {
  ObjectVersion version;
  SKYBOX_RETURN_IF_ERROR(SplitVersion(value, version).status());
  return version;
}

Result<ObjectVersion> DecodeVersion(std::string_view value) {
  ObjectVersion version;
  SKYBOX_ASSIGN_OR_RETURN(size_t offset, SplitVersion(value, version));
  version.inline_data.assign(value.substr(offset));
  return version;
}

std::string EncodeHead(const ObjectHead& head) {
  RecordWriter w;
  w.PutByte(kBinaryFormat);
  w.PutVarint(head.current_seq);
  w.PutVarint((head.null_seq ? kHeadHasNullSeq : 0) | (head.delete_marker ? kHeadDeleteMarker : 0) |
              (head.restore_expiry_ms != 0 ? kHeadHasRestore : 0) |
              (!head.checksum_algorithm.empty() ? kHeadHasChecksum : 0));
  if (head.null_seq) w.PutVarint(*head.null_seq);
  w.PutVarint(head.size);
  w.PutString(head.etag);
  w.PutSigned(head.last_modified_ms);
  w.PutString(head.storage_class);
  w.PutString(head.version_id);
  if (head.restore_expiry_ms != 0) w.PutSigned(head.restore_expiry_ms);
  if (!head.checksum_algorithm.empty()) {
    w.PutString(head.checksum_algorithm);
    w.PutString(head.checksum_type);
  }
  return w.Take();
}

Result<ObjectHead> DecodeHead(std::string_view value) {
  if (!value.empty() && static_cast<uint8_t>(value.front()) == kBinaryFormat) {
    RecordReader r(value);
    ObjectHead h;
    r.GetByte();  // the format byte
    h.current_seq = r.GetVarint();
    uint64_t flags = r.GetVarint();
    if (flags & kHeadHasNullSeq) h.null_seq = r.GetVarint();
    h.delete_marker = (flags & kHeadDeleteMarker) != 0;
    h.size = r.GetVarint();
    h.etag = r.GetString();
    h.last_modified_ms = r.GetSigned();
    h.storage_class = r.GetString();
    h.version_id = r.GetString();
    if (flags & kHeadHasRestore) h.restore_expiry_ms = r.GetSigned();
    if (flags & kHeadHasChecksum) {
      h.checksum_algorithm = r.GetString();
      h.checksum_type = r.GetString();
    }
    if (!r.Done()) return Corrupt("head");
    return h;
  }
  return DecodeJsonHead(value);
}

ObjectHead HeadFor(const ObjectVersion& version, uint64_t seq, std::optional<uint64_t> null_seq) {
  ObjectHead h;
  h.current_seq = seq;
  h.null_seq = null_seq;
  h.delete_marker = version.delete_marker;
  h.size = version.size;
  h.etag = version.etag;
  h.last_modified_ms = version.last_modified_ms;
  h.storage_class = version.storage_class;
  h.version_id = version.version_id;
  h.restore_expiry_ms = version.restore_expiry_ms;
  if (version.checksum) {
    h.checksum_algorithm = version.checksum->algorithm;
    h.checksum_type = version.checksum->type;
  }
  return h;
}

std::vector<BlobId> BlobsOf(const ObjectVersion& version) {
  std::vector<BlobId> out;
  for (const ObjectPart& p : version.parts) {
    if (p.blob != 0) out.push_back(p.blob);
  }
  return out;
}

}  // namespace skybox::s3
