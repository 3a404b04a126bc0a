#include "services/dynamodb/item_locks.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace skybox::dynamodb {
namespace {

class ItemLocksTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::Store::Open({.ephemeral = true});
    ASSERT_TRUE(store.ok());
    store_ = std::move(*store);
    auto ns = store_->OpenNamespace("items");
    ASSERT_TRUE(ns.ok());
    ns_ = *ns;
    locks_ = std::make_unique<ItemLocks>(store_.get(), ns_);
  }
  // Commit callbacks touch the locks: drain them before the locks are destroyed.
  void TearDown() override { ASSERT_TRUE(store_->Flush().ok()); }

  std::unique_ptr<storage::Store> store_;
  storage::Namespace ns_;
  std::unique_ptr<ItemLocks> locks_;
};

TEST_F(ItemLocksTest, WritersSeePendingWritesAndReadersSeeThemOnlyOnceCommitted) {
  std::atomic<bool> committed{false};
  {
    ItemLocks::Guard guard = locks_->Lock({"k"});
    auto before = guard.Read("k");
    ASSERT_TRUE(before.ok());
    EXPECT_FALSE(before->has_value());
    storage::WriteBatch batch;
    batch.Put(ns_, "k", "v1");
    guard.Commit(std::move(batch), {{"k", "v1"}}, [&](Status s) {
      EXPECT_TRUE(s.ok());
      committed = true;
    });
  }
  // The next writer sees v1 whether or not the commit has completed.
  ItemLocks::Guard guard = locks_->Lock({"k"});
  auto seen = guard.Read("k");
  ASSERT_TRUE(seen.ok());
  EXPECT_EQ(seen->value_or(""), "v1");
  ASSERT_TRUE(store_->Flush().ok());
  EXPECT_TRUE(committed);
  auto stored = store_->Get(ns_, "k");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->value_or(""), "v1");
}

TEST_F(ItemLocksTest, ReadModifyWriteUnderTheLockLosesNoUpdate) {
  constexpr int kThreads = 8, kIncrements = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kIncrements; ++i) {
        ItemLocks::Guard guard = locks_->Lock({"counter", "other"});
        auto current = guard.Read("counter");
        ASSERT_TRUE(current.ok());
        int value = current->has_value() ? std::stoi(**current) : 0;
        std::string next = std::to_string(value + 1);
        storage::WriteBatch batch;
        batch.Put(ns_, "counter", next);
        guard.Commit(std::move(batch), {{"counter", next}}, [](Status s) { EXPECT_TRUE(s.ok()); });
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(store_->Flush().ok());
  auto stored = store_->Get(ns_, "counter");
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->value_or(""), std::to_string(kThreads * kIncrements));
}

TEST_F(ItemLocksTest, DeletesArePendingToo) {
  ASSERT_TRUE(store_->CommitAndWait([&] {
    storage::WriteBatch b;
    b.Put(ns_, "k", "v");
    return b;
  }()).ok());
  {
    ItemLocks::Guard guard = locks_->Lock({"k"});
    storage::WriteBatch batch;
    batch.Delete(ns_, "k");
    guard.Commit(std::move(batch), {{"k", std::nullopt}}, [](Status) {});
  }
  ItemLocks::Guard guard = locks_->Lock({"k"});
  auto seen = guard.Read("k");
  ASSERT_TRUE(seen.ok());
  EXPECT_FALSE(seen->has_value());
}

}  // namespace
}  // namespace skybox::dynamodb
