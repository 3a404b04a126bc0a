#include "services/s3/config/bucket_owner.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::s3 {
namespace {

Status Exists(std::string_view) { return Status(); }
Status Missing(std::string_view bucket) {
  return Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "The specified bucket does not exist")
      .WithDetail("BucketName", std::string(bucket));
}
Status Broken(std::string_view) { return Status::Aws(StatusCode::kInternal, 500, "InternalError", "disk"); }

TEST(BucketOwnerTest, TheOwningAccountPassesWithoutLookingTheBucketUp) {
  int lookups = 0;
  auto counting = [&lookups](std::string_view) { ++lookups; return Status(); };
  EXPECT_TRUE(CheckBucketOwner(BucketOwnerAccount(), "b", counting).ok());
  EXPECT_EQ(lookups, 0);
  EXPECT_EQ(BucketOwnerAccount(), "000000000000");
}

TEST(BucketOwnerTest, AnotherAccountIsAccessDeniedOnAnExistingBucket) {
  Status st = CheckBucketOwner("111111111111", "b", Exists);
  EXPECT_EQ(st.http_status(), 403);
  EXPECT_EQ(st.aws_code(), "AccessDenied");
  EXPECT_EQ(st.message(), "Access Denied");
}

TEST(BucketOwnerTest, AMissingBucketIsLeftToTheOperation) {
  EXPECT_TRUE(CheckBucketOwner("111111111111", "b", Missing).ok());
  EXPECT_EQ(CheckBucketOwner("111111111111", "b", Broken).aws_code(), "InternalError");
}

TEST(BucketOwnerTest, OnlyTwelveDigitsAreAnAccountId) {
  for (std::string value : {"", "abc", "00000000000", "0000000000000", "00000000000a", "-00000000000", "０00000000000"}) {
    Status st = CheckBucketOwner(value, "b", Exists);
    EXPECT_EQ(st.http_status(), 400) << value;
    EXPECT_EQ(st.aws_code(), "InvalidBucketOwnerAWSAccountID") << value;
    EXPECT_EQ(st.message(), "The value of the expected bucket owner parameter must be an AWS Account ID... [" + value + "]");
  }
}

}  // namespace
}  // namespace skybox::s3
