#include "services/s3/http/metadata_encoding.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(MetadataEncodingTest, EncodedWordsAreDecodedBeforeStoring) {
  EXPECT_EQ(DecodeMetadataValue("=?UTF-8?B?w7Y=?="), "\xC3\xB6");
  EXPECT_EQ(DecodeMetadataValue("=?utf-8?q?Mini=C3=B6_x?="), "Mini\xC3\xB6 x");
  EXPECT_EQ(DecodeMetadataValue("=?ISO-8859-1?Q?=F6?="), "\xC3\xB6");
  // Adjacent words join without the whitespace between them (RFC 2047 §6.2).
  EXPECT_EQ(DecodeMetadataValue("=?UTF-8?B?aGVs?= =?UTF-8?B?bG8=?="), "hello");
}

TEST(MetadataEncodingTest, AnythingElseIsKeptAsWritten) {
  for (const char* value : {"plain", "=?", "=?UTF-8?B?w7Y=", "=?UTF-8?X?abc?=", "=?KOI8-R?B?w7Y=?=",
                            "=?UTF-8?B?w7Y=?= tail", "=?UTF-8?Q?=C?=", "=?UTF-8?B?!!!?=", ""}) {
    EXPECT_EQ(DecodeMetadataValue(value), value) << value;
  }
}

TEST(MetadataEncodingTest, OnlyNonAsciiValuesAreEncodedForReturning) {
  EXPECT_EQ(MailSafeMetadataValue("plain value"), "plain value");
  EXPECT_EQ(MailSafeMetadataValue("\xC3\xB6"), "=?UTF-8?B?w7Y=?=");
  EXPECT_EQ(DecodeMetadataValue(MailSafeMetadataValue("Mini\xC3\xB6")), "Mini\xC3\xB6");
}

}  // namespace
}  // namespace skybox::s3
