#include "base/ascii.h"

#include <gtest/gtest.h>

namespace skybox {
namespace {

TEST(AsciiTest, LowercasesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLowercase("Content-MD5: AbZ@[`{"), "content-md5: abz@[`{");
  EXPECT_EQ(AsciiLowercase("\xC3\x89t\xC3\xA9"), "\xC3\x89t\xC3\xA9");  // UTF-8 bytes untouched
  EXPECT_EQ(AsciiLowercase(""), "");
}

TEST(AsciiTest, ComparesIgnoringAsciiCase) {
  EXPECT_TRUE(EqualsIgnoreAsciiCase("X-Amz-Date", "x-amz-DATE"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("x-amz-date", "x-amz-dat"));
  EXPECT_FALSE(EqualsIgnoreAsciiCase("@", "`"));  // 0x40 and 0x60 differ by 32 but are no letters
  EXPECT_FALSE(EqualsIgnoreAsciiCase("\xC3\x89", "\xC3\xA9"));
  static_assert(EqualsIgnoreAsciiCase("Bytes", "bytes"));
}

}  // namespace
}  // namespace skybox
