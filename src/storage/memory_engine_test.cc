// Version pruning in the in-memory engine must never take a version a live snapshot reads.
#include "storage/memory_engine.h"

#include <gtest/gtest.h>

#include <vector>

namespace skybox::storage {
namespace {

class MemoryEngineTest : public ::testing::Test {
 protected:
  void Write(std::optional<std::string> value) {
    WriteBatch batch;
    if (value) {
      batch.Put(ns_, "k", *value);
    } else {
      batch.Delete(ns_, "k");
    }
    const WriteBatch* group[] = {&batch};
    ASSERT_TRUE(engine_->Write(group, false).ok());
  }
  std::optional<std::string> Read(const std::shared_ptr<const Snapshot>& snapshot) {
    return engine_->Get(ns_, "k", snapshot.get()).value();
  }

  std::unique_ptr<Engine> engine_ = NewMemoryEngine();
  Namespace ns_ = engine_->OpenNamespace("n").value();
};

TEST_F(MemoryEngineTest, ReleasingSnapshotsKeepsWhatOthersStillSee) {
  Write("v1");
  auto s1 = engine_->GetSnapshot();
  Write(std::nullopt);
  auto s2 = engine_->GetSnapshot();
  Write("v3");
  auto s3 = engine_->GetSnapshot();
  Write("v4");
  EXPECT_EQ(Read(s1), "v1");
  EXPECT_EQ(Read(s2), std::nullopt);
  EXPECT_EQ(Read(s3), "v3");

  s2.reset();  // prunes: s1 and s3 must be unaffected
  EXPECT_EQ(Read(s1), "v1");
  EXPECT_EQ(Read(s3), "v3");
  s1.reset();
  EXPECT_EQ(Read(s3), "v3");
  Write("v5");
  EXPECT_EQ(Read(s3), "v3");
  s3.reset();
  EXPECT_EQ(Read(nullptr), "v5");
}

TEST_F(MemoryEngineTest, IteratorKeepsItsViewWhileKeysAreDeletedAndPruned) {
  for (const char* k : {"a", "b", "c"}) {
    WriteBatch batch;
    batch.Put(ns_, k, k);
    const WriteBatch* group[] = {&batch};
    ASSERT_TRUE(engine_->Write(group, false).ok());
  }
  auto it = engine_->NewIterator(ns_, {}, nullptr);
  it->SeekToFirst();
  ASSERT_TRUE(it->Valid());
  WriteBatch wipe;
  wipe.DeleteRange(ns_, "a", "z");
  const WriteBatch* group[] = {&wipe};
  ASSERT_TRUE(engine_->Write(group, false).ok());
  std::vector<std::string> seen;
  for (; it->Valid(); it->Next()) seen.emplace_back(it->key());
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c"}));
  it.reset();
  auto after = engine_->NewIterator(ns_, {}, nullptr);
  after->SeekToFirst();
  EXPECT_FALSE(after->Valid());
}

}  // namespace
}  // namespace skybox::storage
