// Whether a bucket policy makes its bucket public, as GetBucketPolicyStatus reports it
// (IsPublic), and as Block Public Access judges a policy (public_access_block.h). Skybox
// evaluates policies for anonymous requests only (../anonymous_access.h).
//
// S3 calls a policy public when one of its Allow statements grants access to anyone: a
// wildcard principal ("*", {"AWS": "*"}, or "*" among a principal's values) or a NotPrincipal
// (refused in Allow statements since bucket_policy_grammar.h; earlier builds stored them),
// unless the statement's Condition pins one of the keys that confine access to a fixed set of
// callers (source IP ranges other than the whole internet, source VPC/endpoint/ARN/account,
// principal organisation/account/ARN, user id) to values without wildcards. Deny statements
// never make a policy public; "...IfExists" and negated operators do not confine.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

namespace skybox::s3 {

// `policy_json` is the policy as PutBucketPolicy stored it (valid JSON with a Statement, which
// may be one object or an array of them).
bool BucketPolicyIsPublic(std::string_view policy_json);

}  // namespace skybox::s3
