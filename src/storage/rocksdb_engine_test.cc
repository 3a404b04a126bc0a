// The on-disk layout: namespaces keep their ids across reopening, and a data dir written by an
// earlier build (one column family per namespace) is migrated into the one keyspace.
#include "storage/rocksdb_engine.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <fstream>
#include <iterator>
#include <string>

#include "storage/rocksdb_crc32c.h"
#include "storage/store.h"
#include "storage/test_util.h"

namespace skybox::storage {
namespace {

using testing::ReadAll;
using testing::TempDir;

std::unique_ptr<Store> OpenStore(const std::string& dir) {
  StoreOptions options;
  options.data_dir = dir;
  auto store = Store::Open(options);
  EXPECT_TRUE(store.ok()) << store.status().ToString();
  return store.ok() ? std::move(store).value() : nullptr;
}

// Writes `rows` into column family `name` the way earlier builds stored namespace `name`.
void WriteLegacyColumnFamilies(const std::string& dir,
                               const std::map<std::string, std::map<std::string, std::string>>& families) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(rocksdb::DB::Open(options, dir, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  for (const auto& [name, rows] : families) {
    rocksdb::ColumnFamilyHandle* cf = nullptr;
    ASSERT_TRUE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), name, &cf).ok());
    for (const auto& [key, value] : rows) ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), cf, key, value).ok());
    ASSERT_TRUE(db->DestroyColumnFamilyHandle(cf).ok());
  }
  ASSERT_TRUE(db->Close().ok());
}

// RocksDB's own CRC32C (a portable table loop in Debian's build) is replaced by base's at link
// time. RocksDB writes which implementation it runs into the header of its info log at open
// (a call from inside librocksdb.a, so this reads what RocksDB itself links to); a build that
// lost the replacement reports "Not supported on x86" there.
TEST(RocksDbEngineTest, RocksDbChecksumsWithBaseCrc32c) {
  EXPECT_TRUE(RocksDbCrc32cIsCorrect());
  TempDir dir;
  ASSERT_NE(OpenStore(dir.path()), nullptr);
  std::ifstream log(dir.path() + "/LOG");
  ASSERT_TRUE(log.good());
  const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("Fast CRC32 supported: skybox base/checksum CRC32C ("), std::string::npos) << text;
}

TEST(RocksDbEngineTest, NamespacesKeepTheirKeysAcrossReopen) {
  TempDir dir;
  {
    auto store = OpenStore(dir.path());
    ASSERT_TRUE(store);
    Namespace a = store->OpenNamespace("a").value();
    Namespace b = store->OpenNamespace("b").value();
    WriteBatch batch;
    batch.Put(a, "k", "in a");
    batch.Put(b, "k", "in b");
    batch.Put(b, std::string("\xff\xff", 2), "last of b");
    ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
  }
  auto store = OpenStore(dir.path());
  ASSERT_TRUE(store);
  // Opened in the other order: the names, not the order, decide the keyspace.
  Namespace b = store->OpenNamespace("b").value();
  Namespace a = store->OpenNamespace("a").value();
  Namespace c = store->OpenNamespace("c").value();
  EXPECT_EQ(ReadAll(*store, a), (std::map<std::string, std::string>{{"k", "in a"}}));
  EXPECT_EQ(ReadAll(*store, b),
            (std::map<std::string, std::string>{{"k", "in b"}, {std::string("\xff\xff", 2), "last of b"}}));
  EXPECT_TRUE(ReadAll(*store, c).empty());
  EXPECT_NE(c, a);
  EXPECT_NE(c, b);
}

TEST(RocksDbEngineTest, MigratesColumnFamiliesOfEarlierBuilds) {
  TempDir dir;
  WriteLegacyColumnFamilies(dir.path(), {{"sqs_queues", {{"q1", "queue one"}, {"q2", "queue two"}}},
                                         {"s3", {{"bucket/key", "object"}}}});
  {
    auto store = OpenStore(dir.path());
    ASSERT_TRUE(store);
    Namespace queues = store->OpenNamespace("sqs_queues").value();
    Namespace s3 = store->OpenNamespace("s3").value();
    EXPECT_EQ(ReadAll(*store, queues), (std::map<std::string, std::string>{{"q1", "queue one"}, {"q2", "queue two"}}));
    EXPECT_EQ(ReadAll(*store, s3), (std::map<std::string, std::string>{{"bucket/key", "object"}}));
    WriteBatch batch;
    batch.Delete(queues, "q1");
    ASSERT_TRUE(store->CommitAndWait(std::move(batch)).ok());
  }
  std::vector<std::string> families;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &families).ok());
  EXPECT_EQ(families, std::vector<std::string>{rocksdb::kDefaultColumnFamilyName});
  // Reopening does not migrate again: the deletion after the migration stands.
  auto store = OpenStore(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(ReadAll(*store, store->OpenNamespace("sqs_queues").value()),
            (std::map<std::string, std::string>{{"q2", "queue two"}}));
}

}  // namespace
}  // namespace skybox::storage
