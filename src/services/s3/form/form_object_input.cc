#include "services/s3/form/form_object_input.h"

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
  };
  nlohmann::json input = nlohmann::json::object();
  for (const auto& [name, value] : fields) {
    if (name.starts_with("x-amz-meta-")) {
      input["Metadata"][name.substr(11)] = value;
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
