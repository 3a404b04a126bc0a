// What survives a broken disk: power loss, failed writes and fsyncs, torn WAL writes.
#include "storage/fault_injection_fs.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <mutex>
#include <string>
#include <set>
#include <thread>
#include <vector>

#include "storage/store.h"
#include "storage/test_util.h"

namespace skybox::storage {
namespace {

using testing::TempDir;

// Each batch `id` writes three keys over two namespaces, so a partial batch is detectable.
class FaultInjectionTest : public ::testing::Test {
 protected:
  void Open(Durability durability, std::chrono::milliseconds interval = std::chrono::hours(1)) {
    StoreOptions options;
    options.data_dir = dir_.path();
    options.durability = durability;
    options.async_sync_interval = interval;
    options.file_system = fs_;
    auto store = Store::Open(options);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(store).value();
    a_ = store_->OpenNamespace("a").value();
    b_ = store_->OpenNamespace("b").value();
  }

  WriteBatch Batch(int id) {
    std::string key = Key(id);
    WriteBatch batch;
    batch.Put(a_, key, "first");
    batch.Put(a_, key + "/2", "second");
    batch.Put(b_, key, "third");
    return batch;
  }
  static std::string Key(int id) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%08d", id);
    return buf;
  }
  // Whether batch `id` is present; fails the test if it is only partly there.
  bool Present(int id) {
    int parts = store_->Get(a_, Key(id)).value().has_value() +
                store_->Get(a_, Key(id) + "/2").value().has_value() +
                store_->Get(b_, Key(id)).value().has_value();
    EXPECT_TRUE(parts == 0 || parts == 3) << "batch " << id << " is partial: " << parts << "/3";
    return parts == 3;
  }
  // Power off, close, power on, reopen: what a machine crash and reboot does.
  void Crash(Durability durability) {
    fs_->CutPower();
    store_.reset();
    fs_->RestorePower();
    Open(durability);
  }

  TempDir dir_;
  std::shared_ptr<FaultInjectionFileSystem> fs_ = std::make_shared<FaultInjectionFileSystem>();
  std::unique_ptr<Store> store_;
  Namespace a_, b_;
};

TEST_F(FaultInjectionTest, SyncModeKeepsEveryAcknowledgedCommitThroughPowerLoss) {
  Open(Durability::kSync);
  std::mutex mu;
  std::set<int> acked;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        int id = t * 1000 + i;
        store_->Commit(Batch(id), [&, id](Status s) {
          if (!s.ok()) return;
          std::lock_guard lock(mu);
          acked.insert(id);
        });
      }
    });
  }
  for (auto& t : threads) t.join();
  // Let some commits be acknowledged (slow builds may not have acknowledged any yet), then cut
  // the power while the rest may still be in flight.
  for (int waited = 0; waited < 5000; ++waited) {
    {
      std::lock_guard lock(mu);
      if (acked.size() >= 20) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  Crash(Durability::kSync);
  ASSERT_FALSE(acked.empty());
  for (int id : acked) EXPECT_TRUE(Present(id)) << "acknowledged batch " << id << " was lost";
  for (int t = 0; t < 4; ++t) {
    for (int i = 0; i < 50; ++i) Present(t * 1000 + i);  // none partial
  }
}

TEST_F(FaultInjectionTest, AsyncModeLosesOnlyASuffixOfWholeBatches) {
  Open(Durability::kAsync);
  constexpr int kSynced = 20, kTotal = 60;
  for (int id = 0; id < kTotal; ++id) {
    ASSERT_TRUE(store_->CommitAndWait(Batch(id)).ok());
    if (id + 1 == kSynced) {
      ASSERT_TRUE(store_->Flush().ok());
    }
  }
  Crash(Durability::kAsync);
  int survivors = 0;
  while (survivors < kTotal && Present(survivors)) ++survivors;
  EXPECT_GE(survivors, kSynced);
  EXPECT_LT(survivors, kTotal) << "the power loss dropped nothing: the test proves nothing";
  for (int id = survivors; id < kTotal; ++id) EXPECT_FALSE(Present(id)) << "gap before " << id;
}

// 40 MB of 8 KiB values is more than a memtable holds, so flushes move values into blob files
// before the power goes; every acknowledged value must come back whole.
TEST_F(FaultInjectionTest, ValuesInBlobFilesSurvivePowerLoss) {
  Open(Durability::kSync);
  auto value = [](int id) { return Key(id) + std::string(8192, static_cast<char>('a' + id % 26)); };
  constexpr int kBatches = 100, kPerBatch = 50;
  for (int b = 0; b < kBatches; ++b) {
    WriteBatch batch;
    for (int i = 0; i < kPerBatch; ++i) batch.Put(a_, Key(b * kPerBatch + i), value(b * kPerBatch + i));
    ASSERT_TRUE(store_->CommitAndWait(std::move(batch)).ok());
  }
  bool blob_file = false;
  for (const auto& entry : std::filesystem::directory_iterator(dir_.path())) {
    blob_file = blob_file || entry.path().extension() == ".blob";
  }
  EXPECT_TRUE(blob_file) << "no flush wrote a blob file";
  Crash(Durability::kSync);
  for (int id = 0; id < kBatches * kPerBatch; ++id) {
    auto got = store_->Get(a_, Key(id));
    ASSERT_TRUE(got.ok()) << got.status().ToString();
    ASSERT_TRUE(got->has_value()) << "acknowledged value " << id << " was lost";
    ASSERT_EQ(**got, value(id)) << "value " << id << " changed";
  }
}

TEST_F(FaultInjectionTest, FailedFsyncIsReportedNotAcknowledged) {
  Open(Durability::kSync);
  ASSERT_TRUE(store_->CommitAndWait(Batch(1)).ok());
  fs_->SetFailSyncs(true);
  Status s = store_->CommitAndWait(Batch(2));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  Crash(Durability::kSync);
  EXPECT_TRUE(Present(1));
  Present(2);  // may or may not have reached the disk, but never partly
}

TEST_F(FaultInjectionTest, FailedWriteIsReported) {
  Open(Durability::kAsync);
  fs_->SetFailWrites(true);
  EXPECT_FALSE(store_->CommitAndWait(Batch(1)).ok());
  EXPECT_FALSE(Present(1));
}

TEST_F(FaultInjectionTest, TornWalWriteLeavesAPrefixOfCommits) {
  Open(Durability::kSync);
  for (int id = 0; id < 20; ++id) ASSERT_TRUE(store_->CommitAndWait(Batch(id)).ok());
  fs_->TearNextWalAppend(10);
  EXPECT_FALSE(store_->CommitAndWait(Batch(20)).ok());
  store_.reset();
  fs_->RestorePower();
  Open(Durability::kSync);
  for (int id = 0; id < 20; ++id) EXPECT_TRUE(Present(id));
  EXPECT_FALSE(Present(20));
  EXPECT_TRUE(store_->CommitAndWait(Batch(21)).ok());  // and the store is writable again
}

TEST_F(FaultInjectionTest, ConcurrentCommitsShareFsyncs) {
  Open(Durability::kSync);
  uint64_t before = fs_->sync_count();
  constexpr int kThreads = 8, kPerThread = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        EXPECT_TRUE(store_->CommitAndWait(Batch(t * 1000 + i)).ok());
      }
    });
  }
  for (auto& t : threads) t.join();
  uint64_t fsyncs = fs_->sync_count() - before;
  EXPECT_GT(fsyncs, 0u);
  EXPECT_LT(fsyncs, static_cast<uint64_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace skybox::storage
