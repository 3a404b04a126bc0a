#include "services/s3/blob/blob_reclaimer.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <thread>

namespace skybox::s3 {
namespace {

class BlobReclaimerTest : public ::testing::Test {
 protected:
  std::vector<BlobId> removed_;
  BlobReclaimer reclaimer_{[this](std::vector<BlobId> blobs) {
    removed_.insert(removed_.end(), blobs.begin(), blobs.end());
  }};
};

TEST_F(BlobReclaimerTest, WithoutReadersBlobsGoAtOnce) {
  reclaimer_.Free({1, 2});
  EXPECT_EQ(removed_, (std::vector<BlobId>{1, 2}));
  EXPECT_EQ(reclaimer_.pending(), 0u);
}

TEST_F(BlobReclaimerTest, AReaderThatStartedBeforeTheFreeHoldsTheBlobs) {
  auto reader = reclaimer_.GuardReads();
  reclaimer_.Free({7});
  EXPECT_TRUE(removed_.empty());
  // A reader that starts after the free cannot see the blobs, so it holds nothing back...
  auto later = reclaimer_.GuardReads();
  EXPECT_EQ(reclaimer_.pending(), 1u);
  // ...and the blobs go when the earlier one lets go.
  { auto done = std::move(reader); }
  EXPECT_EQ(removed_, (std::vector<BlobId>{7}));
  reclaimer_.Free({8});  // `later` started before this free
  EXPECT_EQ(removed_.size(), 1u);
  later = BlobReclaimer::ReadGuard();
  EXPECT_EQ(removed_, (std::vector<BlobId>{7, 8}));
}

TEST_F(BlobReclaimerTest, FreesWaitInOrderForTheOldestReader) {
  auto first = reclaimer_.GuardReads();
  reclaimer_.Free({1});
  auto second = reclaimer_.GuardReads();
  reclaimer_.Free({2});
  { auto done = std::move(second); }  // `first` still holds both frees
  EXPECT_TRUE(removed_.empty());
  { auto done = std::move(first); }
  EXPECT_EQ(removed_, (std::vector<BlobId>{1, 2}));
  EXPECT_EQ(reclaimer_.pending(), 0u);
}

TEST(BlobReclaimerThreads, EveryFreedBlobIsRemovedOnceWhateverTheInterleaving) {
  std::mutex mu;
  std::multiset<BlobId> removed;
  BlobReclaimer reclaimer([&](std::vector<BlobId> blobs) {
    std::lock_guard lock(mu);
    removed.insert(blobs.begin(), blobs.end());
  });
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (BlobId i = 0; i < 2000; ++i) {
        auto guard = reclaimer.GuardReads();
        reclaimer.Free({static_cast<BlobId>(t) * 10000 + i});
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(removed.size(), 8000u);
  for (BlobId id : removed) EXPECT_EQ(removed.count(id), 1u);
  EXPECT_EQ(reclaimer.pending(), 0u);
}

}  // namespace
}  // namespace skybox::s3
