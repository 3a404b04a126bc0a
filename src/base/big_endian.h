// Fixed-width big-endian integers: the byte order that keeps numbers in bytewise (RocksDB)
// order inside keys, and the order S3 uses for raw CRC digests.
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace skybox {

// Appends the low `bytes` bytes of `value` (at most 8), most significant first.
inline void AppendBigEndian(std::string& out, uint64_t value, size_t bytes) {
  for (size_t i = bytes; i > 0; --i) out.push_back(static_cast<char>(value >> (8 * (i - 1))));
}

inline std::string BigEndian(uint64_t value, size_t bytes) {
  std::string out;
  out.reserve(bytes);
  AppendBigEndian(out, value, bytes);
  return out;
}

// The unsigned integer `bytes` encodes (at most 8 of them), most significant first.
inline uint64_t FromBigEndian(std::string_view bytes) {
  uint64_t value = 0;
  for (unsigned char b : bytes) value = (value << 8) | b;
  return value;
}

}  // namespace skybox
