#include "base/checksum.h"

#include <openssl/evp.h>
#include <zlib.h>

#include <cstdlib>
#include <cstring>

#include "base/big_endian.h"
#include "base/crypto.h"
#include "base/evp_digests.h"
#include "base/xxhash_digests.h"

#if defined(__x86_64__)
#include <nmmintrin.h>
#include <smmintrin.h>
#include <wmmintrin.h>
#define SKYBOX_X86_CRC 1
#endif

namespace skybox {
namespace {

struct AlgorithmInfo {
  std::string_view name;
  std::string_view header;
  std::string_view member;
  size_t digest_size;
};

const AlgorithmInfo& Info(ChecksumAlgorithm algorithm) {
  static constexpr AlgorithmInfo kInfo[] = {
      {"CRC32", "x-amz-checksum-crc32", "ChecksumCRC32", 4},
      {"CRC32C", "x-amz-checksum-crc32c", "ChecksumCRC32C", 4},
      {"CRC64NVME", "x-amz-checksum-crc64nvme", "ChecksumCRC64NVME", 8},
      {"SHA1", "x-amz-checksum-sha1", "ChecksumSHA1", 20},
      {"SHA256", "x-amz-checksum-sha256", "ChecksumSHA256", 32},
      {"SHA512", "x-amz-checksum-sha512", "ChecksumSHA512", 64},
      {"MD5", "x-amz-checksum-md5", "ChecksumMD5", 16},
      {"XXHASH64", "x-amz-checksum-xxhash64", "ChecksumXXHASH64", 8},
      {"XXHASH3", "x-amz-checksum-xxhash3", "ChecksumXXHASH3", 8},
      {"XXHASH128", "x-amz-checksum-xxhash128", "ChecksumXXHASH128", 16},
  };
  return kInfo[static_cast<int>(algorithm)];
}

// A reflected CRC with init and xorout all-ones, described for the GF(2) arithmetic below.
struct CrcSpec {
  int width;      // bits: 32 or 64
  uint64_t poly;  // reflected polynomial
};
constexpr CrcSpec kCrc32Spec{32, 0xedb88320u};
constexpr CrcSpec kCrc32cSpec{32, 0x82f63b78u};
constexpr CrcSpec kCrc64NvmeSpec{64, 0x9a6c9329ac4bc9b5ull};

// Slice-by-8 tables: kTables[k][b] is the CRC register after byte b followed by k zero bytes.
template <typename T>
constexpr std::array<std::array<T, 256>, 8> MakeSliceTables(T poly) {
  std::array<std::array<T, 256>, 8> t{};
  for (int i = 0; i < 256; ++i) {
    T c = static_cast<T>(i);
    for (int j = 0; j < 8; ++j) c = (c & 1) ? static_cast<T>((c >> 1) ^ poly) : static_cast<T>(c >> 1);
    t[0][i] = c;
  }
  for (int k = 1; k < 8; ++k) {
    for (int i = 0; i < 256; ++i) t[k][i] = static_cast<T>((t[k - 1][i] >> 8) ^ t[0][t[k - 1][i] & 0xff]);
  }
  return t;
}

constexpr auto kCrc32cTables = MakeSliceTables<uint32_t>(static_cast<uint32_t>(kCrc32cSpec.poly));
constexpr auto kCrc64NvmeTables = MakeSliceTables<uint64_t>(kCrc64NvmeSpec.poly);

uint64_t LoadLe64(const uint8_t* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);  // the host is little-endian (x86-64, arm64)
  return v;
}

// Every CRC update below takes and returns the finished CRC value (zlib's convention), so a
// fresh stream starts at 0 and partial values can be combined directly.
template <typename T>
T SliceBy8(T crc, const std::array<std::array<T, 256>, 8>& t, const uint8_t* p, size_t n) {
  T c = static_cast<T>(~crc);
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t w = LoadLe64(p) ^ static_cast<uint64_t>(c);
    c = t[7][w & 0xff] ^ t[6][(w >> 8) & 0xff] ^ t[5][(w >> 16) & 0xff] ^ t[4][(w >> 24) & 0xff] ^
        t[3][(w >> 32) & 0xff] ^ t[2][(w >> 40) & 0xff] ^ t[1][(w >> 48) & 0xff] ^ t[0][w >> 56];
  }
  for (; n > 0; ++p, --n) c = static_cast<T>((c >> 8) ^ t[0][(c ^ *p) & 0xff]);
  return static_cast<T>(~c);
}

uint64_t UpdateCrc32(uint64_t crc, const uint8_t* p, size_t n) {
  return crc32_z(static_cast<uLong>(crc), p, n);
}

uint64_t UpdateCrc32cTable(uint64_t crc, const uint8_t* p, size_t n) {
  return SliceBy8<uint32_t>(static_cast<uint32_t>(crc), kCrc32cTables, p, n);
}

uint64_t UpdateCrc64Nvme(uint64_t crc, const uint8_t* p, size_t n) {
  return SliceBy8<uint64_t>(crc, kCrc64NvmeTables, p, n);
}

using CrcUpdate = uint64_t (*)(uint64_t, const uint8_t*, size_t);

// GF(2) polynomial product a*b mod P in the reflected representation (x^0 in the top bit).
uint64_t MultModP(uint64_t a, uint64_t b, const CrcSpec& spec) {
  const uint64_t top = uint64_t{1} << (spec.width - 1);
  uint64_t product = 0;
  for (uint64_t m = top; m != 0; m >>= 1) {
    if (a & m) product ^= b;
    b = (b & 1) ? (b >> 1) ^ spec.poly : b >> 1;
  }
  return product;
}

// base^n mod P.
uint64_t PowModP(uint64_t base, uint64_t n, const CrcSpec& spec) {
  uint64_t result = uint64_t{1} << (spec.width - 1);  // x^0
  for (; n != 0; n >>= 1) {
    if (n & 1) result = MultModP(base, result, spec);
    base = MultModP(base, base, spec);
  }
  return result;
}

uint64_t XPowN(uint64_t n, const CrcSpec& spec) {
  return PowModP(uint64_t{1} << (spec.width - 2), n, spec);  // (x^1)^n
}

// x^(8 * 2^k) mod P for k = 0..63: shifting a CRC past 2^k zero bytes multiplies it by entry k.
using ZeroBytePowers = std::array<uint64_t, 64>;

ZeroBytePowers MakeZeroBytePowers(const CrcSpec& spec) {
  ZeroBytePowers powers;
  powers[0] = XPowN(8, spec);
  for (size_t k = 1; k < powers.size(); ++k) powers[k] = MultModP(powers[k - 1], powers[k - 1], spec);
  return powers;
}

const ZeroBytePowers& ZeroBytePowersOf(const CrcSpec& spec) {
  static const ZeroBytePowers crc32 = MakeZeroBytePowers(kCrc32Spec);
  static const ZeroBytePowers crc32c = MakeZeroBytePowers(kCrc32cSpec);
  static const ZeroBytePowers crc64nvme = MakeZeroBytePowers(kCrc64NvmeSpec);
  return spec.poly == kCrc32Spec.poly ? crc32 : spec.poly == kCrc32cSpec.poly ? crc32c : crc64nvme;
}

// x^(8n) mod P: shifting a CRC past n zero bytes multiplies it by this. One multiplication per
// set bit of n (RocksDB combines the CRCs of every WAL record it writes).
uint64_t XPow8N(uint64_t n, const CrcSpec& spec) {
  const ZeroBytePowers& powers = ZeroBytePowersOf(spec);
  uint64_t result = uint64_t{1} << (spec.width - 1);  // x^0
  for (size_t k = 0; n != 0; ++k, n >>= 1) {
    if (n & 1) result = MultModP(powers[k], result, spec);
  }
  return result;
}

// The init/xorout all-ones conditioning cancels out in the XOR, as in zlib's crc32_combine.
uint64_t CombineCrcValues(uint64_t crc1, uint64_t crc2, uint64_t len2, const CrcSpec& spec) {
  return MultModP(XPow8N(len2, spec), crc1, spec) ^ crc2;
}

#ifdef SKYBOX_X86_CRC
__attribute__((target("sse4.2"))) uint64_t UpdateCrc32cSse42(uint64_t crc, const uint8_t* p,
                                                              size_t n) {
  uint64_t c = static_cast<uint32_t>(~crc);
  for (; n >= 8; p += 8, n -= 8) c = _mm_crc32_u64(c, LoadLe64(p));
  uint32_t c32 = static_cast<uint32_t>(c);
  for (; n > 0; ++p, --n) c32 = _mm_crc32_u8(c32, *p);
  return static_cast<uint32_t>(~c32);
}

// Carry-less multiplication folding (the PCLMULQDQ method of Intel's "Fast CRC Computation
// for Generic Polynomials"), for any reflected CRC up to 64 bits. Four 16-byte lanes are each
// multiplied forward by x^512 mod P and XORed with the next 64 bytes; the lanes are then
// folded into one 128-bit remainder congruent (mod P) to the message so far. Instead of a
// Barrett reduction, that remainder's 16 bytes and the tail go through the scalar update, so
// one routine and a handful of constants derived from the polynomial serve every width.
//
// In the reflected representation bit i of a 64-bit lane stands for x^(63-i), and the
// carry-less product of two such lanes reads as x*a*b; folding a lane A = a_lo*x^64 + a_hi
// forward by d bits therefore uses the constants x^(d+63) and x^(d-1) mod P.
struct FoldConstants {
  uint64_t k[4][2];  // fold distances 128, 256, 384, 512 bits: {for a_lo, for a_hi}
};

FoldConstants MakeFoldConstants(const CrcSpec& spec) {
  FoldConstants f{};
  const int shift = 64 - spec.width;  // a width-bit residue as a 64-bit reflected lane
  for (int i = 0; i < 4; ++i) {
    const uint64_t d = 128 * static_cast<uint64_t>(i + 1);
    f.k[i][0] = XPowN(d + 63, spec) << shift;
    f.k[i][1] = XPowN(d - 1, spec) << shift;
  }
  return f;
}

__attribute__((target("pclmul,sse4.1"))) __m128i Fold(__m128i lane, const uint64_t k[2]) {
  const __m128i constants = _mm_set_epi64x(static_cast<int64_t>(k[1]), static_cast<int64_t>(k[0]));
  return _mm_xor_si128(_mm_clmulepi64_si128(lane, constants, 0x00),
                       _mm_clmulepi64_si128(lane, constants, 0x11));
}

__attribute__((target("pclmul,sse4.1"))) uint64_t ClmulUpdate(uint64_t crc, const uint8_t* p,
                                                               size_t n, const FoldConstants& f,
                                                               int width, CrcUpdate scalar) {
  if (n < 128) return scalar(crc, p, n);
  auto load = [](const uint8_t* q) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(q)); };
  const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  __m128i x0 = _mm_xor_si128(load(p), _mm_set_epi64x(0, static_cast<int64_t>(~crc & mask)));
  __m128i x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
  for (p += 64, n -= 64; n >= 64; p += 64, n -= 64) {
    x0 = _mm_xor_si128(Fold(x0, f.k[3]), load(p));
    x1 = _mm_xor_si128(Fold(x1, f.k[3]), load(p + 16));
    x2 = _mm_xor_si128(Fold(x2, f.k[3]), load(p + 32));
    x3 = _mm_xor_si128(Fold(x3, f.k[3]), load(p + 48));
  }
  __m128i x = _mm_xor_si128(_mm_xor_si128(Fold(x0, f.k[2]), Fold(x1, f.k[1])),
                            _mm_xor_si128(Fold(x2, f.k[0]), x3));
  for (; n >= 16; p += 16, n -= 16) x = _mm_xor_si128(Fold(x, f.k[0]), load(p));
  alignas(16) uint8_t remainder[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(remainder), x);
  // The remainder stands for the whole (pre-conditioned) message: run it from a zero register.
  return scalar(scalar(mask, remainder, 16), p, n);
}

bool HavePclmul() {
  static const bool have = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return have;
}

uint64_t UpdateCrc32Clmul(uint64_t crc, const uint8_t* p, size_t n) {
  static const FoldConstants constants = MakeFoldConstants(kCrc32Spec);
  return ClmulUpdate(crc, p, n, constants, 32, UpdateCrc32);
}

uint64_t UpdateCrc32cClmul(uint64_t crc, const uint8_t* p, size_t n) {
  static const FoldConstants constants = MakeFoldConstants(kCrc32cSpec);
  return ClmulUpdate(crc, p, n, constants, 32, UpdateCrc32cSse42);
}

uint64_t UpdateCrc64NvmeClmul(uint64_t crc, const uint8_t* p, size_t n) {
  static const FoldConstants constants = MakeFoldConstants(kCrc64NvmeSpec);
  return ClmulUpdate(crc, p, n, constants, 64, UpdateCrc64Nvme);
}

#endif  // SKYBOX_X86_CRC

// The fastest implementation this CPU runs, chosen once.
CrcUpdate Crc32Update() {
#ifdef SKYBOX_X86_CRC
  if (HavePclmul()) return UpdateCrc32Clmul;
#endif
  return UpdateCrc32;
}

struct Crc32cChoice {
  CrcUpdate update;
  std::string_view name;
};

const Crc32cChoice& ChosenCrc32c() {
#ifdef SKYBOX_X86_CRC
  static const Crc32cChoice choice = !__builtin_cpu_supports("sse4.2")
                                         ? Crc32cChoice{UpdateCrc32cTable, "table"}
                                     : HavePclmul() ? Crc32cChoice{UpdateCrc32cClmul, "pclmul"}
                                                    : Crc32cChoice{UpdateCrc32cSse42, "sse4.2"};
#else
  static const Crc32cChoice choice{UpdateCrc32cTable, "table"};
#endif
  return choice;
}

CrcUpdate Crc32cUpdate() { return ChosenCrc32c().update; }

CrcUpdate Crc64NvmeUpdate() {
#ifdef SKYBOX_X86_CRC
  if (HavePclmul()) return UpdateCrc64NvmeClmul;
#endif
  return UpdateCrc64Nvme;
}

struct CrcKind {
  CrcUpdate update;
  const CrcSpec* spec;
};

CrcKind KindOf(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kCrc32: return {Crc32Update(), &kCrc32Spec};
    case ChecksumAlgorithm::kCrc32c: return {Crc32cUpdate(), &kCrc32cSpec};
    case ChecksumAlgorithm::kCrc64Nvme: return {Crc64NvmeUpdate(), &kCrc64NvmeSpec};
    default: return {nullptr, nullptr};
  }
}

class CrcHash final : public StreamingHash {
 public:
  CrcHash(CrcUpdate update, size_t digest_size) : update_(update), digest_size_(digest_size) {}
  void Update(std::string_view data) override {
    if (finished_) std::abort();
    crc_ = update_(crc_, reinterpret_cast<const uint8_t*>(data.data()), data.size());
  }
  std::string Finish() override {
    if (finished_) std::abort();
    finished_ = true;
    return BigEndian(crc_, digest_size_);
  }

 private:
  CrcUpdate update_;
  size_t digest_size_;
  uint64_t crc_ = 0;
  bool finished_ = false;
};

class EvpHash final : public StreamingHash {
 public:
  explicit EvpHash(const EVP_MD* md) : ctx_(EVP_MD_CTX_new()) {
    if (ctx_ == nullptr || EVP_DigestInit_ex(ctx_, md, nullptr) != 1) std::abort();
  }
  ~EvpHash() override { EVP_MD_CTX_free(ctx_); }
  EvpHash(const EvpHash&) = delete;
  EvpHash& operator=(const EvpHash&) = delete;

  void Update(std::string_view data) override {
    if (finished_ || EVP_DigestUpdate(ctx_, data.data(), data.size()) != 1) std::abort();
  }
  std::string Finish() override {
    if (finished_) std::abort();
    finished_ = true;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(ctx_, digest, &size) != 1) std::abort();
    return std::string(reinterpret_cast<const char*>(digest), size);
  }

 private:
  EVP_MD_CTX* ctx_;
  bool finished_ = false;
};

char AsciiUpper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

std::optional<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name) {
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    std::string_view want = ChecksumName(algorithm);
    if (want.size() != name.size()) continue;
    bool equal = true;
    for (size_t i = 0; i < want.size() && equal; ++i) equal = AsciiUpper(name[i]) == want[i];
    if (equal) return algorithm;
  }
  return std::nullopt;
}

std::string_view ChecksumName(ChecksumAlgorithm algorithm) { return Info(algorithm).name; }
std::string_view ChecksumHeader(ChecksumAlgorithm algorithm) { return Info(algorithm).header; }
std::string_view ChecksumMember(ChecksumAlgorithm algorithm) { return Info(algorithm).member; }
size_t ChecksumDigestSize(ChecksumAlgorithm algorithm) { return Info(algorithm).digest_size; }
bool IsCrcChecksum(ChecksumAlgorithm algorithm) { return KindOf(algorithm).spec != nullptr; }

std::unique_ptr<StreamingHash> StreamingHash::New(ChecksumAlgorithm algorithm) {
  switch (algorithm) {
    case ChecksumAlgorithm::kSha1: return std::make_unique<EvpHash>(Sha1Md());
    case ChecksumAlgorithm::kSha256: return NewSha256();
    case ChecksumAlgorithm::kSha512: return std::make_unique<EvpHash>(Sha512Md());
    case ChecksumAlgorithm::kMd5: return NewMd5();
    case ChecksumAlgorithm::kXxhash64:
    case ChecksumAlgorithm::kXxhash3:
    case ChecksumAlgorithm::kXxhash128: return NewXxhash(algorithm);
    default: return std::make_unique<CrcHash>(KindOf(algorithm).update, ChecksumDigestSize(algorithm));
  }
}

std::unique_ptr<StreamingHash> StreamingHash::NewMd5() { return std::make_unique<EvpHash>(Md5Md()); }

std::unique_ptr<StreamingHash> StreamingHash::NewSha256() {
  return std::make_unique<EvpHash>(Sha256Md());
}

std::string ComputeChecksum(ChecksumAlgorithm algorithm, std::string_view data) {
  auto hash = StreamingHash::New(algorithm);
  hash->Update(data);
  return hash->Finish();
}

std::string CompositeChecksum(ChecksumAlgorithm algorithm,
                              const std::vector<std::string>& raw_part_digests) {
  auto hash = StreamingHash::New(algorithm);
  for (const std::string& digest : raw_part_digests) hash->Update(digest);
  return Base64Encode(hash->Finish()) + "-" + std::to_string(raw_part_digests.size());
}

std::optional<std::string> CombineCrc(
    ChecksumAlgorithm algorithm,
    const std::vector<std::pair<std::string, uint64_t>>& raw_digest_and_length) {
  CrcKind kind = KindOf(algorithm);
  if (kind.spec == nullptr) return std::nullopt;
  const size_t size = ChecksumDigestSize(algorithm);
  uint64_t crc = 0;
  for (const auto& [digest, length] : raw_digest_and_length) {
    if (digest.size() != size) return std::nullopt;
    crc = CombineCrcValues(crc, FromBigEndian(digest), length, *kind.spec);
  }
  return BigEndian(crc, size);
}

uint32_t ExtendCrc32c(uint32_t crc, std::string_view data) {
  return static_cast<uint32_t>(
      Crc32cUpdate()(crc, reinterpret_cast<const uint8_t*>(data.data()), data.size()));
}

uint32_t CombineCrc32c(uint32_t crc_a, uint32_t crc_b, uint64_t length_b) {
  return static_cast<uint32_t>(CombineCrcValues(crc_a, crc_b, length_b, kCrc32cSpec));
}

std::string_view Crc32cImplementation() { return ChosenCrc32c().name; }

}  // namespace skybox
