#include "services/s3/object_record.h"

#include <nlohmann/json.hpp>

namespace skybox::s3 {
namespace {

using Json = nlohmann::json;

Status Corrupt(std::string_view what) {
  return Status(StatusCode::kDataLoss, "corrupt S3 " + std::string(what) + " record");
}

void PutIfSet(Json& j, const char* name, const std::string& value) {
  if (!value.empty()) j[name] = value;
}

std::string GetString(const Json& j, const char* name) {
  auto it = j.find(name);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

Json MetadataJson(const ObjectVersion& v) {
  Json j = Json::object();
  j["v"] = v.version_id;
  if (v.delete_marker) j["dm"] = true;
  j["sz"] = v.size;
  PutIfSet(j, "et", v.etag);
  j["lm"] = v.last_modified_ms;
  if (v.storage_class != "STANDARD") j["sc"] = v.storage_class;
  PutIfSet(j, "ct", v.content_type);
  PutIfSet(j, "cc", v.cache_control);
  PutIfSet(j, "cd", v.content_disposition);
  PutIfSet(j, "ce", v.content_encoding);
  PutIfSet(j, "cl", v.content_language);
  PutIfSet(j, "ex", v.expires);
  PutIfSet(j, "wr", v.website_redirect);
  if (!v.metadata.empty()) j["md"] = v.metadata;
  if (!v.tags.empty()) j["tg"] = v.tags;
  if (v.checksum) j["ck"] = {v.checksum->algorithm, v.checksum->value, v.checksum->type};
  if (v.multipart) j["mp"] = true;
  if (!v.parts.empty()) {
    Json parts = Json::array();
    for (const ObjectPart& p : v.parts) parts.push_back({p.blob, p.size, p.etag, p.checksum});
    j["pt"] = std::move(parts);
  }
  return j;
}

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

Result<std::pair<Json, size_t>> SplitVersion(std::string_view value) {
  if (value.size() < 4) return Corrupt("version");
  uint32_t n = 0;
  for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<uint8_t>(value[i]);
  if (value.size() < 4 + static_cast<size_t>(n)) return Corrupt("version");
  Json j = Json::parse(value.substr(4, n), nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return Corrupt("version");
  return std::make_pair(std::move(j), 4 + static_cast<size_t>(n));
}

}  // namespace

std::string EncodeVersion(const ObjectVersion& version) {
  std::string meta = MetadataJson(version).dump();
  std::string out;
  out.reserve(4 + meta.size() + version.inline_data.size());
  uint32_t n = static_cast<uint32_t>(meta.size());
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out += meta;
  out += version.inline_data;
  return out;
}

Result<ObjectVersion> DecodeVersionMetadata(std::string_view value) {
  SKYBOX_ASSIGN_OR_RETURN(auto split, SplitVersion(value));
  return FromJson(split.first);
}

Result<ObjectVersion> DecodeVersion(std::string_view value) {
  SKYBOX_ASSIGN_OR_RETURN(auto split, SplitVersion(value));
  SKYBOX_ASSIGN_OR_RETURN(ObjectVersion v, FromJson(split.first));
  v.inline_data.assign(value.substr(split.second));
  return v;
}

std::string EncodeHead(const ObjectHead& head) {
  Json j = {{"c", head.current_seq}, {"sz", head.size}, {"lm", head.last_modified_ms}, {"v", head.version_id}};
  if (head.null_seq) j["n"] = *head.null_seq;
  if (head.delete_marker) j["dm"] = true;
  if (!head.etag.empty()) j["et"] = head.etag;
  if (head.storage_class != "STANDARD") j["sc"] = head.storage_class;
  return j.dump();
}

Result<ObjectHead> DecodeHead(std::string_view value) {
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
