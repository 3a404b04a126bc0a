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

TEST(UuidTest, Distinct) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) seen.insert(NewUuidV4());
  EXPECT_EQ(seen.size(), 1000u);
}

}  // namespace
}  // namespace skybox
