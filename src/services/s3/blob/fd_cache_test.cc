#include "services/s3/blob/fd_cache.h"

#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

std::shared_ptr<const OpenFile> OpenDevNull() {
  return std::make_shared<const OpenFile>(::open("/dev/null", O_RDONLY | O_CLOEXEC));
}

bool IsOpen(int fd) { return ::fcntl(fd, F_GETFD) != -1; }

TEST(FdCacheTest, EvictsTheLeastRecentlyUsed) {
  FdCache cache(2);
  cache.Insert(1, OpenDevNull(), cache.Epoch());
  cache.Insert(2, OpenDevNull(), cache.Epoch());
  ASSERT_NE(cache.Lookup(1), nullptr);  // 2 is now the oldest
  cache.Insert(3, OpenDevNull(), cache.Epoch());
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.Lookup(1), nullptr);
  EXPECT_EQ(cache.Lookup(2), nullptr);
  EXPECT_NE(cache.Lookup(3), nullptr);
}

TEST(FdCacheTest, AHolderKeepsAnEvictedFileOpen) {
  FdCache cache(1);
  cache.Insert(1, OpenDevNull(), cache.Epoch());
  std::shared_ptr<const OpenFile> held = cache.Lookup(1);
  const int fd = held->fd();
  cache.Insert(2, OpenDevNull(), cache.Epoch());
  cache.Invalidate(1);
  EXPECT_EQ(cache.Lookup(1), nullptr);
  EXPECT_TRUE(IsOpen(fd));
  held.reset();
  EXPECT_FALSE(IsOpen(fd));
}

TEST(FdCacheTest, SkipsAnInsertRacingWithAnInvalidation) {
  FdCache cache(4);
  const uint64_t epoch = cache.Epoch();
  cache.Invalidate(7);  // e.g. Remove ran between a reader's open() and its Insert
  cache.Insert(7, OpenDevNull(), epoch);
  EXPECT_EQ(cache.Lookup(7), nullptr);
  cache.Insert(7, OpenDevNull(), cache.Epoch());
  EXPECT_NE(cache.Lookup(7), nullptr);
}

TEST(FdCacheTest, ZeroCapacityCachesNothing) {
  FdCache cache(0);
  cache.Insert(1, OpenDevNull(), cache.Epoch());
  EXPECT_EQ(cache.Lookup(1), nullptr);
}

}  // namespace
}  // namespace skybox::s3
