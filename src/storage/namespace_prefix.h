// How the on-disk engine lays namespaces out in its one RocksDB keyspace: every key of a
// namespace starts with the namespace's 4-byte big-endian id, so a namespace's keys are
// contiguous and keep their own bytewise order, and id 0 is the engine's catalog (namespace
// names). One keyspace instead of one column family per namespace keeps
// opening a data dir cheap: RocksDB rewrites and re-parses its OPTIONS file per column family.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/big_endian.h"

namespace skybox::storage {

inline constexpr size_t kNamespacePrefixBytes = 4;

// The 4 bytes every key of namespace `id` starts with.
inline std::string NamespacePrefix(uint32_t id) { return BigEndian(id, kNamespacePrefixBytes); }

// The id a NamespacePrefix encodes (its first kNamespacePrefixBytes bytes).
inline uint32_t NamespaceIdOf(std::string_view prefix) {
  return static_cast<uint32_t>(FromBigEndian(prefix.substr(0, kNamespacePrefixBytes)));
}

// `key` of namespace `id` as stored.
inline std::string PrefixedKey(uint32_t id, std::string_view key) {
  std::string out = NamespacePrefix(id);
  out.append(key);
  return out;
}

}  // namespace skybox::storage
