#include "services/s3/config/bucket_owner.h"

#include <algorithm>
#include <string>

#include "aws/auth/credential_store.h"
#include "services/s3/config/config_kinds.h"

namespace skybox::s3 {

std::string_view BucketOwnerAccount() { return aws::kDefaultAccountId; }

Status CheckBucketOwner(std::string_view expected, std::string_view bucket,
                        const std::function<Status(std::string_view bucket)>& require_bucket) {
  constexpr size_t kAccountIdDigits = 12;
  if (expected.size() != kAccountIdDigits ||
      !std::all_of(expected.begin(), expected.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::Aws(StatusCode::kInvalidArgument, 400, "InvalidBucketOwnerAWSAccountID",
                       "The value of the expected bucket owner parameter must be an AWS Account ID... [" +
                           std::string(expected) + "]");
  }
  if (expected == BucketOwnerAccount()) return Status();
  Status exists = require_bucket(bucket);
  if (!exists.ok()) return exists.aws_code() == "NoSuchBucket" ? Status() : exists;
  return AccessDeniedError();
}

}  // namespace skybox::s3
