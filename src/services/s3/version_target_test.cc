#include "services/s3/version_target.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(IsWellFormedVersionId, AcceptsIdsS3Issues) {
  EXPECT_TRUE(IsWellFormedVersionId("null"));
  EXPECT_TRUE(IsWellFormedVersionId(S3Backend::NewVersionId(12345)));
  EXPECT_TRUE(IsWellFormedVersionId("v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQKA"));  // AWS's shape
  EXPECT_TRUE(IsWellFormedVersionId("KC0WuaPTHv7At3olS.BPuH.weAJqMkKJ"));
}

TEST(IsWellFormedVersionId, RefusesOtherShapes) {
  for (std::string_view id : {"", "xyz", "NULL", "not-a-real-version-id", "v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQK",
                              "v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQKAb", "v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQ/A",
                              "v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQ-A"}) {
    EXPECT_FALSE(IsWellFormedVersionId(id)) << id;
  }
}

TEST(InvalidVersionIdError, NamesTheArgument) {
  Status st = InvalidVersionIdError("xyz");
  EXPECT_EQ(st.http_status(), 400);
  EXPECT_EQ(st.aws_code(), "InvalidArgument");
  EXPECT_EQ(st.message(), "Invalid version id specified");
  EXPECT_EQ(st.details(), (Status::Details{{"ArgumentName", "versionId"}, {"ArgumentValue", "xyz"}}));
}

}  // namespace
}  // namespace skybox::s3
