#include "services/s3/form/form_object_input.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(ObjectInputOfForm, MapsFieldsToPutObjectMembers) {
  FormFields fields = {{"key", "k"},
                       {"content-type", "image/png"},
                       {"cache-control", "max-age=60"},
                       {"x-amz-meta-color", "blue"},
                       {"x-amz-storage-class", "STANDARD_IA"},
                       {"x-amz-checksum-crc32", "AAAAAA=="},
                       {"policy", "ignored"}};
  auto input = ObjectInputOfForm(fields);
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ(*input, nlohmann::json::parse(R"({"ContentType": "image/png", "CacheControl": "max-age=60",
      "Metadata": {"color": "blue"}, "StorageClass": "STANDARD_IA", "ChecksumCRC32": "AAAAAA=="})"));
}

TEST(ObjectInputOfForm, TaggingXmlBecomesTheHeaderForm) {
  auto input = ObjectInputOfForm(
      {{"tagging", "<Tagging><TagSet><Tag><Key>a b</Key><Value>1&amp;2</Value></Tag>"
                   "<Tag><Key>c</Key><Value></Value></Tag></TagSet></Tagging>"}});
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ((*input)["Tagging"], "a%20b=1%262&c=");
  for (std::string_view bad : {"<Tagging><TagSet>", "<Other/>", "<Tagging/>", "<Tagging><TagSet><Tag/></TagSet></Tagging>"}) {
    auto failed = ObjectInputOfForm({{"tagging", std::string(bad)}});
    ASSERT_FALSE(failed.ok()) << bad;
    EXPECT_EQ(failed.status().aws_code(), "MalformedXML");
  }
}

}  // namespace
}  // namespace skybox::s3
