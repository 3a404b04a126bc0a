// Conditional deletes at the commit level (object_commit.h): the conditions are checked on the
// version the delete finds when it runs, so a version written after a caller looked (the
// lifecycle worker's scan) is never deleted in its place.
#include "services/s3/object_commit.h"

#include <gtest/gtest.h>

#include <future>

#include "services/s3/config/config_store.h"
#include "services/s3/operations.h"
#include "services/s3/s3_test_fixture.h"

namespace skybox::s3 {
namespace {

class ObjectCommitTest : public S3BackendTest {
 protected:
  void SetUp() override {
    S3BackendTest::SetUp();
    auto created = Run(CreateBucket, {{"Bucket", "bkt"}});
    ASSERT_TRUE(created.ok()) << created.status().ToString();
  }

  // Writes `body` as the key's newest version; returns its sequence.
  uint64_t Put(const std::string& key, const std::string& body) {
    ObjectVersion version;
    version.size = body.size();
    version.inline_data = body;
    version.etag = "\"" + body + "\"";
    version.last_modified_ms = 1'700'000'000'000;
    std::promise<Result<ObjectVersion>> written;
    CommitNewVersion(*backend_, std::string("bkt"), key, std::move(version), {}, {"ObjectCreated:Put", {}},
                     [&](Result<ObjectVersion> r) { written.set_value(std::move(r)); });
    EXPECT_TRUE(written.get_future().get().ok());
    auto head = backend_->ReadHead("bkt", key).value();
    return head->current_seq;
  }

  Status DeleteCurrentIf(const std::string& key, DeleteConditions conditions) {
    std::promise<Status> done;
    DeleteCurrent(*backend_, "bkt", key, {"LifecycleExpiration", {}},
                  [&](Result<DeleteOutcome> r) { done.set_value(r.status()); }, std::move(conditions));
    return done.get_future().get();
  }

  // Deletes the version stored at `seq` by its id (a gone version: an id naming nothing).
  Status DeleteVersionIf(const std::string& key, uint64_t seq, DeleteConditions conditions) {
    auto stored = backend_->ReadVersion("bkt", key, seq, /*with_data=*/false).value();
    std::string version_id = stored ? stored->version_id : S3Backend::NewVersionId(seq);
    std::promise<Status> done;
    DeleteVersion(*backend_, "bkt", key, version_id, {"LifecycleExpiration", {}},
                  /*bypass_governance_retention=*/false, [&](Result<DeleteOutcome> r) { done.set_value(r.status()); },
                  std::move(conditions));
    return done.get_future().get();
  }

  // As PutBucketVersioning stores it (config/), then the bucket state is read again.
  void EnableVersioning() {
    aws::Document enabled = aws::Document::object();
    enabled["Status"] = "Enabled";
    storage::WriteBatch batch;
    batch.Put(backend_->ns(), BucketConfigKey("bkt", "versioning"), EncodeBucketConfig(enabled));
    std::promise<Status> done;
    store_->Commit(std::move(batch), [&](Status st) { done.set_value(st); });
    ASSERT_TRUE(done.get_future().get().ok());
    backend_->BucketChanged("bkt");
  }

  bool Exists(const std::string& key) { return backend_->ReadHead("bkt", key).value().has_value(); }
};

// A write that decided from one bucket (its encryption, Object Lock, ownership) is not
// committed into another created since under the same name: it answers NoSuchBucket.
TEST_F(ObjectCommitTest, AWriteDoesNotLandInABucketCreatedAgainUnderItsName) {
  const std::string first = backend_->BucketStateOf("bkt").value()->incarnation;
  ASSERT_TRUE(Run(DeleteBucket, {{"Bucket", "bkt"}}).ok());
  ASSERT_TRUE(Run(CreateBucket, {{"Bucket", "bkt"}}).ok());
  const std::string second = backend_->BucketStateOf("bkt").value()->incarnation;
  EXPECT_NE(first, second);
  auto commit = [&](const std::string& incarnation) {
    ObjectVersion version;
    version.inline_data = "x";
    version.size = 1;
    std::promise<Result<ObjectVersion>> written;
    CommitNewVersion(*backend_, WriteBucket{"bkt", incarnation}, "k", std::move(version), {},
                     {"ObjectCreated:Put", {}}, [&](Result<ObjectVersion> r) { written.set_value(std::move(r)); });
    return written.get_future().get();
  };
  auto stale = commit(first);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().aws_code(), "NoSuchBucket");
  EXPECT_FALSE(backend_->ReadHead("bkt", "k").value().has_value());
  EXPECT_TRUE(commit(second).ok());
  EXPECT_TRUE(commit("").ok());  // no incarnation named: whichever bucket has the name
}

TEST_F(ObjectCommitTest, AStaleVersionSequenceDeletesNothing) {
  const uint64_t judged = Put("k", "old");
  const uint64_t current = Put("k", "new");  // written after the caller looked
  ASSERT_NE(judged, current);
  Status stale = DeleteCurrentIf("k", {.version_seq = judged});
  EXPECT_EQ(stale.aws_code(), "PreconditionFailed");
  EXPECT_TRUE(Exists("k"));
  EXPECT_TRUE(DeleteCurrentIf("k", {.version_seq = current}).ok());
  EXPECT_FALSE(Exists("k"));
  // The version is gone by the time the delete runs: nothing is deleted, the caller is told.
  EXPECT_EQ(DeleteCurrentIf("k", {.version_seq = current}).aws_code(), "PreconditionFailed");
}

TEST_F(ObjectCommitTest, ConditionsAreCheckedOnTheVersionTheDeleteFinds) {
  Put("k", "abc");
  EXPECT_EQ(DeleteCurrentIf("k", {.if_match = "\"other\""}).aws_code(), "PreconditionFailed");
  EXPECT_EQ(DeleteCurrentIf("k", {.size = 4}).aws_code(), "PreconditionFailed");
  EXPECT_TRUE(Exists("k"));
  EXPECT_TRUE(DeleteCurrentIf("k", {.if_match = "\"abc\"", .size = 3}).ok());
  EXPECT_FALSE(Exists("k"));
  EXPECT_EQ(DeleteCurrentIf("k", {.if_match = "*"}).aws_code(), "NoSuchKey");
}

TEST_F(ObjectCommitTest, AVersionJudgedNoncurrentIsKeptOnceItBecameCurrent) {
  EnableVersioning();
  const uint64_t older = Put("k", "v1");
  const uint64_t newer = Put("k", "v2");
  // Judged noncurrent; then the current version is deleted and `older` becomes current.
  ASSERT_TRUE(DeleteVersionIf("k", newer, {}).ok());
  Status stale = DeleteVersionIf("k", older, {.version_seq = older, .version_is_current = false});
  EXPECT_EQ(stale.aws_code(), "PreconditionFailed");
  EXPECT_TRUE(Exists("k"));
  EXPECT_TRUE(DeleteVersionIf("k", older, {.version_seq = older, .version_is_current = true}).ok());
  EXPECT_FALSE(Exists("k"));
  // Gone by the time the delete runs: nothing to delete, and the caller is told.
  EXPECT_EQ(DeleteVersionIf("k", older, {.version_seq = older}).aws_code(), "PreconditionFailed");
}

}  // namespace
}  // namespace skybox::s3
