// S3 object ACLs: GetObjectAcl and PutObjectAcl (?acl on an object, optionally ?versionId=),
// and the ACL a write (PutObject, CopyObject, CreateMultipartUpload) sets with x-amz-acl /
// x-amz-grant-*. ACLs are stored and reported; they decide only anonymous reads (a version whose
// ACL gives AllUsers READ, anonymous_access.h), as bucket ACLs (config/bucket_acl.h).
//
// Storage: one record per object version that has a non-default ACL, beside the version:
//   A<bucket>\0<key>\0<~seq:8 BE>    {"Grants": [...]} (JSON), seq as in the version's V key
// Keyed by the version's sequence, not its id: a null version replaced by a new one has a new
// sequence, so an ACL never outlives the version it was set on into another one. A version
// with no record has the default ACL: the owner's FULL_CONTROL.
//
// Thread-safety: pure functions and handlers over the thread-safe S3Backend.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// The ACL record a write stores with the new version it makes, from the call's ACL, Grant*
// members (PutObject / CopyObject / CreateMultipartUpload input) or AccessControlPolicy
// (PutObjectAcl): std::nullopt when the call sets no ACL (the default applies). Fails as S3
// does for a bad canned ACL or grant header, both kinds at once, and for anything but a private
// ACL when the bucket's ownership controls are BucketOwnerEnforced (AccessControlListNotSupported),
// and for a public ACL when the bucket blocks public ACLs (AccessDenied, config/public_access_block.h).
Result<std::optional<std::string>> ObjectAclForWrite(S3Backend& backend, const aws::Call& call);

void GetObjectAcl(S3Backend& backend, aws::Call call, aws::CallDone done);
void PutObjectAcl(S3Backend& backend, aws::Call call, aws::CallDone done);

}  // namespace skybox::s3
