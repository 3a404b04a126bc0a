#include "storage/rocksdb_crc32c.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/checksum.h"

// The three external functions of RocksDB's util/crc32c.cc (RocksDB 7.x; its header is not
// installed), with the same signatures so that they mangle to the same symbols. Every other
// CRC32C entry point in RocksDB (crc32c::Value, Mask, Unmask) is an inline wrapper of Extend.
// Should RocksDB ever need another symbol from its crc32c.cc, the linker would pull that object
// file too and fail on the duplicate definitions below, never silently mix the two.
namespace rocksdb::crc32c {

std::string IsFastCrc32Supported();
uint32_t Extend(uint32_t init_crc, const char* data, size_t n);
uint32_t Crc32cCombine(uint32_t crc1, uint32_t crc2, size_t crc2len);

// RocksDB writes this into its info log at every open ("Fast CRC32 supported: ...").
std::string IsFastCrc32Supported() {
  return "skybox base/checksum CRC32C (" + std::string(skybox::Crc32cImplementation()) + ")";
}

uint32_t Extend(uint32_t init_crc, const char* data, size_t n) {
  return skybox::ExtendCrc32c(init_crc, std::string_view(data, n));
}

uint32_t Crc32cCombine(uint32_t crc1, uint32_t crc2, size_t crc2len) {
  return skybox::CombineCrc32c(crc1, crc2, crc2len);
}

}  // namespace rocksdb::crc32c

namespace skybox::storage {

bool RocksDbCrc32cIsCorrect() {
  constexpr std::string_view kCheckInput = "123456789";  // the CRC catalogue's check string
  return rocksdb::crc32c::Extend(0, kCheckInput.data(), kCheckInput.size()) == 0xE3069283u;
}

}  // namespace skybox::storage
