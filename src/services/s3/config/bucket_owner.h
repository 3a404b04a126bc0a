// S3's bucket owner condition: a request may name the account it expects to own the bucket it
// acts on (x-amz-expected-bucket-owner, and x-amz-source-expected-bucket-owner for the source
// of a copy), and S3 refuses it when another account owns that bucket, so that a wrong bucket
// name cannot read or write some other account's bucket.
//
// Skybox has one account (aws::kDefaultAccountId), which owns every bucket. Answers, as S3
// gives them:
//   - the value is not an account ID (12 digits): 400 InvalidBucketOwnerAWSAccountID, "The value
//     of the expected bucket owner parameter must be an AWS Account ID... [<value>]";
//   - another account: 403 AccessDenied ("Access Denied"), when the bucket exists; when it does
//     not, the operation goes on to answer NoSuchBucket.
//
// Thread-safety: pure, apart from what `require_bucket` reads.
#pragma once

#include <functional>
#include <string_view>

#include "base/status.h"

namespace skybox::s3 {

// The account that owns every bucket.
std::string_view BucketOwnerAccount();

// OK when `expected` (a header's value) names the owner of `bucket`, or `bucket` does not exist;
// else the error above. `require_bucket` answers OK for an existing bucket, NoSuchBucket for a
// missing one, or a storage error, which is returned.
Status CheckBucketOwner(std::string_view expected, std::string_view bucket,
                        const std::function<Status(std::string_view bucket)>& require_bucket);

}  // namespace skybox::s3
