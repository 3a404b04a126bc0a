#include "base/status.h"

#include <gtest/gtest.h>

#include "base/result.h"

namespace skybox {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, AwsCarriesWireCodeAndHttpStatus) {
  Status s = Status::Aws(StatusCode::kNotFound, 404, "NoSuchBucket", "gone");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.http_status(), 404);
  EXPECT_EQ(s.aws_code(), "NoSuchBucket");
  EXPECT_EQ(s.ToString(), "NOT_FOUND (NoSuchBucket): gone");
}

Result<int> Half(int v) {
  if (v % 2) return InvalidArgument("odd");
  return v / 2;
}

Status UseHalf(int v, int* out) {
  SKYBOX_ASSIGN_OR_RETURN(*out, Half(v));
  return Status::Ok();
}

TEST(StatusTest, DetailsAccumulateOnCopies) {
  Status base = Status::Aws(StatusCode::kNotFound, 404, "NoSuchKey", "gone");
  Status detailed = base.WithDetail("Key", "a/b").WithDetail("VersionId", "v1");
  EXPECT_TRUE(base.details().empty());
  ASSERT_EQ(detailed.details().size(), 2u);
  EXPECT_EQ(detailed.details()[0], (std::pair<std::string, std::string>("Key", "a/b")));
  EXPECT_EQ(detailed.details()[1].first, "VersionId");
  EXPECT_EQ(detailed.aws_code(), "NoSuchKey");
  EXPECT_TRUE(Status().WithDetail("Key", "x").ok());
}

TEST(ResultTest, AssignOrReturnPropagates) {
  int out = 0;
  EXPECT_TRUE(UseHalf(8, &out).ok());
  EXPECT_EQ(out, 4);
  Status s = UseHalf(3, &out);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "odd");
}

}  // namespace
}  // namespace skybox
