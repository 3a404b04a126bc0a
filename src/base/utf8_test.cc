#include "base/utf8.h"

#include <gtest/gtest.h>

#include "base/json_escape.h"

namespace skybox {
namespace {

TEST(Utf8Test, KeepsWellFormedText) {
  for (std::string s : {"", "plain", "caf\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"}) {
    EXPECT_EQ(ToValidUtf8(s), s);
  }
}

TEST(Utf8Test, CountsCharactersNotBytes) {
  EXPECT_EQ(Utf8CharacterCount(""), 0u);
  EXPECT_EQ(Utf8CharacterCount("tag"), 3u);
  EXPECT_EQ(Utf8CharacterCount("\xc3\xa9t\xc3\xa9"), 3u);    // été
  EXPECT_EQ(Utf8CharacterCount("\xf0\x9f\x98\x80"), 1u);     // one emoji, four bytes
}

TEST(Utf8Test, ReplacesIllFormedSequences) {
  const std::string kFffd = "\xEF\xBF\xBD";
  EXPECT_EQ(ToValidUtf8("a\xFF\xFE" "b"), "a" + kFffd + kFffd + "b");
  EXPECT_EQ(ToValidUtf8("\xC0\xAF"), kFffd + kFffd);          // overlong '/'
  EXPECT_EQ(ToValidUtf8("\xED\xA0\x80"), kFffd + kFffd + kFffd);  // surrogate
  EXPECT_EQ(ToValidUtf8("\xF4\x90\x80\x80"), kFffd + kFffd + kFffd + kFffd);  // > U+10FFFF
  EXPECT_EQ(ToValidUtf8("\xE2\x82"), kFffd + kFffd);           // truncated
}

TEST(Utf8Test, JsonEscapingNeverEmitsInvalidUtf8) {
  std::string out;
  AppendJsonEscaped(out, "k\xFF\x01");
  EXPECT_EQ(out, "k\xEF\xBF\xBD\\u0001");
}

}  // namespace
}  // namespace skybox
