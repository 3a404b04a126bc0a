// The ACL CreateMultipartUpload sets (x-amz-acl) is kept beside the upload (keys.h G<upload id>)
// until the upload ends: every way an upload ends removes it with the upload.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "services/s3/keys.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/operations.h"
#include "services/s3/s3_test_fixture.h"

namespace skybox::s3 {
namespace {

class UploadAclTest : public S3BackendTest {
 protected:
  void SetUp() override {
    S3BackendTest::SetUp();
    ASSERT_TRUE(Run(CreateBucket, {{"Bucket", "bkt"}, {"ObjectOwnership", "ObjectWriter"}}).ok());
  }

  // Starts an upload of `key` with a log-delivery-write ACL (stored: not the private default, and
  // not public, which a new bucket blocks); returns its id.
  std::string StartUploadWithAcl(const std::string& key) {
    auto started = Run(CreateMultipartUpload, {{"Bucket", "bkt"}, {"Key", key}, {"ACL", "log-delivery-write"}});
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return started.ok() ? (*started)["UploadId"].get<std::string>() : std::string();
  }

  bool HasUploadAcl(const std::string& upload_id) {
    return store_->Get(backend_->ns(), UploadAclKey(upload_id)).value().has_value();
  }
};

TEST_F(UploadAclTest, AbortRemovesTheAcl) {
  std::string upload_id = StartUploadWithAcl("k");
  ASSERT_TRUE(HasUploadAcl(upload_id));
  ASSERT_TRUE(Run(AbortMultipartUpload, {{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}}).ok());
  EXPECT_FALSE(HasUploadAcl(upload_id));
}

TEST_F(UploadAclTest, DeletingTheBucketRemovesTheAcl) {
  std::string upload_id = StartUploadWithAcl("k");
  ASSERT_TRUE(HasUploadAcl(upload_id));
  ASSERT_TRUE(Run(DeleteBucket, {{"Bucket", "bkt"}}).ok());
  EXPECT_FALSE(HasUploadAcl(upload_id));
}

TEST_F(UploadAclTest, AnUploadWithoutAnAclStoresNone) {
  auto started = Run(CreateMultipartUpload, {{"Bucket", "bkt"}, {"Key", "k"}});
  ASSERT_TRUE(started.ok());
  EXPECT_FALSE(HasUploadAcl((*started)["UploadId"].get<std::string>()));
}

}  // namespace
}  // namespace skybox::s3
