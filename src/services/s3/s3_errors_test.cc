#include "services/s3/s3_errors.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(CheckKeyReadable, TakesAnyWellFormedUtf8) {
  // C1 controls and other characters S3's guide says to avoid are still keys.
  for (const char* key : {"", "plain/key.txt", "\xc2\xae\xc2\x8a-", "caf\xc3\xa9", "\xf0\x9f\x98\x80", "a\x01" "b"}) {
    EXPECT_TRUE(CheckKeyReadable(key).ok()) << key;
  }
}

TEST(CheckKeyReadable, RefusesBytesThatAreNoText) {
  for (const char* key : {"\xae\x8a-", "\xff", "tail\xc3", "\xed\xa0\x80", "\xc0\xaf"}) {
    Status st = CheckKeyReadable(key);
    ASSERT_FALSE(st.ok()) << key;
    EXPECT_EQ(st.aws_code(), "InvalidURI");
    EXPECT_EQ(st.http_status(), 400);
    EXPECT_EQ(st.message(), "Couldn't parse the specified URI.");
  }
}

}  // namespace
}  // namespace skybox::s3
