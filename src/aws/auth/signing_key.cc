#include "aws/auth/signing_key.h"

#include <unordered_map>

#include "base/crypto.h"

namespace skybox::aws {
namespace {

// Enough for every (key, region, service) a thread sees in a day; cleared wholesale when
// full so memory stays bounded when clients rotate keys.
constexpr size_t kMaxCachedKeys = 256;

}  // namespace

std::string DeriveSigningKey(std::string_view secret_access_key, std::string_view date,
                             std::string_view region, std::string_view service) {
  std::string seed = "AWS4";
  seed.append(secret_access_key);
  Sha256Digest k = HmacSha256(seed, date);
  k = HmacSha256(AsBytes(k), region);
  k = HmacSha256(AsBytes(k), service);
  k = HmacSha256(AsBytes(k), "aws4_request");
  return std::string(AsBytes(k));
}

std::string CachedSigningKey(std::string_view secret_access_key, std::string_view date,
                             std::string_view region, std::string_view service) {
  thread_local std::unordered_map<std::string, std::string> cache;
  std::string cache_key;
  cache_key.reserve(secret_access_key.size() + date.size() + region.size() + service.size() + 3);
  cache_key.append(secret_access_key).append(1, '\0').append(date).append(1, '\0');
  cache_key.append(region).append(1, '\0').append(service);
  auto it = cache.find(cache_key);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCachedKeys) cache.clear();
  std::string key = DeriveSigningKey(secret_access_key, date, region, service);
  cache.emplace(std::move(cache_key), key);
  return key;
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
  return HexEncode(HmacSha256(signing_key, string_to_sign));
}

}  // namespace skybox::aws
