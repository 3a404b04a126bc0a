// S3 Block Public Access as Skybox applies it: when a bucket's public access block has
// BlockPublicAcls, writing a public ACL (one granting the AllUsers or AuthenticatedUsers group)
// is refused; with BlockPublicPolicy, writing a public bucket policy (BucketPolicyIsPublic) is
// refused. Both answer 403 AccessDenied, as S3 does. RestrictPublicBuckets shuts every
// anonymous caller out of a bucket that has a policy, and IgnorePublicAcls makes its ACLs
// grant anonymous callers nothing (anonymous_access.h).
//
// Thread-safety: pure functions (the reader is called on the caller's thread).
#pragma once

#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/config_kinds.h"

namespace skybox::s3 {

// Whether the bucket `read` reads from has a public access block with `setting`
// ("BlockPublicAcls", "RestrictPublicBuckets", ...) on.
Result<bool> BlocksPublicAccess(const SiblingConfigReader& read, std::string_view setting);

// OK unless `grants` (a Grants list document) is public and the bucket `read` reads from
// blocks public ACLs.
Status CheckAclAllowedByPublicAccessBlock(const aws::Document& grants, const SiblingConfigReader& read);

// GetPublicAccessBlock's configuration: the four settings, those a Put left out as false.
aws::Document PresentPublicAccessBlock(aws::Document stored, const aws::Call& get);

// PutBucketPolicy's stored document: the Policy member, validated (NormalizePolicy), and
// refused when it is public and the bucket blocks public policies.
Result<aws::Document> BuildBucketPolicy(const aws::Call& put, const SiblingConfigReader& read);

}  // namespace skybox::s3
