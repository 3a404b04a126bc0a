#include "services/s3/object_metadata.h"

#include <chrono>
#include <vector>

#include "base/ascii.h"
#include "base/checksum.h"
#include "services/s3/http/metadata_encoding.h"
#include "services/s3/object_lock.h"
#include "services/s3/object_tagging.h"
#include "services/s3/s3_errors.h"
#include "services/s3/server_side_encryption.h"

namespace skybox::s3 {
namespace {

constexpr size_t kMaxUserMetadataBytes = 2048;

std::string Text(const aws::Document& in, const char* name) {
  auto it = in.find(name);
  return it != in.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The storage classes of a general purpose bucket. The model's others belong elsewhere:
// EXPRESS_ONEZONE to directory buckets, OUTPOSTS to S3 on Outposts, SNOW to Snow devices.
bool IsKnownStorageClass(std::string_view sc) {
  for (std::string_view known : {"STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA", "ONEZONE_IA",
                                 "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "GLACIER_IR"}) {
    if (sc == known) return true;
  }
  return false;
}

// "aws-chunked" describes the transfer (aws/payload_reader.h), not the object: S3 drops that
// token from the stored Content-Encoding ("aws-chunked, gzip" is stored as "gzip") and keeps the
// rest as it was written ("deflate, gzip,aws-chunked" as "deflate, gzip").
std::string WithoutAwsChunked(std::string_view encodings) {
  std::vector<std::string_view> kept;
  bool dropped = false;
  for (size_t start = 0;;) {
    const size_t comma = encodings.find(',', start);
    std::string_view token = encodings.substr(start, comma == std::string_view::npos ? comma : comma - start);
    if (TrimBlanks(token) == "aws-chunked") {
      dropped = true;
    } else if (!TrimBlanks(token).empty()) {
      kept.push_back(token);
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (!dropped) return std::string(encodings);
  std::string out;
  for (std::string_view token : kept) {
    if (!out.empty()) out += ',';
    out += token;
  }
  return std::string(TrimBlanks(out));
}

}  // namespace

std::optional<std::string_view> RequestHeader(const aws::Call& call, std::string_view name) {
  for (const net::HttpHeader& h : call.headers) {
    if (h.name == name) return std::string_view(h.value);
  }
  return std::nullopt;
}

double ToSeconds(int64_t ms) { return static_cast<double>(ms) / 1000.0; }
double WholeSeconds(int64_t ms) { return static_cast<double>(ms / 1000); }

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status ReadObjectAttributes(const aws::Document& in, ObjectVersion& v) {
  v.content_type = Text(in, "ContentType");
  v.cache_control = Text(in, "CacheControl");
  v.content_disposition = Text(in, "ContentDisposition");
  v.content_encoding = WithoutAwsChunked(Text(in, "ContentEncoding"));
  v.content_language = Text(in, "ContentLanguage");
  v.expires = Text(in, "Expires");
  v.website_redirect = Text(in, "WebsiteRedirectLocation");
  if (in.contains("WebsiteRedirectLocation") && !v.website_redirect.starts_with('/') &&
      !v.website_redirect.starts_with("http://") && !v.website_redirect.starts_with("https://")) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRedirectLocation",
                       "The website redirect location must have a prefix of 'http://' or 'https://' or '/'.");
  }
  if (in.contains("StorageClass")) {
    v.storage_class = Text(in, "StorageClass");
    if (!IsKnownStorageClass(v.storage_class)) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidStorageClass",
                         "The storage class you specified is not valid");
    }
  }
  size_t metadata_bytes = 0;
  if (auto it = in.find("Metadata"); it != in.end() && it->is_object()) {
    for (auto m = it->begin(); m != it->end(); ++m) {
      std::string name = AsciiLowercase(m.key());
      std::string value = DecodeMetadataValue(m->is_string() ? m->get<std::string>() : std::string());
      metadata_bytes += name.size() + value.size();
      v.metadata[name] = std::move(value);
    }
  }
  if (metadata_bytes > kMaxUserMetadataBytes) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "MetadataTooLarge",
                       "Your metadata headers exceed the maximum allowed metadata size")
        .WithDetail("Size", std::to_string(metadata_bytes))
        .WithDetail("MaxSizeAllowed", std::to_string(kMaxUserMetadataBytes));
  }
  if (in.contains("Tagging")) {
    SKYBOX_ASSIGN_OR_RETURN(v.tags, ParseTaggingHeader(Text(in, "Tagging")));
  }
  return Status();
}

void AddChecksumOutput(const StoredChecksum& checksum, aws::Document& out) {
  auto algorithm = ParseChecksumAlgorithm(checksum.algorithm);
  if (!algorithm) return;
  out[std::string(ChecksumMember(*algorithm))] = checksum.value;
  out["ChecksumType"] = checksum.type;
}

void AddObjectOutput(const ObjectVersion& v, const std::optional<CustomerKey>& customer_key, bool checksum_mode,
                     aws::Document& out) {
  out["ETag"] = v.etag;
  out["LastModified"] = WholeSeconds(v.last_modified_ms);
  out["ContentType"] = v.content_type.empty() ? "binary/octet-stream" : v.content_type;
  auto set = [&out](const char* name, const std::string& value) {
    if (!value.empty()) out[name] = value;
  };
  set("CacheControl", v.cache_control);
  set("ContentDisposition", v.content_disposition);
  set("ContentEncoding", v.content_encoding);
  set("ContentLanguage", v.content_language);
  set("Expires", v.expires);
  set("WebsiteRedirectLocation", v.website_redirect);
  if (v.storage_class != "STANDARD") out["StorageClass"] = v.storage_class;
  if (!v.metadata.empty()) {
    aws::Document& metadata = out["Metadata"] = aws::Document::object();
    for (const auto& [name, value] : v.metadata) metadata[name] = MailSafeMetadataValue(value);
  }
  if (!v.tags.empty()) out["TagCount"] = v.tags.size();
  if (v.version_id != "null") out["VersionId"] = v.version_id;
  out["AcceptRanges"] = "bytes";
  AddEncryptionOutput(v.encryption, customer_key, out);
  if (checksum_mode && v.checksum) AddChecksumOutput(*v.checksum, out);
  AddObjectLockOutput(v, out);
}

}  // namespace skybox::s3
