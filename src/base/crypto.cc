#include "base/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <initializer_list>
#include <memory>

#include "base/evp_digests.h"

namespace skybox {

namespace {

const EVP_MD* Fetched(const char* name) {
  EVP_MD* md = EVP_MD_fetch(nullptr, name, nullptr);
  if (md == nullptr) std::abort();  // the default provider always has these
  return md;
}

}  // namespace

const EVP_MD* Sha256Md() { static const EVP_MD* md = Fetched("SHA256"); return md; }
const EVP_MD* Sha1Md() { static const EVP_MD* md = Fetched("SHA1"); return md; }
const EVP_MD* Md5Md() { static const EVP_MD* md = Fetched("MD5"); return md; }
const EVP_MD* Sha512Md() { static const EVP_MD* md = Fetched("SHA512"); return md; }

namespace {

// The digests are fetched once (evp_digests.h), and each thread reuses one digest context.
EVP_MD_CTX* ThreadDigestContext() {
  thread_local std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (ctx == nullptr) std::abort();
  return ctx.get();
}

// The digest of the concatenation of `parts`. OpenSSL cannot fail here short of memory
// exhaustion.
template <size_t N>
std::array<uint8_t, N> Digest(const EVP_MD* md, std::initializer_list<std::string_view> parts) {
  EVP_MD_CTX* ctx = ThreadDigestContext();
  if (EVP_DigestInit_ex2(ctx, md, nullptr) != 1) std::abort();
  for (std::string_view part : parts) {
    if (EVP_DigestUpdate(ctx, part.data(), part.size()) != 1) std::abort();
  }
  std::array<uint8_t, N> out;
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx, out.data(), &len) != 1 || len != N) std::abort();
  return out;
}

// HMAC (RFC 2104) over a 64-byte-block hash: H((K ^ opad) || H((K ^ ipad) || data)).
template <size_t N>
std::array<uint8_t, N> Hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  constexpr size_t kBlock = 64;
  std::array<uint8_t, N> hashed_key;
  if (key.size() > kBlock) {
    hashed_key = Digest<N>(md, {key});
    key = AsBytes(hashed_key);
  }
  std::array<char, kBlock> inner_pad, outer_pad;
  for (size_t i = 0; i < kBlock; ++i) {
    char k = i < key.size() ? key[i] : '\0';
    inner_pad[i] = static_cast<char>(k ^ 0x36);
    outer_pad[i] = static_cast<char>(k ^ 0x5c);
  }
  auto inner = Digest<N>(md, {std::string_view(inner_pad.data(), kBlock), data});
  return Digest<N>(md, {std::string_view(outer_pad.data(), kBlock), AsBytes(inner)});
}

}  // namespace

Sha256Digest Sha256(std::string_view data) { return Digest<32>(Sha256Md(), {data}); }

Md5Digest Md5(std::string_view data) { return Digest<16>(Md5Md(), {data}); }

Sha256Digest HmacSha256(std::string_view key, std::string_view data) { return Hmac<32>(Sha256Md(), key, data); }

Sha1Digest HmacSha1(std::string_view key, std::string_view data) { return Hmac<20>(Sha1Md(), key, data); }

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(bytes.size() * 2, '\0');
  for (size_t i = 0; i < bytes.size(); ++i) {
    auto b = static_cast<unsigned char>(bytes[i]);
    out[2 * i] = kDigits[b >> 4];
    out[2 * i + 1] = kDigits[b & 0xf];
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  if (text.size() % 4 != 0) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '+' || c == '/' || (c == '=' && i >= text.size() - 2);
    if (!ok) return std::nullopt;
  }
  if (text.size() >= 2 && text[text.size() - 2] == '=' && text.back() != '=') return std::nullopt;
  std::string out(3 * (text.size() / 4), '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t pad = 0;
  if (!text.empty() && text.back() == '=') ++pad;
  if (text.size() >= 2 && text[text.size() - 2] == '=') ++pad;
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace skybox
