#include "services/s3/copy_source.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "services/s3/upload_record.h"

namespace skybox::s3 {
namespace {

TEST(ParseCopySourceTest, BucketKeyAndVersion) {
  auto plain = ParseCopySource("bucket/dir/my%20key.txt");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->bucket, "bucket");
  EXPECT_EQ(plain->key, "dir/my key.txt");
  EXPECT_FALSE(plain->version_id.has_value());

  auto versioned = ParseCopySource("/bucket/k%3Fq?versionId=abc");
  ASSERT_TRUE(versioned.ok());
  EXPECT_EQ(versioned->bucket, "bucket");
  EXPECT_EQ(versioned->key, "k?q");
  EXPECT_EQ(versioned->version_id, "abc");
}

TEST(ParseCopySourceTest, RejectsMissingKeyOrBucket) {
  for (const char* bad : {"bucket", "bucket/", "/key", "", "b/k?other=1"}) {
    auto parsed = ParseCopySource(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_EQ(parsed.status().aws_code(), "InvalidArgument") << bad;
  }
}

TEST(UploadIdTest, UrlSafeUniqueAndTimeOrdered) {
  std::set<std::string> ids;
  std::string previous;
  for (int i = 0; i < 1000; ++i) {
    std::string id = NewUploadId();
    ASSERT_EQ(id.size(), 40u);
    for (char c : id) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << id;
    EXPECT_GE(id.substr(0, 9), previous.substr(0, std::min<size_t>(9, previous.size())));
    previous = id;
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 1000u);
}

TEST(PartNumberTest, Bounds) {
  EXPECT_TRUE(ValidPartNumber(1).ok());
  EXPECT_TRUE(ValidPartNumber(10000).ok());
  EXPECT_EQ(ValidPartNumber(0).status().aws_code(), "InvalidArgument");
  EXPECT_EQ(ValidPartNumber(10001).status().message(),
            "Part number must be an integer between 1 and 10000, inclusive");
}

}  // namespace
}  // namespace skybox::s3
