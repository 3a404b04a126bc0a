#include "services/s3/config/bucket_acl.h"

#include <array>
#include <utility>

#include "base/crypto.h"
#include "services/s3/config/public_access_block.h"

namespace skybox::s3 {
namespace {

constexpr std::string_view kLogDelivery = "http://acs.amazonaws.com/groups/s3/LogDelivery";

Status InvalidArgument(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidArgument", std::move(message));
}

aws::Document OwnerGrantee(std::string_view account_id) {
  return {{"Type", "CanonicalUser"}, {"ID", CanonicalUserId(account_id)}, {"DisplayName", kOwnerDisplayName}};
}

aws::Document Grant(aws::Document grantee, std::string_view permission) {
  return {{"Grantee", std::move(grantee)}, {"Permission", permission}};
}

aws::Document GroupGrant(std::string_view uri, std::string_view permission) {
  return Grant({{"Type", "Group"}, {"URI", uri}}, permission);
}

// One x-amz-grant-* header: comma-separated `type="value"` grantees.
Result<aws::Document> HeaderGrants(std::string_view header, std::string_view permission, std::string_view account_id) {
  aws::Document grants = aws::Document::array();
  while (!header.empty()) {
    const size_t comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view() : header.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) return InvalidArgument("Invalid grant header value: " + std::string(item));
    const std::string_view type = item.substr(0, eq);
    std::string_view value = item.substr(eq + 1);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (type == "id") {
      aws::Document grantee = {{"Type", "CanonicalUser"}, {"ID", value}};
      if (value == CanonicalUserId(account_id)) grantee["DisplayName"] = kOwnerDisplayName;
      grants.push_back(Grant(std::move(grantee), permission));
    } else if (type == "uri") {
      grants.push_back(GroupGrant(value, permission));
    } else if (type == "emailAddress") {
      grants.push_back(Grant({{"Type", "AmazonCustomerByEmail"}, {"EmailAddress", value}}, permission));
    } else {
      return InvalidArgument("Invalid grant header value: " + std::string(item));
    }
  }
  return grants;
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kGrantHeaders = {{
    {"GrantFullControl", "FULL_CONTROL"},
    {"GrantRead", "READ"},
    {"GrantReadACP", "READ_ACP"},
    {"GrantWrite", "WRITE"},
    {"GrantWriteACP", "WRITE_ACP"},
}};

// Every grantee must exist: Skybox has one account, so the only canonical user is its own, no
// e-mail address resolves to an account, and groups are S3's three.
Status CheckGrantees(const aws::Document& grants, std::string_view account_id) {
  for (const aws::Document& grant : grants) {
    const aws::Document grantee = grant.is_object() ? grant.value("Grantee", aws::Document::object())
                                                    : aws::Document::object();
    const std::string type = grantee.value("Type", std::string());
    if (type == "CanonicalUser") {
      const std::string id = grantee.value("ID", std::string());
      if (id != CanonicalUserId(account_id)) {
        return InvalidArgument("Invalid id").WithDetail("ArgumentName", "CanonicalUser/ID").WithDetail("ArgumentValue", id);
      }
    } else if (type == "AmazonCustomerByEmail") {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "UnresolvableGrantByEmailAddress",
                         "The e-mail address you provided does not match any account on record.");
    } else if (type == "Group") {
      const std::string uri = grantee.value("URI", std::string());
      if (uri != kAllUsers && uri != kAuthenticatedUsers && uri != kLogDelivery) {
        return InvalidArgument("Invalid group uri").WithDetail("ArgumentName", "Group/URI").WithDetail("ArgumentValue", uri);
      }
    }
  }
  return Status();
}

bool IsPrivate(const aws::Document& grants, std::string_view account_id) {
  if (grants.size() != 1 || !grants[0].is_object()) return false;
  const aws::Document grantee = grants[0].value("Grantee", aws::Document::object());
  return grantee.value("ID", "") == CanonicalUserId(account_id) && grants[0].value("Permission", "") == "FULL_CONTROL";
}

}  // namespace

std::string CanonicalUserId(std::string_view account_id) {
  return HexEncode(Sha256("skybox canonical user " + std::string(account_id)));
}

Result<aws::Document> CannedAclGrants(std::string_view canned_acl, std::string_view account_id) {
  aws::Document grants = aws::Document::array({Grant(OwnerGrantee(account_id), "FULL_CONTROL")});
  if (canned_acl == "public-read") {
    grants.push_back(GroupGrant(kAllUsers, "READ"));
  } else if (canned_acl == "public-read-write") {
    grants.push_back(GroupGrant(kAllUsers, "READ"));
    grants.push_back(GroupGrant(kAllUsers, "WRITE"));
  } else if (canned_acl == "authenticated-read") {
    grants.push_back(GroupGrant(kAuthenticatedUsers, "READ"));
  } else if (canned_acl == "log-delivery-write") {
    grants.push_back(GroupGrant(kLogDelivery, "WRITE"));
    grants.push_back(GroupGrant(kLogDelivery, "READ_ACP"));
  } else if (canned_acl != "private" && canned_acl != "aws-exec-read" && canned_acl != "bucket-owner-read" &&
             canned_acl != "bucket-owner-full-control") {
    // S3's own answer: an empty message, with the header and the value named.
    return InvalidArgument("").WithDetail("ArgumentName", "x-amz-acl").WithDetail("ArgumentValue", std::string(canned_acl));
  }
  return grants;
}

Result<aws::Document> BuildBucketAcl(const aws::Call& put, const SiblingConfigReader& read) {
  const aws::Document& in = put.input;
  const std::string& account = put.caller.account_id;
  const bool has_canned = in.contains("ACL");
  bool has_headers = false;
  for (const auto& [member, permission] : kGrantHeaders) has_headers = has_headers || in.contains(member);
  const bool has_body = in.contains("AccessControlPolicy");
  if (has_canned && has_headers) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                       "Specifying both Canned ACLs and Header Grants is not allowed");
  }
  if (has_body && (has_canned || has_headers)) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "UnexpectedContent",
                       "This request does not support content");
  }
  aws::Document grants = aws::Document::array();
  if (has_canned) {
    SKYBOX_ASSIGN_OR_RETURN(grants, CannedAclGrants(in["ACL"].get<std::string>(), account));
  } else if (has_headers) {
    for (const auto& [member, permission] : kGrantHeaders) {
      if (!in.contains(member)) continue;
      SKYBOX_ASSIGN_OR_RETURN(aws::Document some, HeaderGrants(in[member].get<std::string>(), permission, account));
      for (aws::Document& g : some) grants.push_back(std::move(g));
    }
  } else if (has_body) {
    grants = in["AccessControlPolicy"].value("Grants", aws::Document::array());
  } else {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedACLError",
                       "The XML you provided was not well-formed or did not validate against our published schema");
  }
  SKYBOX_RETURN_IF_ERROR(CheckGrantees(grants, account));
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> ownership, read("ownershipControls"));
  if (!AclsEnabled(ownership) && !IsPrivate(grants, account)) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "AccessControlListNotSupported",
                       "The bucket does not allow ACLs");
  }
  SKYBOX_RETURN_IF_ERROR(CheckAclAllowedByPublicAccessBlock(grants, read));
  return aws::Document{{"Grants", std::move(grants)}};
}

bool AclsEnabled(const std::optional<aws::Document>& ownership_controls) {
  if (!ownership_controls || !ownership_controls->is_object()) return true;
  const aws::Document rules = ownership_controls->value("Rules", aws::Document::array());
  return rules.empty() || !rules[0].is_object() || rules[0].value("ObjectOwnership", "") != "BucketOwnerEnforced";
}

bool GrantsEveryone(const aws::Document& acl, std::string_view permission) {
  if (!acl.is_object()) return false;
  for (const aws::Document& grant : acl.value("Grants", aws::Document::array())) {
    if (!grant.is_object()) continue;
    const std::string granted = grant.value("Permission", "");
    if (grant.value("Grantee", aws::Document::object()).value("URI", "") == kAllUsers &&
        (granted == permission || granted == "FULL_CONTROL")) {
      return true;
    }
  }
  return false;
}

aws::Document DefaultBucketAcl(const aws::Call& get) {
  return {{"Grants", CannedAclGrants("private", get.caller.account_id).value()}};
}

aws::Document PresentBucketAcl(aws::Document stored, const aws::Call& get) {
  stored["Owner"] = {{"DisplayName", kOwnerDisplayName}, {"ID", CanonicalUserId(get.caller.account_id)}};
  return stored;
}

}  // namespace skybox::s3
