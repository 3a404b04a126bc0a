// Anonymous (unsigned) requests: AWS serves them when the bucket's policy grants the operation
// to everyone ("Principal": "*"), which is how public buckets and static assets are read by
// browsers, curl and unsigned SDK clients.
//
// Skybox lets unsigned requests reach the reads below and nothing else (writes, ACL or
// configuration calls without a signature stay 403 AccessDenied), and decides each from the
// bucket policy with IAM's rules (iam/policy_evaluation.h, failing closed on what it cannot
// judge). Answers, as AWS gives them:
//   - response-* overrides (response-content-type, ...): 400 InvalidRequest, as S3 serves them
//     to signed requests only;
//   - the bucket does not exist: 404 NoSuchBucket;
//   - no policy, a policy that does not allow the action, or a bucket whose public access
//     block has RestrictPublicBuckets (which keeps every anonymous caller out): 403 AccessDenied;
//   - the key does not exist: 404 NoSuchKey when the policy also allows s3:ListBucket on the
//     bucket, else 403 AccessDenied (so anonymous callers cannot probe for key names).
// Public ACLs (AllUsers grants) give no anonymous access: Skybox does not evaluate ACLs.
//
// Actions: GetObject and HeadObject need s3:GetObject (s3:GetObjectVersion with a versionId) on
// arn:aws:s3:::<bucket>/<key>; ListObjects, ListObjectsV2 and HeadBucket need s3:ListBucket,
// ListObjectVersions s3:ListBucketVersions, on arn:aws:s3:::<bucket>. Condition keys:
// aws:SecureTransport (false: the listener speaks HTTP), aws:SourceIp, aws:Referer,
// aws:UserAgent, aws:PrincipalType (Anonymous), aws:userid (anonymous), and s3:prefix /
// s3:delimiter / s3:max-keys on listings; the principal, VPC and source keys an anonymous
// request lacks are known to be absent; any other key (s3:ExistingObjectTag/...) cannot be
// judged, so its Allow grants nothing and its Deny denies.
//
// The policy and RestrictPublicBuckets come from the bucket state cache (bucket_state_cache.h),
// which every configuration put or delete invalidates.
//
// Thread-safety: AuthorizeAnonymous may read the store (a bucket state cache miss) on the
// caller's thread.
#pragma once

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

// `done` for an anonymous object read granted by `grant`: a NoSuchKey answer becomes
// 403 AccessDenied (without the headers the read had added, such as x-amz-delete-marker)
// unless the grant may list the bucket.
aws::CallDone HideMissingKeys(AnonymousGrant grant, const aws::Call& call, aws::CallDone done);

}  // namespace skybox::s3
