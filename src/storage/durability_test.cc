// The on-disk store: reopening, data dir errors, and the two durability modes.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "storage/store.h"
#include "storage/test_util.h"

namespace skybox::storage {
namespace {

using testing::ReadAll;
using testing::TempDir;

StoreOptions OnDisk(const std::string& dir, Durability durability = Durability::kSync) {
  StoreOptions options;
  options.data_dir = dir;
  options.durability = durability;
  return options;
}

TEST(DurabilityTest, ReopenKeepsDataAndNamespaces) {
  TempDir dir;
  {
    auto store = Store::Open(OnDisk(dir.path() + "/nested/data")).value();
    Namespace buckets = store->OpenNamespace("s3.buckets").value();
    Namespace queues = store->OpenNamespace("sqs.queues").value();
    WriteBatch batch;
    batch.Put(buckets, "photos", "meta");
    batch.Put(queues, "jobs", "attrs");
    ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
  }
  auto store = Store::Open(OnDisk(dir.path() + "/nested/data")).value();
  Namespace queues = store->OpenNamespace("sqs.queues").value();
  Namespace buckets = store->OpenNamespace("s3.buckets").value();
  EXPECT_EQ(ReadAll(*store, buckets), (std::map<std::string, std::string>{{"photos", "meta"}}));
  EXPECT_EQ(ReadAll(*store, queues), (std::map<std::string, std::string>{{"jobs", "attrs"}}));
}

// Values of 4 KiB and more go to blob files when their memtable is flushed (as reopening does
// after replaying the log); they read back the same, and deleting them is seen after reopening.
TEST(DurabilityTest, LargeValuesAreReadBackFromBlobFiles) {
  TempDir dir;
  std::map<std::string, std::string> expected = {
      {"at-threshold", std::string(4096, 'a')},
      {"below", std::string(4095, 'b')},
      {"large", std::string(300 * 1024, 'c')},
      {"gone", std::string(8192, 'd')},
  };
  {
    auto store = Store::Open(OnDisk(dir.path())).value();
    Namespace ns = store->OpenNamespace("s3").value();
    WriteBatch batch;
    for (const auto& [key, value] : expected) batch.Put(ns, key, value);
    ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
  }
  bool blob_file = false;
  {
    auto store = Store::Open(OnDisk(dir.path())).value();
    Namespace ns = store->OpenNamespace("s3").value();
    EXPECT_EQ(ReadAll(*store, ns), expected);
    WriteBatch batch;
    batch.Delete(ns, "gone");
    batch.Put(ns, "large", std::string(5000, 'e'));
    ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
      blob_file = blob_file || entry.path().extension() == ".blob";
    }
  }
  EXPECT_TRUE(blob_file) << "no .blob file in " << dir.path();
  expected.erase("gone");
  expected["large"] = std::string(5000, 'e');
  auto store = Store::Open(OnDisk(dir.path())).value();
  EXPECT_EQ(ReadAll(*store, store->OpenNamespace("s3").value()), expected);
}

TEST(DurabilityTest, SecondOpenOfTheSameDirIsRefused) {
  TempDir dir;
  auto first = Store::Open(OnDisk(dir.path()));
  ASSERT_TRUE(first.ok());
  auto second = Store::Open(OnDisk(dir.path()));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(second.status().message().find("already in use"), std::string::npos)
      << second.status().ToString();
}

TEST(DurabilityTest, DataDirThatIsAFileIsRefused) {
  TempDir dir;
  std::string file = dir.path() + "/plain-file";
  std::ofstream(file) << "x";
  auto store = Store::Open(OnDisk(file));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message(), "data dir " + file + " exists but is not a directory");

  auto below = Store::Open(OnDisk(file + "/sub"));
  ASSERT_FALSE(below.ok());
  EXPECT_NE(below.status().message().find("cannot be created"), std::string::npos)
      << below.status().ToString();
}

TEST(DurabilityTest, UnwritableDataDirIsRefused) {
  // /proc is a directory nobody, not even root, can create files in.
  auto store = Store::Open(OnDisk("/proc"));
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("data dir /proc is not writable"), std::string::npos)
      << store.status().ToString();
}

TEST(DurabilityTest, EmptyDataDirIsInvalid) {
  auto store = Store::Open(OnDisk(""));
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), StatusCode::kInvalidArgument);
}

TEST(DurabilityTest, SyncModeFsyncsOncePerGroup) {
  TempDir dir;
  auto store = Store::Open(OnDisk(dir.path())).value();
  Namespace ns = store->OpenNamespace("n").value();
  constexpr int kThreads = 8, kPerThread = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        WriteBatch batch;
        batch.Put(ns, std::to_string(t * 1000 + i), "v");
        EXPECT_TRUE(store->CommitAndWait(std::move(batch)).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  CommitStats stats = store->GetCommitStats();
  EXPECT_EQ(stats.commits, static_cast<uint64_t>(kThreads * kPerThread));
  EXPECT_EQ(stats.syncs, stats.groups);
  EXPECT_LT(stats.syncs, stats.commits);
}

TEST(DurabilityTest, AsyncModeAcknowledgesFirstAndSyncsWithinTheInterval) {
  TempDir dir;
  auto store = Store::Open(OnDisk(dir.path(), Durability::kAsync)).value();
  Namespace ns = store->OpenNamespace("n").value();
  WriteBatch batch;
  batch.Put(ns, "k", "v");
  ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
  EXPECT_EQ(store->GetCommitStats().syncs, 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  EXPECT_EQ(store->GetCommitStats().syncs, 1u);  // one timer sync, then idle: no more
  ASSERT_TRUE(store->Flush().ok());
  EXPECT_EQ(store->GetCommitStats().syncs, 2u);
}

}  // namespace
}  // namespace skybox::storage
