#include "services/s3/config/object_lock_config.h"

#include <gtest/gtest.h>

#include <map>

namespace skybox::s3 {
namespace {

using aws::Document;

// A bucket whose stored configurations are `stored` (by name).
SiblingConfigReader Bucket(std::map<std::string, Document> stored) {
  return [stored = std::move(stored)](std::string_view name) -> Result<std::optional<Document>> {
    auto it = stored.find(std::string(name));
    if (it == stored.end()) return std::optional<Document>();
    return std::optional<Document>(it->second);
  };
}

const SiblingConfigReader kVersioned = Bucket({{"versioning", {{"Status", "Enabled"}}}});

Result<Document> Put(Document configuration, const SiblingConfigReader& read = kVersioned, bool digest = true) {
  aws::Call call;
  call.input = {{"Bucket", "b"}, {"ObjectLockConfiguration", std::move(configuration)}};
  if (digest) call.headers.push_back({"content-md5", "checked by the dispatcher"});
  return BuildObjectLockConfiguration(call, read);
}

Document WithRetention(Document retention) {
  return {{"ObjectLockEnabled", "Enabled"}, {"Rule", {{"DefaultRetention", std::move(retention)}}}};
}

std::string Code(const Result<Document>& r) { return r.ok() ? "ok" : std::string(r.status().aws_code()); }

TEST(ObjectLockConfigTest, NeedsADigestOfTheBody) {
  const Result<Document> r = Put({{"ObjectLockEnabled", "Enabled"}}, kVersioned, /*digest=*/false);
  EXPECT_EQ(Code(r), "InvalidRequest");
  EXPECT_EQ(r.status().message(), "Missing required header for this request: Content-MD5 OR x-amz-checksum-*");
}

TEST(ObjectLockConfigTest, AcceptsEnabledWithOrWithoutADefaultRetention) {
  auto plain = Put({{"ObjectLockEnabled", "Enabled"}});
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_EQ(*plain, EnabledObjectLockConfiguration());
  auto ruled = Put(WithRetention({{"Mode", "COMPLIANCE"}, {"Years", 1}}));
  ASSERT_TRUE(ruled.ok());
  ObjectLockSettings settings = ObjectLockSettingsOf(*ruled);
  EXPECT_TRUE(settings.enabled);
  ASSERT_TRUE(settings.default_retention.has_value());
  EXPECT_EQ(settings.default_retention->mode, "COMPLIANCE");
  EXPECT_EQ(settings.default_retention->period_ms, 365LL * 86400000);
}

TEST(ObjectLockConfigTest, RefusesWhatS3Refuses) {
  EXPECT_EQ(Code(Put({{"ObjectLockEnabled", "Disabled"}})), "MalformedXML");
  EXPECT_EQ(Code(Put(WithRetention({{"Mode", "invalid"}, {"Days", 1}}))), "MalformedXML");
  EXPECT_EQ(Code(Put(WithRetention({{"Mode", "GOVERNANCE"}, {"Days", 1}, {"Years", 1}}))), "MalformedXML");
  EXPECT_EQ(Code(Put(WithRetention({{"Mode", "GOVERNANCE"}}))), "MalformedXML");
  EXPECT_EQ(Code(Put({{"ObjectLockEnabled", "Enabled"}, {"Rule", Document::object()}})), "MalformedXML");
  auto zero = Put(WithRetention({{"Mode", "GOVERNANCE"}, {"Days", 0}}));
  EXPECT_EQ(Code(zero), "InvalidArgument");
  EXPECT_EQ(zero.status().http_status(), 400);
  EXPECT_EQ(Code(Put(WithRetention({{"Mode", "GOVERNANCE"}, {"Years", -1}}))), "InvalidArgument");
  EXPECT_EQ(Code(Put(WithRetention({{"Mode", "GOVERNANCE"}, {"Years", 101}}))), "InvalidArgument");
  auto unversioned = Put({{"ObjectLockEnabled", "Enabled"}}, Bucket({}));
  EXPECT_EQ(Code(unversioned), "InvalidBucketState");
  EXPECT_EQ(unversioned.status().http_status(), 409);
  EXPECT_EQ(Code(Put({{"ObjectLockEnabled", "Enabled"}}, Bucket({{"versioning", {{"Status", "Suspended"}}}}))),
            "InvalidBucketState");
}

TEST(ObjectLockConfigTest, VersioningCannotBeSuspendedUnderObjectLock) {
  const SiblingConfigReader locked = Bucket({{"objectLock", EnabledObjectLockConfiguration()}});
  Status suspend = CheckVersioningKeepsObjectLock({{"Status", "Suspended"}}, locked);
  EXPECT_EQ(suspend.aws_code(), "InvalidBucketState");
  EXPECT_EQ(suspend.http_status(), 409);
  EXPECT_TRUE(CheckVersioningKeepsObjectLock({{"Status", "Enabled"}}, locked).ok());
  EXPECT_TRUE(CheckVersioningKeepsObjectLock({{"Status", "Suspended"}}, Bucket({})).ok());
}

TEST(ObjectLockConfigTest, NoConfigurationMeansDisabled) {
  EXPECT_FALSE(ObjectLockSettingsOf(std::nullopt).enabled);
  EXPECT_FALSE(ObjectLockSettingsOf(Document::object()).enabled);
  EXPECT_FALSE(ObjectLockSettingsOf(EnabledObjectLockConfiguration()).default_retention.has_value());
}

}  // namespace
}  // namespace skybox::s3
