// The space of deleted values comes back once writes quiet down (space_reclaimer.h), through
// Store on the RocksDB engine.
#include "storage/space_reclaimer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "storage/test_util.h"

namespace skybox::storage {
namespace {

using testing::TempDir;
using namespace std::chrono_literals;

constexpr int kValues = 64;
constexpr size_t kValueBytes = 64 << 10;  // 4 MiB in all: blob files, as S3's inline objects

uint64_t BytesUnder(const std::string& dir) {
  uint64_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

class SpaceReclaimerTest : public ::testing::Test {
 protected:
  void Open(uint64_t quiet_commits) {
    StoreOptions options;
    options.data_dir = dir_.path() + "/data";
    options.reclaim.interval = 100ms;
    options.reclaim.min_freed_bytes = 1 << 20;
    options.reclaim.quiet_commits = quiet_commits;
    store_ = std::move(Store::Open(options)).value();
    ns_ = store_->OpenNamespace("objects").value();
  }

  // Writes kValues incompressible values, then deletes them all with their sizes as hints.
  void WriteThenDeleteAll() {
    std::mt19937_64 random(7);
    for (int i = 0; i < kValues; ++i) {
      std::string value(kValueBytes, '\0');
      for (char& c : value) c = static_cast<char>(random());
      WriteBatch put;
      put.Put(ns_, "k" + std::to_string(i), std::move(value));
      ASSERT_TRUE(store_->CommitAndWait(std::move(put)).ok());
    }
    ASSERT_TRUE(store_->Flush().ok());
    WriteBatch del;
    for (int i = 0; i < kValues; ++i) del.Delete(ns_, "k" + std::to_string(i), kValueBytes);
    EXPECT_EQ(del.FreedBytes(), kValues * kValueBytes);
    ASSERT_TRUE(store_->CommitAndWait(std::move(del)).ok());
    EXPECT_EQ(store_->GetCommitStats().freed_bytes, kValues * kValueBytes);
  }

  uint64_t DataBytes() { return BytesUnder(dir_.path() + "/data"); }

  TempDir dir_;
  std::unique_ptr<Store> store_;
  Namespace ns_;
};

TEST_F(SpaceReclaimerTest, QuietStoreGivesDeletedSpaceBack) {
  Open(/*quiet_commits=*/50);
  WriteThenDeleteAll();
  ASSERT_GT(DataBytes(), kValues * kValueBytes);  // the WAL still holds every value
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (DataBytes() > kValueBytes && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_LE(DataBytes(), kValueBytes);
  for (int i = 0; i < kValues; ++i) EXPECT_EQ(store_->Get(ns_, "k" + std::to_string(i)).value(), std::nullopt);
}

TEST_F(SpaceReclaimerTest, BusyStoreLeavesCompactionToRocksDb) {
  Open(/*quiet_commits=*/0);  // no interval is ever quiet
  WriteThenDeleteAll();
  std::this_thread::sleep_for(1s);  // ten passes
  EXPECT_GT(DataBytes(), kValues * kValueBytes / 2);
}

TEST_F(SpaceReclaimerTest, CloseCancelsAndReopenKeepsLiveValues) {
  Open(/*quiet_commits=*/50);
  WriteBatch keep;
  keep.Put(ns_, "kept", "value");
  ASSERT_TRUE(store_->CommitAndWait(std::move(keep)).ok());
  WriteThenDeleteAll();
  store_->Close();  // whether or not a compaction had begun
  Open(/*quiet_commits=*/50);
  EXPECT_EQ(store_->Get(ns_, "kept").value(), "value");
  EXPECT_EQ(store_->Get(ns_, "k0").value(), std::nullopt);
}

}  // namespace
}  // namespace skybox::storage
