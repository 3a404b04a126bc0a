#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "services/s3/keys.h"
#include "services/s3/object_acl.h"
#include "services/s3/object_attributes.h"
#include "services/s3/object_tagging.h"

namespace skybox::s3 {
namespace {

aws::Document Tags(std::initializer_list<std::pair<std::string, std::string>> tags) {
  aws::Document set = aws::Document::array();
  for (const auto& [k, v] : tags) set.push_back({{"Key", k}, {"Value", v}});
  return set;
}

TEST(ParseObjectTagSet, KeepsOrderAndAllowsLimits) {
  std::string key_128(128, 'k'), value_256;
  for (int i = 0; i < 256; ++i) value_256 += "\xc3\xa9";  // 256 characters, 512 bytes
  auto tags = ParseObjectTagSet(Tags({{"b", "2"}, {"a", ""}, {key_128, value_256}}));
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  ASSERT_EQ(tags->size(), 3u);
  EXPECT_EQ((*tags)[0], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ(TagSetDocument(*tags), Tags({{"b", "2"}, {"a", ""}, {key_128, value_256}}));
}

TEST(ParseObjectTagSet, RefusesWhatS3Refuses) {
  struct Case {
    aws::Document set;
    std::string code;
  };
  aws::Document eleven = aws::Document::array();
  for (int i = 0; i < 11; ++i) eleven.push_back({{"Key", "k" + std::to_string(i)}, {"Value", "v"}});
  for (const Case& c : {Case{eleven, "BadRequest"}, Case{Tags({{"k", "1"}, {"k", "2"}}), "InvalidTag"},
                        Case{Tags({{"", "v"}}), "InvalidTag"}, Case{Tags({{std::string(129, 'k'), "v"}}), "InvalidTag"},
                        Case{Tags({{"k", std::string(257, 'v')}}), "InvalidTag"},
                        Case{Tags({{"aws:x", "v"}}), "InvalidTag"}}) {
    auto tags = ParseObjectTagSet(c.set);
    ASSERT_FALSE(tags.ok()) << c.set.dump();
    EXPECT_EQ(tags.status().aws_code(), c.code) << c.set.dump();
  }
}

TEST(ParseTaggingHeader, FollowsTheTagSetRulesInCharacters) {
  std::string value_256;
  for (int i = 0; i < 256; ++i) value_256 += "%C3%A9";  // 256 characters, 512 bytes
  auto tags = ParseTaggingHeader("b=2&a=&k+1=" + value_256);
  ASSERT_TRUE(tags.ok()) << tags.status().ToString();
  ASSERT_EQ(tags->size(), 3u);
  EXPECT_EQ((*tags)[0], (std::pair<std::string, std::string>{"b", "2"}));
  EXPECT_EQ((*tags)[2].first, "k 1");  // form encoding: '+' is a space
  EXPECT_EQ((*tags)[2].second.size(), 512u);
}

TEST(ParseTaggingHeader, RefusesWhatS3Refuses) {
  std::string eleven;
  for (int i = 0; i < 11; ++i) eleven += (i ? "&k" : "k") + std::to_string(i) + "=v";
  for (const auto& [header, code] : std::vector<std::pair<std::string, std::string>>{
           {eleven, "BadRequest"}, {"k=1&k=2", "InvalidArgument"}, {"=v", "InvalidTag"},
           {std::string(129, 'k') + "=v", "InvalidTag"}, {"k=" + std::string(257, 'v'), "InvalidTag"},
           {"aws:x=v", "InvalidTag"}}) {
    auto tags = ParseTaggingHeader(header);
    ASSERT_FALSE(tags.ok()) << header;
    EXPECT_EQ(tags.status().aws_code(), code) << header;
  }
  EXPECT_EQ(ParseTaggingHeader("k=1&k=2").status().message(),
            "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag "
            "name duplicates.");
}

ObjectVersion Multipart(std::string checksum_type) {
  ObjectVersion v;
  v.version_id = "null";
  v.etag = "\"abc-3\"";
  v.size = 30;
  v.multipart = true;
  v.checksum = StoredChecksum{"SHA256", "Y29tcG9zaXRl-3", checksum_type};
  for (int i = 0; i < 3; ++i) v.parts.push_back(ObjectPart{0, 10, "\"e\"", "cGFydA" + std::to_string(i)});
  return v;
}

TEST(ObjectAttributesOutput, CompositeMultipartPages) {
  aws::Document all = {"ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize"};
  aws::Document out = ObjectAttributesOutput(Multipart("COMPOSITE"), all, PartsPage{2, 1});
  EXPECT_EQ(out["ETag"], "abc-3");
  EXPECT_EQ(out["Checksum"], (aws::Document{{"ChecksumSHA256", "Y29tcG9zaXRl"}, {"ChecksumType", "COMPOSITE"}}));
  EXPECT_EQ(out["StorageClass"], "STANDARD");
  EXPECT_EQ(out["ObjectSize"], 30);
  EXPECT_FALSE(out.contains("VersionId"));
  const aws::Document& parts = out["ObjectParts"];
  EXPECT_EQ(parts["TotalPartsCount"], 3);
  EXPECT_EQ(parts["PartNumberMarker"], 1);
  EXPECT_EQ(parts["NextPartNumberMarker"], 3);
  EXPECT_EQ(parts["MaxParts"], 2);
  EXPECT_EQ(parts["IsTruncated"], false);
  EXPECT_EQ(parts["Parts"], (aws::Document{{{"PartNumber", 2}, {"Size", 10}, {"ChecksumSHA256", "cGFydA1"}},
                                           {{"PartNumber", 3}, {"Size", 10}, {"ChecksumSHA256", "cGFydA2"}}}));
  aws::Document first = ObjectAttributesOutput(Multipart("COMPOSITE"), all, PartsPage{1, 0})["ObjectParts"];
  EXPECT_EQ(first["IsTruncated"], true);
  EXPECT_EQ(first["NextPartNumberMarker"], 1);
}

TEST(ObjectAttributesOutput, FullObjectChecksumCountsPartsOnly) {
  aws::Document out = ObjectAttributesOutput(Multipart("FULL_OBJECT"), {"ObjectParts"}, PartsPage{});
  EXPECT_EQ(out["ObjectParts"], (aws::Document{{"TotalPartsCount", 3}}));
  EXPECT_FALSE(out.contains("ETag"));
  EXPECT_TRUE(out.contains("LastModified"));
}

TEST(ObjectAttributesOutput, SinglePartObjectHasNoParts) {
  ObjectVersion v;
  v.version_id = "0123456789abcdef0123456789abcdef";
  v.etag = "\"d41d8cd98f00b204e9800998ecf8427e\"";
  aws::Document out = ObjectAttributesOutput(v, {"ETag", "ObjectParts", "Checksum"}, PartsPage{});
  EXPECT_EQ(out["ETag"], "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(out["VersionId"], v.version_id);
  EXPECT_FALSE(out.contains("ObjectParts"));
  EXPECT_FALSE(out.contains("Checksum"));
}

TEST(ObjectAclKey, SortsWithTheVersionKeyLayout) {
  std::string acl = ObjectAclKey("bucket", "key", 42);
  std::string version = VersionKey("bucket", "key", 42);
  EXPECT_EQ(acl.substr(0, 1), "A");
  EXPECT_EQ(acl.substr(1), version.substr(1));
  EXPECT_NE(ObjectAclKey("bucket", "key", 43), acl);
}

}  // namespace
}  // namespace skybox::s3
