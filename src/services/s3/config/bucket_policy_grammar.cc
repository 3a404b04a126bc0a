#include "services/s3/config/bucket_policy_grammar.h"

#include <algorithm>
#include <string>
#include <vector>

#include "base/ascii.h"
#include "iam/policy_evaluation.h"

namespace skybox::s3 {
namespace {

using aws::Document;

Status Malformed(std::string message) {
  return Status::Aws(StatusCode::kInvalidArgument, 400, "MalformedPolicy", std::move(message));
}

bool AllOf(std::string_view text, bool (*ok)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), ok);
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool IsUpperAlnum(char c) { return IsDigit(c) || (c >= 'A' && c <= 'Z'); }
bool IsActionChar(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '*' || c == '?';
}

// A string or an array of strings (IAM's "one or many"); nullopt for anything else or [].
std::optional<std::vector<std::string_view>> StringValues(const Document& v) {
  std::vector<std::string_view> out;
  if (v.is_string()) {
    out.push_back(v.get_ref<const std::string&>());
  } else if (v.is_array()) {
    for (const Document& e : v) {
      if (!e.is_string()) return std::nullopt;
      out.push_back(e.get_ref<const std::string&>());
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// "arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:assumed-role/r/s", the CloudFront
// origin access identities ("arn:aws:iam::cloudfront:user/..."). The account part is only
// required to be there without wildcards: AWS refuses accounts and users it cannot find, which
// Skybox (one account) cannot judge, and S3-compatible stores name tenants there
// ("arn:aws:iam::tenant:root").
bool IsIamArn(std::string_view arn) {
  for (std::string_view service : {"iam::", "sts::"}) {
    const std::string prefix = "arn:aws:" + std::string(service);
    if (!arn.starts_with(prefix)) continue;
    std::string_view rest = arn.substr(prefix.size());
    const size_t colon = rest.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == rest.size()) return false;
    return rest.substr(0, colon).find_first_of("*?") == std::string_view::npos;
  }
  return false;
}

bool IsAwsPrincipal(std::string_view id) {
  if (id == "*") return true;
  if (id.size() == 12 && AllOf(id, IsDigit)) return true;
  // IAM unique ids: AIDA (user), AROA (role), AIPA, ANPA, ... followed by upper-case alnum; not
  // access key ids (AKIA, ASIA), which name no principal.
  if (id.size() >= 16 && id.size() <= 128 && id.starts_with("A") && !id.starts_with("AKIA") &&
      !id.starts_with("ASIA") && AllOf(id, IsUpperAlnum)) {
    return true;
  }
  return IsIamArn(id);
}

bool IsWellFormedPrincipal(const Document& principal) {
  if (principal.is_string()) return principal.get_ref<const std::string&>() == "*";
  if (!principal.is_object() || principal.empty()) return false;
  for (const auto& [type, value] : principal.items()) {
    auto ids = StringValues(value);
    if (!ids) return false;
    for (std::string_view id : *ids) {
      bool ok = false;
      if (type == "AWS") ok = IsAwsPrincipal(id);
      else if (type == "CanonicalUser") ok = id.size() >= 64 && AllOf(id, IsHex);  // accounts 64, CloudFront OAIs 96
      else if (type == "Service" || type == "Federated") ok = !id.empty();
      if (!ok) return false;
    }
  }
  return true;
}

// IAM compares the service prefix and the action name without case ("S3:getobject").
bool IsS3Action(std::string_view action) {
  if (action == "*") return true;
  return action.size() > 3 && EqualsIgnoreAsciiCase(action.substr(0, 3), "s3:") && AllOf(action.substr(3), IsActionChar);
}

bool CoversBucket(std::string_view resource, std::string_view bucket) {
  constexpr std::string_view kPrefix = "arn:aws:s3:::";
  if (!resource.starts_with(kPrefix)) return false;
  std::string_view path = resource.substr(kPrefix.size());
  std::string_view bucket_pattern = path.substr(0, path.find('/'));
  return !bucket_pattern.empty() && iam::PolicyPatternMatches(bucket_pattern, bucket, /*ignore_case=*/false);
}

// Whether an action can name an object (GetObject, PutObjectAcl, AbortMultipartUpload, ...) or
// a bucket (ListBucket, GetBucketPolicy, PutLifecycleConfiguration, ...); a wildcard action
// may be either. The bucket actions with "Object" in their names come first.
enum class ActionTarget { kObject, kBucket, kEither };

ActionTarget TargetOf(std::string_view action) {
  const std::string name = AsciiLowercase(action.substr(action.find(':') + 1));
  if (action == "*" || name.find_first_of("*?") != std::string::npos) return ActionTarget::kEither;
  for (std::string_view bucket_prefix : {"getbucket", "putbucket", "deletebucket", "listbucket"}) {
    if (name.starts_with(bucket_prefix)) return ActionTarget::kBucket;
  }
  if (name.find("object") != std::string::npos) return ActionTarget::kObject;
  for (std::string_view object_action : {"abortmultipartupload", "listmultipartuploadparts", "replicatedelete",
                                         "replicatetags", "bypassgovernanceretention"}) {
    if (name == object_action) return ActionTarget::kObject;
  }
  return ActionTarget::kBucket;
}

// Whether some action of the statement can act on one of its resources: a bucket ARN
// ("arn:aws:s3:::photos") names buckets, one with a '/' or a wildcard (which may stand for
// "photos/key") objects. S3 refuses a statement where none can.
bool SomeActionApplies(const std::vector<std::string_view>& actions, const std::vector<std::string_view>& resources) {
  bool bucket_resource = false, object_resource = false;
  for (std::string_view resource : resources) {
    std::string_view path = resource.substr(std::string_view("arn:aws:s3:::").size());
    bucket_resource = bucket_resource || path.find('/') == std::string_view::npos;
    object_resource = object_resource || path.find_first_of("/*?") != std::string_view::npos;
  }
  for (std::string_view action : actions) {
    ActionTarget target = TargetOf(action);
    if (target == ActionTarget::kEither || (target == ActionTarget::kBucket && bucket_resource) ||
        (target == ActionTarget::kObject && object_resource)) {
      return true;
    }
  }
  return false;
}

// The value of `name` or of its negated twin `not_name` (a statement has one of them).
const Document* OneOf(const Document& statement, const char* name, const char* not_name) {
  auto it = statement.find(name);
  if (it != statement.end()) return &*it;
  it = statement.find(not_name);
  return it != statement.end() ? &*it : nullptr;
}

Status CheckStatement(std::string_view bucket, const Document& statement) {
  if (!statement.is_object()) return Malformed("Missing required field Effect");
  auto effect = statement.find("Effect");
  if (effect == statement.end()) return Malformed("Missing required field Effect");
  const std::string effect_text = effect->is_string() ? effect->get<std::string>() : effect->dump();
  if (effect_text != "Allow" && effect_text != "Deny") return Malformed("Invalid effect: " + effect_text);

  const Document* principal = OneOf(statement, "Principal", "NotPrincipal");
  if (principal == nullptr) return Malformed("Missing required field Principal");
  const bool negated_principal = !statement.contains("Principal");
  if ((negated_principal && effect_text == "Allow") || !IsWellFormedPrincipal(*principal)) {
    return Malformed("Invalid principal in policy");
  }

  const Document* actions = OneOf(statement, "Action", "NotAction");
  if (actions == nullptr) return Malformed("Missing required field Action");
  auto action_list = StringValues(*actions);
  if (!action_list || !std::all_of(action_list->begin(), action_list->end(), IsS3Action)) {
    return Malformed("Policy has invalid action");
  }

  const Document* resources = OneOf(statement, "Resource", "NotResource");
  if (resources == nullptr) return Malformed("Missing required field Resource");
  auto resource_list = StringValues(*resources);
  if (!resource_list) return Malformed("Policy has invalid resource");
  for (std::string_view resource : *resource_list) {
    if (!CoversBucket(resource, bucket)) return Malformed("Policy has invalid resource");
  }
  // NotAction and NotResource name what a statement leaves out: only Action with Resource is judged.
  if (statement.contains("Action") && statement.contains("Resource") &&
      !SomeActionApplies(*action_list, *resource_list)) {
    return Malformed("Action does not apply to any resource(s) in statement");
  }
  return Status();
}

}  // namespace

Status CheckBucketPolicyStatements(std::string_view bucket, const Document& policy) {
  auto statements = policy.find("Statement");
  if (statements == policy.end()) return Malformed("Missing required field Statement");
  if (statements->is_array() && statements->empty()) return Malformed("Could not parse the policy: Statement is empty!");
  if (!statements->is_array()) return CheckStatement(bucket, *statements);
  for (const Document& statement : *statements) {
    if (Status st = CheckStatement(bucket, statement); !st.ok()) return st;
  }
  return Status();
}

}  // namespace skybox::s3
