#include "services/s3/blob/blob_store.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

// A directory under TMPDIR, removed with everything in it when the test ends.
class TempDir {
 public:
  TempDir() {
    const char* base = std::getenv("TMPDIR");
    std::string templ = std::string(base ? base : "/tmp") + "/blob_test.XXXXXX";
    path_ = ::mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

std::string Pattern(size_t n, uint32_t seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + seed) % 251);
  return s;
}

enum class Kind { kFile, kMemory };

class BlobStoreTest : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    if (GetParam() == Kind::kMemory) {
      store_ = NewMemoryBlobStore();
      return;
    }
    auto opened = OpenFileBlobStore(dir_.path() + "/blobs");
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  BlobId Put(const std::string& bytes) {
    BlobId id = store_->NewId();
    auto writer = store_->Create(id);
    EXPECT_TRUE(writer.ok()) << writer.status().ToString();
    EXPECT_TRUE((*writer)->Append(bytes).ok());
    EXPECT_TRUE((*writer)->Commit().ok());
    return id;
  }

  std::string ReadAll(BlobId id) {
    auto size = store_->Size(id);
    if (!size.ok()) return "<" + size.status().ToString() + ">";
    std::string out(*size, '\0');
    auto n = store_->Read(id, 0, out.data(), out.size());
    if (!n.ok()) return "<" + n.status().ToString() + ">";
    out.resize(*n);
    return out;
  }

  TempDir dir_;
  std::unique_ptr<BlobStore> store_;
};

TEST_P(BlobStoreTest, WritesInPiecesAndReadsRanges) {
  const BlobId id = store_->NewId();
  auto writer = store_->Create(id);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append("hello, ").ok());
  ASSERT_TRUE((*writer)->Append("").ok());
  ASSERT_TRUE((*writer)->Append("blob world").ok());
  EXPECT_EQ((*writer)->size(), 17u);
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ((*writer)->size(), 17u);
  EXPECT_EQ((*writer)->Append("more").code(), StatusCode::kFailedPrecondition);
  writer->reset();  // destroying a committed writer keeps the blob

  EXPECT_EQ(ReadAll(id), "hello, blob world");
  char buf[8];
  auto n = store_->Read(id, 7, buf, 4);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), "blob");
}

TEST_P(BlobStoreTest, ReadsPastTheEndAreShortOrEmpty) {
  const BlobId id = Put("0123456789");
  char buf[16];
  auto tail = store_->Read(id, 6, buf, sizeof buf);
  ASSERT_TRUE(tail.ok());
  EXPECT_EQ(std::string(buf, *tail), "6789");
  auto at_end = store_->Read(id, 10, buf, sizeof buf);
  ASSERT_TRUE(at_end.ok());
  EXPECT_EQ(*at_end, 0u);
  auto beyond = store_->Read(id, 1000, buf, sizeof buf);
  ASSERT_TRUE(beyond.ok());
  EXPECT_EQ(*beyond, 0u);
  auto far_beyond = store_->Read(id, UINT64_MAX - 4, buf, sizeof buf);
  ASSERT_TRUE(far_beyond.ok()) << far_beyond.status().ToString();
  EXPECT_EQ(*far_beyond, 0u);
}

TEST_P(BlobStoreTest, EmptyBlob) {
  const BlobId id = Put("");
  auto size = store_->Size(id);
  ASSERT_TRUE(size.ok());
  EXPECT_EQ(*size, 0u);
}

TEST_P(BlobStoreTest, UnknownIdsAreNotFound) {
  char buf[4];
  EXPECT_EQ(store_->Read(42, 0, buf, 4).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Size(42).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Link(42, 43).code(), StatusCode::kNotFound);
  EXPECT_EQ(store_->Copy(42, 0, 1, 44).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->Remove(42).ok());
  auto listed = store_->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_P(BlobStoreTest, ExistingIdsAreNeverOverwritten) {
  const BlobId id = Put("original");
  EXPECT_EQ(store_->Create(id).status().code(), StatusCode::kAlreadyExists);
  const BlobId other = Put("other");
  EXPECT_EQ(store_->Link(other, id).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store_->Copy(other, 0, 2, id).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(ReadAll(id), "original");
}

TEST_P(BlobStoreTest, UncommittedWriterLeavesNothing) {
  const BlobId id = store_->NewId();
  {
    auto writer = store_->Create(id);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Append("partial").ok());
  }
  EXPECT_EQ(store_->Size(id).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store_->List()->empty());
  // The id is free again.
  EXPECT_TRUE(store_->Create(id).ok());
}

TEST_P(BlobStoreTest, LinkedNamesAreIndependent) {
  const BlobId a = Put("shared bytes");
  const BlobId b = store_->NewId();
  ASSERT_TRUE(store_->Link(a, b).ok());
  EXPECT_EQ(ReadAll(b), "shared bytes");
  ASSERT_TRUE(store_->Remove(a).ok());
  EXPECT_EQ(store_->Size(a).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ReadAll(b), "shared bytes");
}

TEST_P(BlobStoreTest, CopiesARange) {
  const std::string data = Pattern(300000, 7);
  const BlobId src = Put(data);
  const BlobId part = store_->NewId();
  ASSERT_TRUE(store_->Copy(src, 1000, 200000, part).ok());
  EXPECT_EQ(ReadAll(part), data.substr(1000, 200000));
  const BlobId whole = store_->NewId();
  ASSERT_TRUE(store_->Copy(src, 0, data.size(), whole).ok());
  EXPECT_EQ(ReadAll(whole), data);
  const BlobId empty = store_->NewId();
  ASSERT_TRUE(store_->Copy(src, data.size(), 0, empty).ok());
  EXPECT_EQ(*store_->Size(empty), 0u);
}

TEST_P(BlobStoreTest, CopyPastTheEndFailsAndLeavesNoBlob) {
  const BlobId src = Put("short");
  const BlobId dst = store_->NewId();
  EXPECT_EQ(store_->Copy(src, 2, 10, dst).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Copy(src, 6, 0, dst).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store_->Size(dst).status().code(), StatusCode::kNotFound);
}

TEST_P(BlobStoreTest, RemoveIsIdempotent) {
  const BlobId id = Put("x");
  EXPECT_TRUE(store_->Remove(id).ok());
  EXPECT_TRUE(store_->Remove(id).ok());
  char c;
  EXPECT_EQ(store_->Read(id, 0, &c, 1).status().code(), StatusCode::kNotFound);
}

TEST_P(BlobStoreTest, ListsAndSweepsUnreferencedBlobs) {
  std::set<BlobId> kept;
  std::set<BlobId> garbage;
  for (int i = 0; i < 40; ++i) {
    const BlobId id = Put("blob " + std::to_string(i));
    (i % 3 == 0 ? garbage : kept).insert(id);
  }
  auto listed = store_->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 40u);

  auto swept = SweepUnreferencedBlobs(*store_, [&](BlobId id) { return kept.count(id) > 0; });
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, garbage.size());
  listed = store_->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(std::set<BlobId>(listed->begin(), listed->end()), kept);
  for (BlobId id : kept) EXPECT_TRUE(store_->Size(id).ok());
}

TEST_P(BlobStoreTest, SixtyFourMiBInOneMiBAppends) {
  const BlobId id = store_->NewId();
  auto writer = store_->Create(id);
  ASSERT_TRUE(writer.ok());
  constexpr size_t kMiB = 1 << 20;
  for (uint32_t i = 0; i < 64; ++i) ASSERT_TRUE((*writer)->Append(Pattern(kMiB, i)).ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  EXPECT_EQ(*store_->Size(id), 64 * kMiB);
  // Read across a boundary between two appends, and the last bytes.
  std::string buf(kMiB, '\0');
  auto n = store_->Read(id, 10 * kMiB + kMiB / 2, buf.data(), kMiB);
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, kMiB);
  EXPECT_EQ(buf.substr(0, kMiB / 2), Pattern(kMiB, 10).substr(kMiB / 2));
  EXPECT_EQ(buf.substr(kMiB / 2), Pattern(kMiB, 11).substr(0, kMiB / 2));
  n = store_->Read(id, 64 * kMiB - 100, buf.data(), kMiB);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 100u);
  EXPECT_EQ(buf.substr(0, 100), Pattern(kMiB, 63).substr(kMiB - 100));
}

TEST_P(BlobStoreTest, ConcurrentReadersAndRemovers) {
  std::vector<BlobId> ids;
  for (int i = 0; i < 64; ++i) ids.push_back(Put(Pattern(4096, i)));
  std::atomic<bool> bad{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      char buf[4096];
      for (int round = 0; round < 200; ++round) {
        const size_t i = (round * 7 + t) % ids.size();
        auto n = store_->Read(ids[i], 0, buf, sizeof buf);
        // A read either sees the whole, correct blob or NotFound once it is removed.
        if (n.ok()) {
          if (*n != sizeof buf || std::string(buf, *n) != Pattern(4096, i)) bad = true;
        } else if (n.status().code() != StatusCode::kNotFound) {
          bad = true;
        }
      }
    });
  }
  threads.emplace_back([&] {
    for (size_t i = 0; i < ids.size(); i += 2) {
      if (!store_->Remove(ids[i]).ok()) bad = true;
    }
  });
  for (auto& th : threads) th.join();
  EXPECT_FALSE(bad);
  for (size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(store_->Size(ids[i]).ok(), i % 2 == 1) << i;
  }
}

TEST_P(BlobStoreTest, NewIdsAreUniqueAcrossThreadsAndIncreasing) {
  std::vector<std::vector<BlobId>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& out : per_thread) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) out.push_back(store_->NewId());
    });
  }
  for (auto& th : threads) th.join();
  std::set<BlobId> all;
  for (const auto& out : per_thread) {
    EXPECT_TRUE(std::is_sorted(out.begin(), out.end()));
    all.insert(out.begin(), out.end());
  }
  EXPECT_EQ(all.size(), 40000u);
  // Time-based: a new store (a restart) starts above the ids already handed out.
  auto restarted = NewMemoryBlobStore();
  EXPECT_GT(restarted->NewId(), *all.begin());
}

INSTANTIATE_TEST_SUITE_P(Stores, BlobStoreTest, ::testing::Values(Kind::kFile, Kind::kMemory),
                         [](const auto& info) {
                           return info.param == Kind::kFile ? "File" : "Memory";
                         });

// File-store specifics: the on-disk layout, restarts, and garbage from crashed writers.
class FileBlobStoreTest : public ::testing::Test {
 protected:
  std::string Root() const { return dir_.path() + "/data/blobs"; }
  TempDir dir_;
};

TEST_F(FileBlobStoreTest, LaysOutFilesInPrivateFanOutDirectories) {
  auto store = OpenFileBlobStore(Root() + "/");
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  const BlobId id = 0x0123456789abcdefULL;
  auto writer = (*store)->Create(id);
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->Append("abc").ok());
  ASSERT_TRUE((*writer)->Commit().ok());
  struct stat st;
  ASSERT_EQ(::stat((Root() + "/ef/0123456789abcdef").c_str(), &st), 0);
  EXPECT_EQ(st.st_size, 3);
  for (const std::string& d : {Root(), Root() + "/ef"}) {
    ASSERT_EQ(::stat(d.c_str(), &st), 0) << d;
    EXPECT_EQ(st.st_mode & 0777, 0700u) << d;
  }
}

TEST_F(FileBlobStoreTest, BlobsSurviveReopening) {
  BlobId id;
  {
    auto store = OpenFileBlobStore(Root());
    ASSERT_TRUE(store.ok());
    id = (*store)->NewId();
    auto writer = (*store)->Create(id);
    ASSERT_TRUE((*writer)->Append("durable").ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  auto store = OpenFileBlobStore(Root());
  ASSERT_TRUE(store.ok());
  char buf[16];
  auto n = (*store)->Read(id, 0, buf, sizeof buf);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(std::string(buf, *n), "durable");
  EXPECT_EQ(*(*store)->List(), std::vector<BlobId>{id});
}

TEST_F(FileBlobStoreTest, SweepsPartialFilesOfCrashedWritersAndIgnoresStrangers) {
  auto store = OpenFileBlobStore(Root());
  ASSERT_TRUE(store.ok());
  // What a writer killed mid-way leaves: a blob-named file that nothing references.
  std::filesystem::create_directory(Root() + "/2a");
  std::ofstream(Root() + "/2a/000000000000002a") << "half of a";
  std::ofstream(Root() + "/2a/notes.txt") << "not a blob";
  auto listed = (*store)->List();
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(*listed, std::vector<BlobId>{0x2a});
  auto swept = SweepUnreferencedBlobs(**store, [](BlobId) { return false; });
  ASSERT_TRUE(swept.ok());
  EXPECT_EQ(*swept, 1u);
  EXPECT_FALSE(std::filesystem::exists(Root() + "/2a/000000000000002a"));
  EXPECT_TRUE(std::filesystem::exists(Root() + "/2a/notes.txt"));
}

TEST_F(FileBlobStoreTest, RefusesAPathThatIsAFile) {
  std::ofstream(dir_.path() + "/file") << "x";
  auto store = OpenFileBlobStore(dir_.path() + "/file");
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(OpenFileBlobStore("").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(FileBlobStoreTest, ReadsManyMoreBlobsThanTheFdCacheHolds) {
  auto store = OpenFileBlobStore(Root(), /*fd_cache_capacity=*/4);
  ASSERT_TRUE(store.ok());
  std::vector<BlobId> ids;
  for (int i = 0; i < 20; ++i) {
    ids.push_back((*store)->NewId());
    auto writer = (*store)->Create(ids.back());
    ASSERT_TRUE((*writer)->Append(std::to_string(i)).ok());
    ASSERT_TRUE((*writer)->Commit().ok());
  }
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 20; ++i) {
      char buf[4];
      auto n = (*store)->Read(ids[i], 0, buf, sizeof buf);
      ASSERT_TRUE(n.ok());
      EXPECT_EQ(std::string(buf, *n), std::to_string(i));
    }
  }
}

}  // namespace
}  // namespace skybox::s3
