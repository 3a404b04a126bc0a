#include "storage/data_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace skybox::storage {
namespace {

Status Unusable(const std::string& path, const std::string& why) {
  return Status(StatusCode::kFailedPrecondition, "data dir " + path + " " + why);
}

}  // namespace

Status PrepareDataDir(const std::string& path) {
  if (path.empty()) return InvalidArgument("no data dir given (use --data-dir or --ephemeral)");
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (std::filesystem::exists(status)) {
    if (!std::filesystem::is_directory(status)) return Unusable(path, "exists but is not a directory");
  } else if (!std::filesystem::create_directories(path, ec) && ec) {
    return Unusable(path, "cannot be created: " + ec.message());
  }
  // access(2) says yes to root even on a read-only mount; a real create is the only honest test.
  std::string probe = path + "/.skybox-write-probe";
  int fd = ::open(probe.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Unusable(path, std::string("is not writable: ") + std::strerror(errno));
  ::close(fd);
  ::unlink(probe.c_str());
  return Status::Ok();
}

}  // namespace skybox::storage
