#include "base/uuid.h"

#include <set>

#include <gtest/gtest.h>

namespace skybox {
namespace {

TEST(UuidTest, VersionFourTextForm) {
  std::string id = NewUuidV4();
  ASSERT_EQ(id.size(), 36u);
  EXPECT_EQ(id[8], '-');
  EXPECT_EQ(id[13], '-');
  EXPECT_EQ(id[14], '4');
  EXPECT_TRUE(id[19] == '8' || id[19] == '9' || id[19] == 'a' || id[19] == 'b') << id;
  for (char c : id) EXPECT_TRUE(c == '-' || std::isxdigit(static_cast<unsigned char>(c))) << id;
}

TEST(UuidTest, FormatsGivenBitsWithVersionAndVariant) {
  EXPECT_EQ(FormatUuidV4(0x0123456789abcdefull, 0xfedcba9876543210ull), "01234567-89ab-4def-bedc-ba9876543210");
  EXPECT_EQ(FormatUuidV4(0, 0), "00000000-0000-4000-8000-000000000000");
}

TEST(UuidTest, Distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewUuidV4());
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace skybox
