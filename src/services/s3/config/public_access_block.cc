#include "services/s3/config/public_access_block.h"

#include <string_view>

#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_validation.h"
#include "services/s3/config/policy_status.h"

namespace skybox::s3 {
namespace {

bool IsPublicGrant(const aws::Document& grant) {
  if (!grant.is_object()) return false;
  const std::string uri = grant.value("Grantee", aws::Document::object()).value("URI", "");
  return uri == kAllUsers || uri == kAuthenticatedUsers;
}

}  // namespace

Result<bool> BlocksPublicAccess(const SiblingConfigReader& read, std::string_view setting) {
  SKYBOX_ASSIGN_OR_RETURN(std::optional<aws::Document> block, read("publicAccessBlock"));
  if (!block) return false;
  auto it = block->find(setting);
  return it != block->end() && it->is_boolean() && it->get<bool>();
}

Status CheckAclAllowedByPublicAccessBlock(const aws::Document& grants, const SiblingConfigReader& read) {
  bool is_public = false;
  for (const aws::Document& grant : grants) is_public = is_public || IsPublicGrant(grant);
  if (!is_public) return Status();
  SKYBOX_ASSIGN_OR_RETURN(bool blocked, BlocksPublicAccess(read, "BlockPublicAcls"));
  return blocked ? AccessDeniedError() : Status();
}

aws::Document PresentPublicAccessBlock(aws::Document stored, const aws::Call&) {
  for (const char* setting : {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"}) {
    if (!stored.contains(setting)) stored[setting] = false;
  }
  return stored;
}

Result<aws::Document> BuildBucketPolicy(const aws::Call& put, const SiblingConfigReader& read) {
  auto in = put.input.find("Policy");
  if (in == put.input.end()) return MalformedXmlError();
  SKYBOX_ASSIGN_OR_RETURN(aws::Document policy, NormalizePolicy(*in, put.input.value("Bucket", std::string())));
  if (!BucketPolicyIsPublic(policy.get_ref<const std::string&>())) return policy;
  SKYBOX_ASSIGN_OR_RETURN(bool blocked, BlocksPublicAccess(read, "BlockPublicPolicy"));
  if (blocked) return AccessDeniedError();
  return policy;
}

}  // namespace skybox::s3
