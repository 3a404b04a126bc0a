#include "services/s3/bucket_state_cache.h"

#include <gtest/gtest.h>

#include "services/s3/bucket_record.h"
#include "services/s3/config/bucket_acl.h"
#include "services/s3/config/config_store.h"
#include "services/s3/keys.h"

namespace skybox::s3 {
namespace {

class BucketStateCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(storage::Store::Open({.ephemeral = true})).value();
    ns_ = store_->OpenNamespace("s3").value();
  }
  void Put(const std::string& key, const std::string& value) {
    storage::WriteBatch batch;
    batch.Put(ns_, key, value);
    ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  }
  void Delete(const std::string& key) {
    storage::WriteBatch batch;
    batch.Delete(ns_, key);
    ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  }
  void SetVersioning(std::string_view bucket, std::string_view status) {
    Put(BucketConfigKey(bucket, "versioning"), EncodeBucketConfig(aws::Document{{"Status", status}}));
  }

  std::unique_ptr<storage::Store> store_;
  storage::Namespace ns_;
};

TEST_F(BucketStateCacheTest, MissingBucketIsNoSuchBucketAndNotRemembered) {
  BucketStateCache cache(store_.get(), ns_);
  auto missing = cache.Get("photos");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().aws_code(), "NoSuchBucket");
  Put(BucketKey("photos"), "{}");  // created: visible with no invalidation
  auto created = cache.Get("photos");
  ASSERT_TRUE(created.ok());
  EXPECT_EQ((*created)->versioning, VersioningState::kUnversioned);
  EXPECT_TRUE((*created)->lifecycle.empty());
}

TEST_F(BucketStateCacheTest, RegionIsTheRecordsAndUsEast1WhenItHasNone) {
  Put(BucketKey("dublin"), EncodeBucket({.created_ms = 1, .region = "eu-west-1", .sequence = 7}));
  Put(BucketKey("legacy"), "{}");
  BucketStateCache cache(store_.get(), ns_);
  EXPECT_EQ((*cache.Get("dublin"))->region, "eu-west-1");
  EXPECT_EQ((*cache.Get("legacy"))->region, "us-east-1");
  BucketRecord record = DecodeBucket((*cache.Get("dublin"))->incarnation);
  EXPECT_EQ(record.created_ms, 1);
  EXPECT_EQ(record.sequence, 7u);
}

TEST_F(BucketStateCacheTest, KeepsStateUntilInvalidated) {
  Put(BucketKey("photos"), "{}");
  SetVersioning("photos", "Enabled");
  BucketStateCache cache(store_.get(), ns_);
  ASSERT_EQ((*cache.Get("photos"))->versioning, VersioningState::kEnabled);

  SetVersioning("photos", "Suspended");
  EXPECT_EQ((*cache.Get("photos"))->versioning, VersioningState::kEnabled);  // cached
  cache.Invalidate("photos");
  EXPECT_EQ((*cache.Get("photos"))->versioning, VersioningState::kSuspended);

  Delete(BucketKey("photos"));
  cache.Invalidate("photos");
  EXPECT_EQ(cache.Get("photos").status().aws_code(), "NoSuchBucket");
}

TEST_F(BucketStateCacheTest, InvalidatingOneBucketKeepsTheOthers) {
  Put(BucketKey("a"), "{}");
  Put(BucketKey("b"), "{}");
  BucketStateCache cache(store_.get(), ns_);
  ASSERT_TRUE(cache.Get("a").ok());
  ASSERT_TRUE(cache.Get("b").ok());
  SetVersioning("a", "Enabled");
  SetVersioning("b", "Enabled");
  cache.Invalidate("a");
  EXPECT_EQ((*cache.Get("a"))->versioning, VersioningState::kEnabled);
  EXPECT_EQ((*cache.Get("b"))->versioning, VersioningState::kUnversioned);  // still the cached state
}

TEST_F(BucketStateCacheTest, PublicAclsCountOnlyWhereAclsAreOnAndNotIgnored) {
  const aws::Document public_read = {
      {"Grants", aws::Document::array({{{"Grantee", {{"Type", "Group"}, {"URI", kAllUsers}}}, {"Permission", "READ"}}})}};
  auto ownership = [](std::string_view rule) {
    return aws::Document{{"Rules", aws::Document::array({{{"ObjectOwnership", rule}}})}};
  };
  Put(BucketKey("site"), "{}");
  Put(BucketConfigKey("site", "ownershipControls"), EncodeBucketConfig(ownership("BucketOwnerEnforced")));
  Put(BucketConfigKey("site", "acl"), EncodeBucketConfig(public_read));
  BucketStateCache cache(store_.get(), ns_);
  EXPECT_FALSE((*cache.Get("site"))->public_acls_apply);  // ACLs off: the stored grant counts for nothing
  EXPECT_FALSE((*cache.Get("site"))->everyone_may_list);

  Put(BucketConfigKey("site", "ownershipControls"), EncodeBucketConfig(ownership("ObjectWriter")));
  cache.Invalidate("site");
  EXPECT_TRUE((*cache.Get("site"))->public_acls_apply);
  EXPECT_TRUE((*cache.Get("site"))->everyone_may_list);

  Put(BucketConfigKey("site", "publicAccessBlock"), EncodeBucketConfig(aws::Document{{"IgnorePublicAcls", true}}));
  cache.Invalidate("site");
  EXPECT_FALSE((*cache.Get("site"))->public_acls_apply);
  EXPECT_FALSE((*cache.Get("site"))->everyone_may_list);

  Delete(BucketConfigKey("site", "publicAccessBlock"));
  Delete(BucketConfigKey("site", "ownershipControls"));  // no controls at all: ACLs are on
  Put(BucketConfigKey("site", "acl"), EncodeBucketConfig(aws::Document{
      {"Grants", aws::Document::array({{{"Grantee", {{"Type", "Group"}, {"URI", kAuthenticatedUsers}}},
                                        {"Permission", "FULL_CONTROL"}}})}}));
  cache.Invalidate("site");
  EXPECT_TRUE((*cache.Get("site"))->public_acls_apply);
  EXPECT_FALSE((*cache.Get("site"))->everyone_may_list);  // every AWS account is not everyone
}

TEST_F(BucketStateCacheTest, UnreadableLifecycleLeavesTheBucketUsable) {
  Put(BucketKey("photos"), "{}");
  Put(BucketConfigKey("photos", "lifecycle"), "not json");
  BucketStateCache cache(store_.get(), ns_);
  auto state = cache.Get("photos");
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_TRUE((*state)->lifecycle.empty());
}

}  // namespace
}  // namespace skybox::s3
