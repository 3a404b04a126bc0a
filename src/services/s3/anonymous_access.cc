#include "services/s3/anonymous_access.h"

#include <optional>
#include <string_view>

#include "base/civil_date.h"
#include "iam/policy_evaluation.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_kinds.h"
#include "services/s3/keys.h"
#include "services/s3/object_metadata.h"
#include "services/s3/s3_errors.h"

namespace skybox::s3 {
namespace {

std::string InputString(const aws::Call& call, const char* member) {
  auto it = call.input.find(member);
  if (it == call.input.end()) return "";
  return it->is_string() ? it->get<std::string>() : it->dump();
}

bool IsObjectRead(std::string_view operation) { return operation == "GetObject" || operation == "HeadObject"; }

// The IAM action and resource `call` asks for, with the request's condition keys.
iam::RequestFacts FactsOf(const aws::Call& call) {
  iam::RequestFacts facts;
  const std::string bucket_arn = "arn:aws:s3:::" + InputString(call, "Bucket");
  if (IsObjectRead(call.operation)) {
    facts.action = call.input.contains("VersionId") ? "s3:GetObjectVersion" : "s3:GetObject";
    facts.resource = bucket_arn + "/" + InputString(call, "Key");
    if (call.input.contains("VersionId")) facts.context["s3:versionid"] = InputString(call, "VersionId");
  } else {
    facts.action = call.operation == "ListObjectVersions" ? "s3:ListBucketVersions" : "s3:ListBucket";
    facts.resource = bucket_arn;
    for (auto [member, key] : {std::pair{"Prefix", "s3:prefix"}, std::pair{"Delimiter", "s3:delimiter"},
                               std::pair{"MaxKeys", "s3:max-keys"}}) {
      if (call.input.contains(member)) facts.context[key] = InputString(call, member);
    }
  }
  const int64_t now = NowMs() / 1000;
  facts.context["aws:currenttime"] = FormatIsoSeconds(now);
  facts.context["aws:epochtime"] = std::to_string(now);
  facts.context["aws:securetransport"] = "false";
  facts.context["aws:principaltype"] = "Anonymous";
  facts.context["aws:userid"] = "anonymous";
  if (!call.source_ip.empty()) facts.context["aws:sourceip"] = call.source_ip;
  for (auto [header, key] : {std::pair{"referer", "aws:referer"}, std::pair{"user-agent", "aws:useragent"}}) {
    if (auto value = RequestHeader(call, header)) facts.context[key] = std::string(*value);
  }
  // What an anonymous request never carries (anything else it lacks cannot be judged).
  facts.absent = {"aws:referer", "aws:useragent", "aws:username", "aws:principalarn", "aws:principalaccount",
                  "aws:principalorgid", "aws:principalorgpaths", "aws:sourcevpc",
                  "aws:sourcevpce", "aws:sourcearn", "aws:sourceaccount", "aws:sourceorgid",
                  "aws:securitytoken", "aws:multifactorauthpresent", "aws:multifactorauthage",
                  "s3:prefix", "s3:delimiter", "s3:max-keys", "s3:versionid", "s3:x-amz-acl"};
  return facts;
}

// The bucket policy's decision for `facts`; an implicit deny without a policy.
iam::Decision PolicyDecision(const BucketState& state, const iam::RequestFacts& facts) {
  if (!state.policy) return iam::Decision::kImplicitDeny;
  return iam::EvaluateForAnonymous(*state.policy, facts);
}

// RestrictPublicBuckets leaves a bucket with a policy to the account and AWS services: no
// anonymous caller, whatever the policy (also one BucketPolicyIsPublic would call confined) or
// the ACLs say.
bool RestrictedToAccount(const BucketState& state) { return state.restrict_public_buckets && state.policy; }

}  // namespace

const std::vector<std::string>& AnonymousOperations() {
  static const std::vector<std::string> operations = {"GetObject",     "HeadObject", "ListObjects",
                                                      "ListObjectsV2", "HeadBucket", "ListObjectVersions"};
  return operations;
}

bool IsAnonymous(const aws::Call& call) { return call.caller.access_key_id.empty(); }

Result<AnonymousGrant> AuthorizeAnonymous(S3Backend& b, const aws::Call& call) {
  bool known = false;
  for (const std::string& operation : AnonymousOperations()) known = known || operation == call.operation;
  if (!known) return AccessDeniedError();
  for (const char* member : {"ResponseCacheControl", "ResponseContentDisposition", "ResponseContentEncoding",
                             "ResponseContentLanguage", "ResponseContentType", "ResponseExpires"}) {
    if (call.input.contains(member)) {
      return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidRequest",
                         "Request specific response headers cannot be used for anonymous GET requests.");
    }
  }
  const std::string bucket = InputString(call, "Bucket");
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const BucketState> state, b.BucketStateOf(bucket));  // NoSuchBucket
  if (RestrictedToAccount(*state)) return AccessDeniedError();

  iam::RequestFacts facts = FactsOf(call);
  const iam::Decision decision = PolicyDecision(*state, facts);
  if (decision == iam::Decision::kExplicitDeny) return AccessDeniedError();
  if (!IsObjectRead(call.operation)) {
    if (decision == iam::Decision::kAllow || state->everyone_may_list) return AnonymousGrant{};
    return AccessDeniedError();
  }
  // An object read the policy does not allow may still be allowed by the object's ACL, which
  // the handler checks on the version it reads (AuthorizeAnonymousObjectRead).
  if (decision != iam::Decision::kAllow && !state->public_acls_apply) return AccessDeniedError();
  facts.action = "s3:ListBucket";
  facts.resource = "arn:aws:s3:::" + bucket;
  const iam::Decision list = PolicyDecision(*state, facts);
  AnonymousGrant grant;
  grant.may_list = list == iam::Decision::kAllow || (list == iam::Decision::kImplicitDeny && state->everyone_may_list);
  return grant;
}

Status AuthorizeAnonymousObjectRead(S3Backend& b, const aws::Call& call, uint64_t seq) {
  const std::string bucket = InputString(call, "Bucket");
  SKYBOX_ASSIGN_OR_RETURN(std::shared_ptr<const BucketState> state, b.BucketStateOf(bucket));
  if (RestrictedToAccount(*state)) return AccessDeniedError();
  const iam::Decision decision = PolicyDecision(*state, FactsOf(call));
  if (decision == iam::Decision::kAllow) return Status();
  if (decision == iam::Decision::kExplicitDeny || !state->public_acls_apply) return AccessDeniedError();
  auto record = b.store().Get(b.ns(), ObjectAclKey(bucket, InputString(call, "Key"), seq));
  if (!record.ok()) return S3InternalError(record.status());
  if (!record->has_value()) return AccessDeniedError();  // the default ACL: the owner's alone
  const aws::Document acl = aws::Document::parse(**record, nullptr, /*allow_exceptions=*/false);
  return GrantsEveryone(acl, "READ") ? Status() : AccessDeniedError();
}

aws::CallDone HideMissingKeys(AnonymousGrant grant, const aws::Call& call, aws::CallDone done) {
  if (grant.may_list) return done;
  return [http = call.http, done = std::move(done)](Result<aws::Document> out) {
    // A missing key or version, and a delete marker named by id, would each tell that a name
    // exists or not.
    const bool reveals_names = !out.ok() && (out.status().aws_code() == "NoSuchKey" ||
                                             out.status().aws_code() == "NoSuchVersion" ||
                                             out.status().aws_code() == "MethodNotAllowed");
    if (!reveals_names) return done(std::move(out));
    if (http) http->response_headers.clear();
    done(AccessDeniedError());
  };
}

}  // namespace skybox::s3
