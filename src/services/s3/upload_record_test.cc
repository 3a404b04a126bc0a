#include "services/s3/upload_record.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

constexpr std::string_view kBarMd5 = "37b51d194a7513e45b56f6524f2d51f2";  // MD5("bar")
constexpr std::string_view kFooMd5 = "acbd18db4cc2f85cedef654fccc4a4d8";  // MD5("foo")

TEST(MultipartEtag, IsTheMd5OfThePartMd5sWithThePartCount) {
  EXPECT_EQ(MultipartEtag({kBarMd5, kFooMd5}), "\"9b8034237bf7f4c07bc1821766d481ef-2\"");
  EXPECT_EQ(MultipartEtag({kBarMd5}), "\"0f5ec0a67302d773d5b73595100b514d-1\"");
}

TEST(MultipartEtag, ReadsQuotedAndUnquotedPartEtagsAlike) {
  std::string quoted_bar = "\"" + std::string(kBarMd5) + "\"";
  EXPECT_EQ(MultipartEtag({quoted_bar, kFooMd5}), MultipartEtag({kBarMd5, kFooMd5}));
}

TEST(UnquotedEtag, StripsOnlyASurroundingPair) {
  EXPECT_EQ(UnquotedEtag("\"abc\""), "abc");
  EXPECT_EQ(UnquotedEtag("abc"), "abc");
  EXPECT_EQ(UnquotedEtag("\"abc"), "\"abc");
  EXPECT_EQ(UnquotedEtag("\""), "\"");
}

}  // namespace
}  // namespace skybox::s3
