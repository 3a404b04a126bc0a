// The shape S3 requires of a bucket policy's statements before PutBucketPolicy stores it, with
// S3's MalformedPolicy messages (400):
// - Statement: one statement object or a non-empty array of them ("Missing required field
//   Statement", "Could not parse the policy: Statement is empty!").
// - Effect: present ("Missing required field Effect") and Allow or Deny ("Invalid effect: X").
// - Principal or NotPrincipal: present ("Missing required field Principal"); NotPrincipal only
//   with Deny, as IAM documents; "*" or an object of AWS / Service / CanonicalUser / Federated
//   entries whose values are well formed: an AWS value is "*", a 12-digit account, an IAM or
//   STS ARN (root, user, role, assumed role, ...; its account part without wildcards) or an IAM
//   unique id; a CanonicalUser is 64 or more hex digits ("Invalid principal in policy"). Whether
//   such an account or user exists is not checked (Skybox knows one account; AWS also rejects
//   principals it cannot find, and so "arn:aws:iam::tenant:root", which Skybox takes).
// - Action or NotAction: present ("Missing required field Action"), each "*" or "s3:<name>"
//   (prefix in any case) whose name may hold '*' / '?' ("Policy has invalid action"); names are
//   not checked against S3's list of actions.
// - Resource or NotResource: present ("Missing required field Resource"), each an S3 ARN
//   "arn:aws:s3:::<bucket>[/<key pattern>]" whose bucket part (wildcards allowed) covers this
//   bucket ("Policy has invalid resource"; "*" alone is refused, as S3 does).
// Conditions are stored as sent; their operators and keys are not checked.
//
// Thread-safety: pure function.
#pragma once

#include <string_view>

#include "aws/protocol/document.h"
#include "base/status.h"

namespace skybox::s3 {

// `policy` is the parsed policy document (a JSON object) PutBucketPolicy received for `bucket`.
Status CheckBucketPolicyStatements(std::string_view bucket, const aws::Document& policy);

}  // namespace skybox::s3
