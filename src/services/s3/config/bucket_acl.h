// Bucket ACLs: canned ACLs (x-amz-acl), explicit grant headers (x-amz-grant-*) and
// AccessControlPolicy bodies turned into the stored grant list, and the owner S3 reports.
// ACLs are stored and reported; the one thing they decide is anonymous access: what they grant
// the AllUsers group (anonymous_access.h), on a bucket whose ownership controls leave ACLs on.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/config/config_kinds.h"

namespace skybox::s3 {

// S3 shows this display name for the account's canonical user.
inline constexpr std::string_view kOwnerDisplayName = "webfile";

// The grantee groups of public ACLs: everyone, and every AWS account.
inline constexpr std::string_view kAllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";
inline constexpr std::string_view kAuthenticatedUsers = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

// The account's canonical user ID: 64 lower-case hex digits, stable for an account.
std::string CanonicalUserId(std::string_view account_id);

// The grants (a Grants list document) a canned ACL implies for a resource owned by
// `account_id`: always the owner's FULL_CONTROL, plus e.g. AllUsers READ for public-read.
// InvalidArgument for an unknown canned ACL.
Result<aws::Document> CannedAclGrants(std::string_view canned_acl, std::string_view account_id);

// PutBucketAcl's stored document {Grants: [...]}: from the canned ACL header, the grant
// headers or the AccessControlPolicy body (exactly one of them). Refuses a grantee that does
// not exist (400 InvalidArgument for another canonical user or an unknown group URI,
// UnresolvableGrantByEmailAddress for any e-mail address: Skybox has one account). Refuses anything but a
// private ACL when the bucket's ownership controls are BucketOwnerEnforced
// (AccessControlListNotSupported), and a public ACL when the bucket blocks public ACLs
// (public_access_block.h), as S3 does.
Result<aws::Document> BuildBucketAcl(const aws::Call& put, const SiblingConfigReader& read);

// Whether a bucket with these ownership controls (its "ownershipControls" configuration, if
// any) has ACLs in effect: S3 disables them under BucketOwnerEnforced only.
bool AclsEnabled(const std::optional<aws::Document>& ownership_controls);

// Whether the ACL document `acl` ({Grants: [...]}) gives the AllUsers group `permission`
// ("READ", ...), by name or through FULL_CONTROL.
bool GrantsEveryone(const aws::Document& acl, std::string_view permission);

// The ACL of a bucket that never had one set: private.
aws::Document DefaultBucketAcl(const aws::Call& get);

// GetBucketAcl's output {Owner, Grants} from the stored {Grants}.
aws::Document PresentBucketAcl(aws::Document stored, const aws::Call& get);

}  // namespace skybox::s3
