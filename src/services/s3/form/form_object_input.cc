#include "services/s3/form/form_object_input.h"

#include "aws/protocol/timestamp.h"
#include "aws/protocol/xml.h"
#include "base/checksum.h"
#include "base/percent_encoding.h"

namespace skybox::s3 {
namespace {

Status MalformedXml() {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedXML",
                     "The XML you provided was not well-formed or did not validate against our published schema");
}

// <Tagging><TagSet><Tag><Key/><Value/></Tag>...</TagSet></Tagging> as "k=v&k2=v2".
Result<std::string> TaggingQuery(std::string_view xml) {
  auto root = aws::ParseXml(xml);
  if (!root.ok() || root->name != "Tagging") return MalformedXml();
  const aws::XmlElement* set = root->Child("TagSet");
  if (set == nullptr) return MalformedXml();
  std::string query;
  for (const aws::XmlElement& tag : set->children) {
    const aws::XmlElement* key = tag.Child("Key");
    const aws::XmlElement* value = tag.Child("Value");
    if (tag.name != "Tag" || key == nullptr) return MalformedXml();
    if (!query.empty()) query += '&';
    query += PercentEncode(key->text, false) + "=" + PercentEncode(value ? value->text : "", false);
  }
  return query;
}

}  // namespace

Result<nlohmann::json> ObjectInputOfForm(const FormFields& fields) {
  static constexpr std::pair<std::string_view, const char*> kMembers[] = {
      {"acl", "ACL"},
      {"content-type", "ContentType"},
      {"cache-control", "CacheControl"},
      {"content-disposition", "ContentDisposition"},
      {"content-encoding", "ContentEncoding"},
      {"content-language", "ContentLanguage"},
      {"expires", "Expires"},
      {"content-md5", "ContentMD5"},
      {"x-amz-storage-class", "StorageClass"},
      {"x-amz-website-redirect-location", "WebsiteRedirectLocation"},
      {"x-amz-checksum-algorithm", "ChecksumAlgorithm"},
      {"x-amz-server-side-encryption", "ServerSideEncryption"},
      {"x-amz-server-side-encryption-aws-kms-key-id", "SSEKMSKeyId"},
      {"x-amz-server-side-encryption-context", "SSEKMSEncryptionContext"},
      {"x-amz-server-side-encryption-customer-algorithm", "SSECustomerAlgorithm"},
      {"x-amz-server-side-encryption-customer-key", "SSECustomerKey"},
      {"x-amz-server-side-encryption-customer-key-md5", "SSECustomerKeyMD5"},
      {"x-amz-object-lock-mode", "ObjectLockMode"},
      {"x-amz-object-lock-legal-hold", "ObjectLockLegalHoldStatus"},
  };
  nlohmann::json input = nlohmann::json::object();
  for (const auto& [name, value] : fields) {
    if (name.starts_with("x-amz-meta-")) {
      input["Metadata"][name.substr(11)] = value;
      continue;
    }
    if (name == "x-amz-object-lock-retain-until-date") {
      // A timestamp member: seconds since the epoch, as the REST codec gives it (a date that does
      // not parse is kept as text, which the Object Lock check refuses).
      std::optional<double> seconds = aws::ParseTimestamp(value);
      input["ObjectLockRetainUntilDate"] = seconds ? nlohmann::json(*seconds) : nlohmann::json(value);
      continue;
    }
    if (name == "tagging") {
      SKYBOX_ASSIGN_OR_RETURN(std::string query, TaggingQuery(value));
      input["Tagging"] = std::move(query);
      continue;
    }
    for (const auto& [field, member] : kMembers) {
      if (name == field) input[member] = value;
    }
    for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
      if (name == ChecksumHeader(algorithm)) input[std::string(ChecksumMember(algorithm))] = value;
    }
  }
  return input;
}

}  // namespace skybox::s3
