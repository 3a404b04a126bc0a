#include "services/s3/blob/file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

TEST(FileIoTest, AFullOrFailingDiskIsUnavailableWithItsCause) {
  for (int err : {ENOSPC, EDQUOT, EIO, EROFS, EMFILE}) {
    const Status st = BlobIoStatus(err, "write /d/ab/x");
    EXPECT_EQ(st.code(), StatusCode::kUnavailable) << err;
    EXPECT_NE(st.message().find("write /d/ab/x"), std::string::npos);
  }
  EXPECT_NE(BlobIoStatus(ENOSPC, "w").message().find("No space left on device"),
            std::string::npos);
  EXPECT_EQ(BlobIoStatus(ENOENT, "open").code(), StatusCode::kNotFound);
  EXPECT_EQ(BlobIoStatus(EEXIST, "create").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(BlobIoStatus(EACCES, "open").code(), StatusCode::kInternal);
}

TEST(FileIoTest, WritingToAFullDeviceIsUnavailable) {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  if (fd < 0) GTEST_SKIP() << "no /dev/full";
  const Status st = WriteAll(fd, "data", 4, "/dev/full");
  ::close(fd);
  EXPECT_EQ(st.code(), StatusCode::kUnavailable) << st.ToString();
}

TEST(FileIoTest, MakeDirsCreatesPrivateNestedDirectories) {
  const char* base = std::getenv("TMPDIR");
  std::string templ = std::string(base ? base : "/tmp") + "/file_io_test.XXXXXX";
  const std::string root = ::mkdtemp(templ.data());
  const std::string nested = root + "/a/b/c";
  ASSERT_TRUE(MakeDirs(nested).ok());
  EXPECT_TRUE(MakeDirs(nested).ok());  // idempotent
  struct stat st;
  for (const std::string& d : {root + "/a", root + "/a/b", nested}) {
    ASSERT_EQ(::stat(d.c_str(), &st), 0) << d;
    EXPECT_EQ(st.st_mode & 0777, 0700u) << d;
  }
  EXPECT_EQ(Parent(nested), root + "/a/b");
  EXPECT_EQ(Parent("/top"), "/");
  EXPECT_EQ(Parent("plain"), ".");
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace skybox::s3
