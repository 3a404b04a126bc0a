#include "base/percent_encoding.h"

#include <gtest/gtest.h>

namespace skybox {
namespace {

TEST(PercentEncodingTest, EncodesAllButUnreserved) {
  EXPECT_EQ(PercentEncode("a b/c~d+e=\xC3\xA9", false), "a%20b%2Fc~d%2Be%3D%C3%A9");
  EXPECT_EQ(PercentEncode("a b/c", true), "a%20b/c");
}

TEST(PercentEncodingTest, DecodesEscapesAndOptionallyPlus) {
  EXPECT_EQ(PercentDecode("a%20b+c%2f"), "a b+c/");
  EXPECT_EQ(PercentDecode("a%20b+c", true), "a b c");
  EXPECT_EQ(PercentDecode("100%"), "100%");
  EXPECT_EQ(PercentDecode("%zz%4"), "%zz%4");
  EXPECT_EQ(PercentDecode("%41"), "A");
}

}  // namespace
}  // namespace skybox
