// Behaviour every engine must share, run against both through Store.
#include "storage/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "storage/test_util.h"

namespace skybox::storage {
namespace {

using testing::ReadAll;
using testing::TempDir;

class StoreTest : public ::testing::TestWithParam<bool /*ephemeral*/> {
 protected:
  void SetUp() override {
    StoreOptions options;
    options.data_dir = dir_.path() + "/data";
    options.ephemeral = GetParam();
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    a_ = store_->OpenNamespace("a").value();
    b_ = store_->OpenNamespace("b").value();
  }

  void Put(Namespace ns, std::string_view key, std::string_view value) {
    WriteBatch batch;
    batch.Put(ns, key, std::string(value));
    ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  }
  std::optional<std::string> Get(Namespace ns, std::string_view key,
                                 const Snapshot* snapshot = nullptr) {
    auto value = store_->Get(ns, key, snapshot);
    EXPECT_TRUE(value.ok()) << value.status().ToString();
    return value.ok() ? *value : std::nullopt;
  }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Namespace a_, b_;
};

TEST_P(StoreTest, PutGetDelete) {
  EXPECT_EQ(Get(a_, "k"), std::nullopt);
  Put(a_, "k", "v1");
  EXPECT_EQ(Get(a_, "k"), "v1");
  Put(a_, "k", "v2");
  EXPECT_EQ(Get(a_, "k"), "v2");
  WriteBatch del;
  del.Delete(a_, "k");
  ASSERT_TRUE(store_->CommitAndWait(std::move(del)).ok());
  EXPECT_EQ(Get(a_, "k"), std::nullopt);
}

TEST_P(StoreTest, LaterOperationInABatchWins) {
  WriteBatch batch;
  batch.Put(a_, "x", "1");
  batch.Delete(a_, "x");
  batch.Delete(a_, "y");
  batch.Put(a_, "y", "2");
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  EXPECT_EQ(Get(a_, "x"), std::nullopt);
  EXPECT_EQ(Get(a_, "y"), "2");
}

TEST_P(StoreTest, BatchesAreAtomicAcrossNamespaces) {
  std::atomic<bool> done{false};
  std::atomic<int> checks{0};
  std::thread reader([&] {
    while (!done) {
      auto snapshot = store_->GetSnapshot();
      auto in_a = store_->Get(a_, "k", snapshot.get()).value();
      auto in_b = store_->Get(b_, "k", snapshot.get()).value();
      ASSERT_EQ(in_a, in_b);
      ++checks;
    }
  });
  while (checks.load() == 0) std::this_thread::yield();
  for (int i = 0; i < 300; ++i) {
    WriteBatch batch;
    batch.Put(a_, "k", std::to_string(i));
    batch.Put(b_, "k", std::to_string(i));
    ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  }
  done = true;
  reader.join();
  EXPECT_EQ(Get(a_, "k"), "299");
}

TEST_P(StoreTest, SnapshotIsolatesFromLaterWrites) {
  Put(a_, "k", "old");
  Put(a_, "gone", "here");
  auto snapshot = store_->GetSnapshot();
  WriteBatch batch;
  batch.Put(a_, "k", "new");
  batch.Delete(a_, "gone");
  batch.Put(a_, "added", "x");
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());

  EXPECT_EQ(Get(a_, "k", snapshot.get()), "old");
  EXPECT_EQ(Get(a_, "gone", snapshot.get()), "here");
  EXPECT_EQ(Get(a_, "added", snapshot.get()), std::nullopt);
  EXPECT_EQ(Get(a_, "k"), "new");
  EXPECT_EQ(Get(a_, "gone"), std::nullopt);

  auto it = store_->NewIterator(a_, {}, snapshot);
  std::vector<std::string> keys;
  for (it->SeekToFirst(); it->Valid(); it->Next()) keys.emplace_back(it->key());
  EXPECT_EQ(keys, (std::vector<std::string>{"gone", "k"}));
}

TEST_P(StoreTest, IteratorWithoutSnapshotIgnoresLaterWrites) {
  Put(a_, "1", "one");
  auto it = store_->NewIterator(a_);
  Put(a_, "2", "two");
  it->SeekToFirst();
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), "1");
  it->Next();
  EXPECT_FALSE(it->Valid());
  EXPECT_TRUE(it->status().ok());
}

TEST_P(StoreTest, IteratorIsOrderedBothWaysAndBounded) {
  std::vector<std::string> keys = {"a", "b", "b\x01", "ba", "c", "d", "e", std::string("\xff", 1)};
  std::vector<std::string> shuffled = keys;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(7));
  WriteBatch batch;
  for (const auto& k : shuffled) batch.Put(a_, k, "v" + k);
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());

  auto it = store_->NewIterator(a_);
  std::vector<std::string> forward, backward;
  for (it->SeekToFirst(); it->Valid(); it->Next()) forward.emplace_back(it->key());
  for (it->SeekToLast(); it->Valid(); it->Prev()) backward.emplace_back(it->key());
  EXPECT_EQ(forward, keys);
  std::reverse(backward.begin(), backward.end());
  EXPECT_EQ(backward, keys);

  auto bounded = store_->NewIterator(a_, IteratorOptions{"b", "d"});
  std::vector<std::string> in_range;
  for (bounded->SeekToFirst(); bounded->Valid(); bounded->Next()) {
    in_range.emplace_back(bounded->key());
    EXPECT_EQ(bounded->value(), "v" + in_range.back());
  }
  EXPECT_EQ(in_range, (std::vector<std::string>{"b", "b\x01", "ba", "c"}));
  bounded->SeekToLast();
  ASSERT_TRUE(bounded->Valid());
  EXPECT_EQ(bounded->key(), "c");
  bounded->Seek("a");  // below the lower bound: clamped
  ASSERT_TRUE(bounded->Valid());
  EXPECT_EQ(bounded->key(), "b");
  bounded->Prev();
  EXPECT_FALSE(bounded->Valid());
  bounded->SeekForPrev("zzz");  // above the upper bound: clamped
  ASSERT_TRUE(bounded->Valid());
  EXPECT_EQ(bounded->key(), "c");
  bounded->SeekForPrev("bb");
  ASSERT_TRUE(bounded->Valid());
  EXPECT_EQ(bounded->key(), "ba");
  bounded->Seek("bb");
  ASSERT_TRUE(bounded->Valid());
  EXPECT_EQ(bounded->key(), "c");
  bounded->Next();
  EXPECT_FALSE(bounded->Valid());
}

TEST_P(StoreTest, DeleteRangeRemovesHalfOpenRange) {
  WriteBatch batch;
  for (const char* k : {"a", "b", "c", "d"}) batch.Put(a_, k, k);
  batch.Put(b_, "b", "other namespace");
  ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  WriteBatch range;
  range.DeleteRange(a_, "b", "d");
  ASSERT_TRUE(store_->CommitAndWait(std::move(range)).ok());
  EXPECT_EQ(ReadAll(*store_, a_), (std::map<std::string, std::string>{{"a", "a"}, {"d", "d"}}));
  EXPECT_EQ(Get(b_, "b"), "other namespace");
}

TEST_P(StoreTest, NamespacesAreIsolated) {
  Put(a_, "k", "in a");
  Put(b_, "k", "in b");
  Put(b_, "only-b", "x");
  EXPECT_EQ(Get(a_, "k"), "in a");
  EXPECT_EQ(Get(b_, "k"), "in b");
  EXPECT_EQ(ReadAll(*store_, a_), (std::map<std::string, std::string>{{"k", "in a"}}));
  EXPECT_EQ(store_->OpenNamespace("a").value(), a_);
  EXPECT_FALSE(store_->OpenNamespace("").ok());
}

TEST_P(StoreTest, UnknownNamespaceIsAnError) {
  Namespace bogus{9999};
  WriteBatch batch;
  batch.Put(a_, "fine", "1");
  batch.Put(bogus, "k", "v");
  Status s = store_->CommitAndWait(std::move(batch));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Get(a_, "fine"), std::nullopt);  // nothing of a rejected batch applies
  EXPECT_FALSE(store_->Get(bogus, "k").ok());
  auto it = store_->NewIterator(bogus);
  it->SeekToFirst();
  EXPECT_FALSE(it->Valid());
  EXPECT_EQ(it->status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreTest, ConcurrentCommitsAreGrouped) {
  constexpr int kThreads = 4, kPerThread = 250;
  std::atomic<int> acked{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        WriteBatch batch;
        batch.Put(a_, std::to_string(t) + "/" + std::to_string(i), "v");
        store_->Commit(std::move(batch), [&](Status s) {
          EXPECT_TRUE(s.ok());
          ++acked;
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  ASSERT_TRUE(store_->Flush().ok());
  EXPECT_EQ(acked.load(), kThreads * kPerThread);
  EXPECT_EQ(ReadAll(*store_, a_).size(), static_cast<size_t>(kThreads * kPerThread));
  CommitStats stats = store_->GetCommitStats();
  EXPECT_EQ(stats.commits, static_cast<uint64_t>(kThreads * kPerThread + 1));  // + the Flush
  EXPECT_LT(stats.groups, stats.commits);
}

TEST_P(StoreTest, CommitAfterCloseFailsInline) {
  store_->Close();
  bool called = false;
  WriteBatch batch;
  batch.Put(a_, "k", "v");
  store_->Commit(std::move(batch), [&](Status s) {
    called = true;
    EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  });
  EXPECT_TRUE(called);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTest, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "Memory" : "RocksDb"; });

TEST(PrefixEndTest, SkipsTrailingFfBytesAndIsEmptyWhenNoneExists) {
  EXPECT_EQ(PrefixEnd("ab/"), "ab0");
  EXPECT_EQ(PrefixEnd(std::string("a\xFF\xFF")), "b");
  EXPECT_EQ(PrefixEnd(std::string("\xFF")), "");
}

}  // namespace
}  // namespace skybox::storage
