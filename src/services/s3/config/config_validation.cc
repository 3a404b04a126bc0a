#include "services/s3/config/config_validation.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <set>
#include <string>

#include "base/crypto.h"
#include "base/utf8.h"
#include "base/uuid.h"
#include "services/s3/config/bucket_policy_grammar.h"
#include "services/s3/config/config_kinds.h"

namespace skybox::s3 {
namespace {

Status InvalidRequest(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest", std::move(message));
}
Status InvalidArgument(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message));
}

// True when `member` is absent or one of `allowed`.
bool AbsentOrOneOf(const aws::Document& doc, const char* member, std::initializer_list<std::string_view> allowed) {
  auto it = doc.find(member);
  if (it == doc.end()) return true;
  if (!it->is_string()) return false;
  const std::string& value = it->get_ref<const std::string&>();
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

// True for a three-digit HTTP status whose first digit is one of `classes` ("3", "45").
bool IsStatusOfClass(std::string_view code, std::string_view classes) {
  return code.size() == 3 && classes.find(code[0]) != std::string_view::npos &&
         std::isdigit(static_cast<unsigned char>(code[1])) && std::isdigit(static_cast<unsigned char>(code[2]));
}

const aws::Document& ListMember(const aws::Document& doc, const char* member) {
  static const aws::Document kEmpty = aws::Document::array();
  auto it = doc.find(member);
  return it != doc.end() && it->is_array() ? *it : kEmpty;
}

}  // namespace

std::string GeneratedConfigurationId() {
  return Base64Encode(NewUuidV4());
}

Result<aws::Document> NormalizeBucketTagging(aws::Document tagging) {
  const aws::Document& tags = ListMember(tagging, "TagSet");
  if (tags.size() > 50) return InvalidTagError("Bucket tag count cannot be greater than 50");
  std::set<std::string> keys;
  for (const aws::Document& tag : tags) {
    const std::string key = tag.value("Key", "");
    const std::string value = tag.value("Value", "");
    if (key.empty()) return InvalidTagError("The TagKey you have provided is invalid");
    if (Utf8CharacterCount(key) > 128) return InvalidTagError("The TagKey you have provided is too long, max 128");
    if (Utf8CharacterCount(value) > 256) return InvalidTagError("The TagValue you have provided is too long, max 256");
    if (key.starts_with("aws:")) return InvalidTagError("System tags cannot be added/updated by requester");
    if (!keys.insert(key).second) return InvalidTagError("Cannot provide multiple Tags with the same key");
  }
  return tagging;
}

Result<aws::Document> NormalizeVersioning(aws::Document config) {
  if (!AbsentOrOneOf(config, "Status", {"Enabled", "Suspended"}) ||
      !AbsentOrOneOf(config, "MFADelete", {"Enabled", "Disabled"})) {
    return MalformedXmlError();
  }
  return config;
}

Result<aws::Document> NormalizeCors(aws::Document config) {
  const aws::Document& rules = ListMember(config, "CORSRules");
  if (rules.empty()) return MalformedXmlError();
  if (rules.size() > 100) return InvalidRequest("The number of CORS rules should not exceed allowed limit of 100 rules.");
  for (const aws::Document& rule : rules) {
    if (ListMember(rule, "AllowedMethods").empty() || ListMember(rule, "AllowedOrigins").empty()) {
      return MalformedXmlError();
    }
    for (const aws::Document& method : ListMember(rule, "AllowedMethods")) {
      const std::string m = method.get<std::string>();
      if (m != "GET" && m != "PUT" && m != "HEAD" && m != "POST" && m != "DELETE") {
        return InvalidRequest("Found unsupported HTTP method in CORS config. Unsupported method is " + m);
      }
    }
    for (const char* member : {"AllowedOrigins", "AllowedHeaders"}) {
      for (const aws::Document& pattern : ListMember(rule, member)) {
        const std::string p = pattern.get<std::string>();
        if (std::count(p.begin(), p.end(), '*') > 1) {
          const char* element = std::string_view(member) == "AllowedOrigins" ? "AllowedOrigin" : "AllowedHeader";
          return InvalidRequest(std::string(element) + " \"" + p + "\" can not have more than one wildcard.");
        }
      }
    }
  }
  return config;
}

Result<aws::Document> NormalizePolicy(aws::Document policy, std::string_view bucket) {
  const Status malformed = Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedPolicy",
                                       "Policies must be valid JSON and the first byte must be '{'");
  if (!policy.is_string()) return malformed;
  const std::string& text = policy.get_ref<const std::string&>();
  if (text.empty() || text.front() != '{') return malformed;
  const aws::Document parsed = aws::Document::parse(text, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return malformed;
  // S3 allows 20 KB of policy, counted without the whitespace between JSON tokens.
  constexpr size_t kMaxPolicyBytes = 20 * 1024;
  if (parsed.dump().size() > kMaxPolicyBytes) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedPolicy",
                       "Policy exceeds the maximum allowed document size.");
  }
  SKYBOX_RETURN_IF_ERROR(CheckBucketPolicyStatements(bucket, parsed));
  return policy;
}

Result<aws::Document> NormalizeEncryption(aws::Document config) {
  const aws::Document& rules = ListMember(config, "Rules");
  if (rules.empty()) return MalformedXmlError();
  for (const aws::Document& rule : rules) {
    if (auto blocked = rule.find("BlockedEncryptionTypes"); blocked != rule.end()) {
      for (const aws::Document& type : ListMember(*blocked, "EncryptionType")) {
        if (type != "NONE" && type != "SSE-C") return MalformedXmlError();
      }
    }
    auto by_default = rule.find("ApplyServerSideEncryptionByDefault");
    if (by_default == rule.end()) continue;
    if (!AbsentOrOneOf(*by_default, "SSEAlgorithm", {"AES256", "aws:kms", "aws:kms:dsse"})) {
      return MalformedXmlError();
    }
    if (by_default->contains("KMSMasterKeyID") && by_default->value("SSEAlgorithm", "") == "AES256") {
      return InvalidArgument(
          "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
    }
  }
  return config;
}

Result<aws::Document> NormalizeOwnershipControls(aws::Document config) {
  const aws::Document& rules = ListMember(config, "Rules");
  if (rules.size() != 1 || !rules[0].contains("ObjectOwnership") ||
      !AbsentOrOneOf(rules[0], "ObjectOwnership", {"BucketOwnerPreferred", "ObjectWriter", "BucketOwnerEnforced"})) {
    return MalformedXmlError();
  }
  return config;
}

Result<aws::Document> NormalizeAccelerate(aws::Document config) {
  if (!AbsentOrOneOf(config, "Status", {"Enabled", "Suspended"})) return MalformedXmlError();
  return config;
}

Result<aws::Document> NormalizeRequestPayment(aws::Document config) {
  if (!config.contains("Payer") || !AbsentOrOneOf(config, "Payer", {"Requester", "BucketOwner"})) {
    return MalformedXmlError();
  }
  return config;
}

Result<aws::Document> NormalizeReplication(aws::Document config) {
  for (aws::Document& rule : config["Rules"]) {
    if (!rule.is_object() || !AbsentOrOneOf(rule, "Status", {"Enabled", "Disabled"})) return MalformedXmlError();
    for (const char* member : {"DeleteMarkerReplication", "ExistingObjectReplication"}) {
      auto it = rule.find(member);
      if (it != rule.end() && !AbsentOrOneOf(*it, "Status", {"Enabled", "Disabled"})) return MalformedXmlError();
    }
    if (rule.value("ID", std::string()).empty()) rule["ID"] = GeneratedConfigurationId();
  }
  return config;
}

Result<aws::Document> NormalizeWebsite(aws::Document config) {
  const bool redirect_all = config.contains("RedirectAllRequestsTo");
  const bool index = config.contains("IndexDocument");
  if (redirect_all && (index || config.contains("ErrorDocument") || config.contains("RoutingRules"))) {
    return MalformedXmlError();
  }
  if (!redirect_all && !index) {
    return InvalidArgument("A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty");
  }
  if (index) {
    std::string suffix = config["IndexDocument"].value("Suffix", "");
    if (suffix.empty() || suffix.find('/') != std::string::npos) {
      return InvalidArgument("The IndexDocument Suffix is not well formed");
    }
  }
  if (redirect_all && !AbsentOrOneOf(config["RedirectAllRequestsTo"], "Protocol", {"http", "https"})) {
    return MalformedXmlError();
  }
  for (const aws::Document& rule : ListMember(config, "RoutingRules")) {
    if (!rule.is_object() || !rule.contains("Redirect") || !rule["Redirect"].is_object()) return MalformedXmlError();
    const aws::Document& redirect = rule["Redirect"];
    if (!AbsentOrOneOf(redirect, "Protocol", {"http", "https"})) return MalformedXmlError();
    if (redirect.contains("ReplaceKeyWith") && redirect.contains("ReplaceKeyPrefixWith")) {
      return InvalidRequest("You can only define ReplaceKeyPrefix or ReplaceKey but not both.");
    }
    if (redirect.contains("HttpRedirectCode")) {
      std::string code = redirect.value("HttpRedirectCode", "");
      if (!IsStatusOfClass(code, "3") || code == "300") {
        return InvalidRequest("The provided HTTP redirect code (" + code + ") is not valid. Valid codes are 3XX except 300.");
      }
    }
    auto condition = rule.find("Condition");
    if (condition == rule.end()) continue;
    if (!condition->is_object() || (!condition->contains("KeyPrefixEquals") && !condition->contains("HttpErrorCodeReturnedEquals"))) {
      return InvalidRequest("Condition cannot be empty. To redirect all requests without a condition, the condition "
                            "element shouldn't be present.");
    }
    if (condition->contains("HttpErrorCodeReturnedEquals")) {
      std::string code = condition->value("HttpErrorCodeReturnedEquals", "");
      if (!IsStatusOfClass(code, "45")) {
        return InvalidRequest("The provided HTTP error code (" + code + ") is not valid. Valid codes are 4XX or 5XX.");
      }
    }
  }
  return config;
}

}  // namespace skybox::s3
