// Anonymous (unsigned) requests: AWS serves them when the bucket's policy grants the operation
// to everyone ("Principal": "*"), which is how public buckets and static assets are read by
// browsers, curl and unsigned SDK clients, or, on a bucket whose ACLs are on, when an ACL grants
// the AllUsers group READ (a public-read bucket lists, a public-read object reads).
//
// Skybox lets unsigned requests reach the reads below and nothing else (writes, ACL or
// configuration calls without a signature stay 403 AccessDenied), and decides each from the
// bucket policy with IAM's rules (iam/policy_evaluation.h, failing closed on what it cannot
// judge) and from the ACLs. Answers, as AWS gives them:
//   - response-* overrides (response-content-type, ...): 400 InvalidRequest, as S3 serves them
//     to signed requests only;
//   - the bucket does not exist: 404 NoSuchBucket;
//   - a policy Deny; neither the policy nor an ACL allowing the action; a bucket with a policy
//     whose public access block has RestrictPublicBuckets (which keeps every anonymous caller
//     out): 403 AccessDenied;
//   - the key does not exist: 404 NoSuchKey when the caller may also list the bucket (the
//     policy allows s3:ListBucket, or it does not deny it and the bucket ACL gives AllUsers
//     READ), else 403 AccessDenied; likewise a missing version (NoSuchVersion) and a delete
//     marker named by its id (405 MethodNotAllowed), so anonymous callers cannot probe for
//     key names or version ids.
// ACLs count only where S3 applies them: the bucket's ownership controls are not
// BucketOwnerEnforced (the default for new buckets, under which ACLs are off) and its public
// access block does not IgnorePublicAcls. READ on the bucket grants the listings and HeadBucket;
// READ on an object version (its own ACL, x-amz-acl public-read on the write or PutObjectAcl)
// grants GetObject and HeadObject of that version; FULL_CONTROL includes READ. Grants to
// AuthenticatedUsers give an anonymous caller nothing.
//
// Actions: GetObject and HeadObject need s3:GetObject (s3:GetObjectVersion with a versionId) on
// arn:aws:s3:::<bucket>/<key>; ListObjects, ListObjectsV2 and HeadBucket need s3:ListBucket,
// ListObjectVersions s3:ListBucketVersions, on arn:aws:s3:::<bucket>. Condition keys:
// aws:SecureTransport (false: the listener speaks HTTP), aws:SourceIp, aws:Referer,
// aws:UserAgent, aws:PrincipalType (Anonymous), aws:userid (anonymous), aws:CurrentTime and
// aws:EpochTime (when the request is authorised, in whole seconds), and s3:prefix / s3:delimiter /
// s3:max-keys on listings; the principal, VPC and source keys an anonymous
// request lacks are known to be absent; any other key (s3:ExistingObjectTag/...) cannot be
// judged, so its Allow grants nothing and its Deny denies.
//
// The policy, the public access block and what the bucket ACL grants come from the bucket
// state cache (bucket_state_cache.h), which every configuration put or delete invalidates; an
// object's ACL is read with the version the read serves.
//
// Thread-safety: AuthorizeAnonymous and AuthorizeAnonymousObjectRead may read the store on the
// caller's thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "aws/service.h"
#include "base/result.h"
#include "services/s3/s3_backend.h"

namespace skybox::s3 {

// The operations an unsigned request may reach.
const std::vector<std::string>& AnonymousOperations();

// Whether `call` carries no identity (the dispatcher let it through unsigned).
bool IsAnonymous(const aws::Call& call);

// What the bucket policy grants an anonymous call beyond the call itself.
struct AnonymousGrant {
  bool may_list = false;  // s3:ListBucket on the bucket: missing keys may answer NoSuchKey
};

// The grant for an anonymous `call`, or the error to answer it with (above).
Result<AnonymousGrant> AuthorizeAnonymous(S3Backend& backend, const aws::Call& call);

// For an anonymous GetObject / HeadObject that AuthorizeAnonymous let through: OK when the
// policy allows it or the version stored at `seq` (the one the read serves) has an ACL giving
// AllUsers READ; else AccessDenied.
Status AuthorizeAnonymousObjectRead(S3Backend& backend, const aws::Call& call, uint64_t seq);

// `done` for an anonymous object read granted by `grant`: a NoSuchKey, NoSuchVersion or
// MethodNotAllowed answer becomes 403 AccessDenied (without the headers the read had added,
// such as x-amz-delete-marker) unless the grant may list the bucket.
aws::CallDone HideMissingKeys(AnonymousGrant grant, const aws::Call& call, aws::CallDone done);

}  // namespace skybox::s3
