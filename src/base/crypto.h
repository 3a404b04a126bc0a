// Hashes, MACs and encodings shared by every layer (SigV4, S3 ETags, SQS MD5s, ...).
// Over OpenSSL's EVP digests, with the algorithms fetched once per process.
//
// Thread-safety: all functions are pure and may be called from any thread.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skybox {

using Sha256Digest = std::array<uint8_t, 32>;
using Sha1Digest = std::array<uint8_t, 20>;
using Md5Digest = std::array<uint8_t, 16>;

Sha256Digest Sha256(std::string_view data);
Md5Digest Md5(std::string_view data);
Sha256Digest HmacSha256(std::string_view key, std::string_view data);
// HMAC-SHA1: only S3's signature version 2 (presigned URLs, POST policies) still uses it.
Sha1Digest HmacSha1(std::string_view key, std::string_view data);

// Lower-case hexadecimal of `bytes`.
std::string HexEncode(std::string_view bytes);
template <size_t N>
std::string HexEncode(const std::array<uint8_t, N>& digest) {
  return HexEncode(std::string_view(reinterpret_cast<const char*>(digest.data()), N));
}
template <size_t N>
std::string_view AsBytes(const std::array<uint8_t, N>& digest) {
  return std::string_view(reinterpret_cast<const char*>(digest.data()), N);
}

// Standard base64 (RFC 4648 §4) with padding.
std::string Base64Encode(std::string_view bytes);
// Strict decoding: padding required, no whitespace; nullopt on any invalid input.
std::optional<std::string> Base64Decode(std::string_view text);

// Constant-time comparison for secrets and signatures.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace skybox
