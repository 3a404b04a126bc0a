#include "services/s3/blob/file_io.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace skybox::s3 {

Status BlobIoStatus(int err, const std::string& what) {
  std::string message = what + ": " + std::strerror(err);
  switch (err) {
    case ENOENT:
      return NotFound(std::move(message));
    case EEXIST:
      return Status(StatusCode::kAlreadyExists, std::move(message));
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EROFS:
    case EMFILE:
    case ENFILE:
    case ENOMEM:
      return Unavailable("blob store: " + message);
    default:
      return Internal("blob store: " + message);
  }
}

Status FsyncDir(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return BlobIoStatus(errno, "open directory " + path);
  const int rc = ::fsync(fd);
  const int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : BlobIoStatus(err, "fsync directory " + path);
}

std::string Parent(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

// mkdir -p with mode 0700, making each new directory's entry durable in its parent.
Status MakeDirs(const std::string& path) {
  if (::mkdir(path.c_str(), 0700) == 0) return FsyncDir(Parent(path));
  if (errno == EEXIST) {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return Status::Ok();
    return Status(StatusCode::kFailedPrecondition, "blob store: " + path + " is not a directory");
  }
  if (errno != ENOENT || Parent(path) == path) return BlobIoStatus(errno, "mkdir " + path);
  SKYBOX_RETURN_IF_ERROR(MakeDirs(Parent(path)));
  return MakeDirs(path);
}

Status WriteAll(int fd, const char* data, size_t n, const std::string& path) {
  while (n > 0) {
    const ssize_t written = ::write(fd, data, n);
    if (written < 0) {
      if (errno == EINTR) continue;
      return BlobIoStatus(errno, "write " + path);
    }
    data += written;
    n -= static_cast<size_t>(written);
  }
  return Status::Ok();
}

}  // namespace skybox::s3
