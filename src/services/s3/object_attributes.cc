#include "services/s3/object_attributes.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "base/checksum.h"
#include "services/s3/object_metadata.h"
#include "services/s3/server_side_encryption.h"
#include "services/s3/version_target.h"

namespace skybox::s3 {
namespace {

constexpr int64_t kMaxPartsPerPage = 1000;

bool Requested(const aws::Document& requested, std::string_view attribute) {
  for (const aws::Document& a : requested) {
    if (a.is_string() && a.get_ref<const std::string&>() == attribute) return true;
  }
  return false;
}

std::string Unquoted(const std::string& etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') return etag.substr(1, etag.size() - 2);
  return etag;
}

aws::Document ChecksumOutput(const StoredChecksum& checksum) {
  aws::Document out = aws::Document::object();
  auto algorithm = ParseChecksumAlgorithm(checksum.algorithm);
  if (!algorithm) return out;
  std::string value = checksum.value;
  if (checksum.type == "COMPOSITE") value = value.substr(0, value.rfind('-'));
  out[std::string(ChecksumMember(*algorithm))] = std::move(value);
  out["ChecksumType"] = checksum.type;
  return out;
}

aws::Document PartsOutput(const ObjectVersion& version, PartsPage page) {
  const int64_t total = static_cast<int64_t>(version.parts.size());
  aws::Document out = {{"TotalPartsCount", total}};
  if (version.checksum && version.checksum->type == "FULL_OBJECT") return out;
  const int64_t max_parts = std::clamp<int64_t>(page.max_parts, 0, kMaxPartsPerPage);
  const int64_t marker = std::max<int64_t>(page.part_number_marker, 0);
  std::optional<ChecksumAlgorithm> algorithm;
  if (version.checksum) algorithm = ParseChecksumAlgorithm(version.checksum->algorithm);
  aws::Document parts = aws::Document::array();
  int64_t next_marker = marker;
  for (int64_t number = marker + 1; number <= total && next_marker - marker < max_parts; ++number) {
    const ObjectPart& part = version.parts[number - 1];
    aws::Document p = {{"PartNumber", number}, {"Size", part.size}};
    if (algorithm && !part.checksum.empty()) p[std::string(ChecksumMember(*algorithm))] = part.checksum;
    parts.push_back(std::move(p));
    next_marker = number;
  }
  out["PartNumberMarker"] = marker;
  out["NextPartNumberMarker"] = next_marker;
  out["MaxParts"] = max_parts;
  out["IsTruncated"] = next_marker < total;
  if (!parts.empty()) out["Parts"] = std::move(parts);
  return out;
}

// The attributes asked for are the model's names (400 InvalidArgument otherwise, as S3 answers);
// empty names are skipped (a header with none at all is refused before: rest_xml_codec.cc).
Status CheckRequestedAttributes(const aws::Document& requested) {
  static constexpr std::array<std::string_view, 5> kNames = {"ETag", "Checksum", "ObjectParts", "StorageClass",
                                                             "ObjectSize"};
  for (const aws::Document& a : requested) {
    std::string_view name = a.is_string() ? std::string_view(a.get_ref<const std::string&>()) : "";
    if (!name.empty() && std::find(kNames.begin(), kNames.end(), name) == kNames.end()) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", "Invalid attribute name specified.");
    }
  }
  return Status();
}

}  // namespace

aws::Document ObjectAttributesOutput(const ObjectVersion& version, const aws::Document& requested,
                                     PartsPage page) {
  aws::Document out = aws::Document::object();
  out["LastModified"] = WholeSeconds(version.last_modified_ms);
  if (version.version_id != "null") out["VersionId"] = version.version_id;
  if (Requested(requested, "ETag")) out["ETag"] = Unquoted(version.etag);
  if (Requested(requested, "Checksum") && version.checksum) {
    aws::Document checksum = ChecksumOutput(*version.checksum);
    if (!checksum.empty()) out["Checksum"] = std::move(checksum);
  }
  if (Requested(requested, "ObjectParts") && version.multipart) out["ObjectParts"] = PartsOutput(version, page);
  if (Requested(requested, "StorageClass")) out["StorageClass"] = version.storage_class;
  if (Requested(requested, "ObjectSize")) out["ObjectSize"] = version.size;
  return out;
}

void GetObjectAttributes(S3Backend& b, aws::Call call, aws::CallDone done) {
  const aws::Document requested = call.input.value("ObjectAttributes", aws::Document::array());
  if (Status st = CheckRequestedAttributes(requested); !st.ok()) return done(st);
  auto customer_key = ReadCustomerKey(call.input, CustomerKeyOf::kTarget);
  if (!customer_key.ok()) return done(customer_key.status());
  auto target = FindTargetVersion(b, call, /*with_data=*/false);
  if (!target.ok()) return done(target.status());
  // An SSE-C object's attributes need its key, as its bytes do.
  if (Status st = CheckCustomerKeyForRead(target->version.encryption, *customer_key); !st.ok()) return done(st);
  PartsPage page;
  page.max_parts = call.input.value("MaxParts", kMaxPartsPerPage);
  page.part_number_marker = call.input.value("PartNumberMarker", int64_t{0});
  done(ObjectAttributesOutput(target->version, requested, page));
}

}  // namespace skybox::s3
