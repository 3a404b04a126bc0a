// The ACL CreateMultipartUpload sets (x-amz-acl) is kept beside the upload (keys.h G<upload id>)
// until the upload ends: every way an upload ends removes it with the upload.
#include <gtest/gtest.h>

#include <future>
#include <string>

#include "services/s3/keys.h"
#include "services/s3/multipart_handlers.h"
#include "services/s3/operations.h"

namespace skybox::s3 {
namespace {

class UploadAclTest : public ::testing::Test {
 protected:
  void SetUp() override {
    storage::StoreOptions options;
    options.ephemeral = true;
    store_ = storage::Store::Open(options).value();
    backend_ = S3Backend::Open(store_.get(), S3Options{}).value();
    ASSERT_TRUE(Run(CreateBucket, {{"Bucket", "bkt"}, {"ObjectOwnership", "ObjectWriter"}}).ok());
  }

  void TearDown() override {
    backend_.reset();
    store_.reset();
  }

  Result<aws::Document> Run(BackendOperation operation, aws::Document input) {
    aws::Call call;
    call.input = std::move(input);
    call.region = call.signing_region = "us-east-1";
    call.caller.account_id = "000000000000";
    std::promise<Result<aws::Document>> answered;
    operation(*backend_, std::move(call), [&](Result<aws::Document> r) { answered.set_value(std::move(r)); });
    return answered.get_future().get();
  }

  // Starts an upload of `key` with a public-read ACL; returns its id.
  std::string StartPublicUpload(const std::string& key) {
    auto started = Run(CreateMultipartUpload, {{"Bucket", "bkt"}, {"Key", key}, {"ACL", "public-read"}});
    EXPECT_TRUE(started.ok()) << started.status().ToString();
    return started.ok() ? (*started)["UploadId"].get<std::string>() : std::string();
  }

  bool HasUploadAcl(const std::string& upload_id) {
    return store_->Get(backend_->ns(), UploadAclKey(upload_id)).value().has_value();
  }

  std::unique_ptr<storage::Store> store_;
  std::shared_ptr<S3Backend> backend_;
};

TEST_F(UploadAclTest, AbortRemovesTheAcl) {
  std::string upload_id = StartPublicUpload("k");
  ASSERT_TRUE(HasUploadAcl(upload_id));
  ASSERT_TRUE(Run(AbortMultipartUpload, {{"Bucket", "bkt"}, {"Key", "k"}, {"UploadId", upload_id}}).ok());
  EXPECT_FALSE(HasUploadAcl(upload_id));
}

TEST_F(UploadAclTest, DeletingTheBucketRemovesTheAcl) {
  std::string upload_id = StartPublicUpload("k");
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
