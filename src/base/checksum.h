// Streaming checksums for S3 object integrity.
//
// S3 verifies and stores the "flexible checksums" that current SDKs send by default
// (`x-amz-checksum-<algo>`: base64 of the big-endian digest; CRC32, CRC32C, CRC64NVME, SHA1,
// SHA256, and since 2025 SHA512, MD5, XXHASH64, XXHASH3 and XXHASH128) and the MD5 behind
// Content-MD5 and ETags, plus the SHA-256 behind `x-amz-content-sha256`. Bodies arrive in chunks, so every
// digest here is incremental: feed chunks to a StreamingHash, Finish() once.
//
// Speed: a large PUT computes MD5 plus one checksum over every byte, so the CRCs must be
// much faster than MD5 (~0.4-0.7 GB/s here). On x86-64 with PCLMULQDQ (checked once at
// runtime) all three CRCs fold 64 bytes per step with carry-less multiplies (5-9 GB/s);
// otherwise CRC32 uses zlib, CRC32C the SSE4.2 instruction or slice-by-8 tables, CRC64NVME
// slice-by-8 tables. MD5 and the SHAs use OpenSSL's EVP, the XXHASHes libxxhash (seed 0).
//
// Thread-safety: free functions are pure and callable from any thread. A StreamingHash is
// a single-owner object: one thread at a time.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace skybox {

// The model's ChecksumAlgorithm enum (botocore s3 `ChecksumAlgorithm`).
enum class ChecksumAlgorithm {
  kCrc32, kCrc32c, kCrc64Nvme, kSha1, kSha256, kSha512, kMd5, kXxhash64, kXxhash3, kXxhash128
};

inline constexpr std::array<ChecksumAlgorithm, 10> kAllChecksumAlgorithms = {
    ChecksumAlgorithm::kCrc32,  ChecksumAlgorithm::kCrc32c,   ChecksumAlgorithm::kCrc64Nvme,
    ChecksumAlgorithm::kSha1,   ChecksumAlgorithm::kSha256,   ChecksumAlgorithm::kSha512,
    ChecksumAlgorithm::kMd5,    ChecksumAlgorithm::kXxhash64, ChecksumAlgorithm::kXxhash3,
    ChecksumAlgorithm::kXxhash128};

// Parses the value of `x-amz-checksum-algorithm` / `x-amz-sdk-checksum-algorithm`
// (the model's names: "CRC32", ..., "XXHASH128"). ASCII case-insensitive, because the
// header carries the name of the `x-amz-checksum-<lower-case name>` header too and SDKs have
// sent both spellings. nullopt for anything else (S3: 400 InvalidRequest).
std::optional<ChecksumAlgorithm> ParseChecksumAlgorithm(std::string_view name);

// "CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512", "MD5", "XXHASH64", "XXHASH3",
// "XXHASH128": the model's enum value.
std::string_view ChecksumName(ChecksumAlgorithm algorithm);
// "x-amz-checksum-crc32", ...: the request/response header carrying the base64 digest.
std::string_view ChecksumHeader(ChecksumAlgorithm algorithm);
// "ChecksumCRC32", ...: the member name in the S3 model's input/output shapes.
std::string_view ChecksumMember(ChecksumAlgorithm algorithm);
// Raw digest length in bytes: 4, 4, 8, 20, 32, 64, 16, 8, 8, 16.
size_t ChecksumDigestSize(ChecksumAlgorithm algorithm);
// True for the CRCs, the only algorithms S3 allows as FULL_OBJECT multipart checksums
// (a CRC of the whole object can be combined from the part CRCs and their lengths).
bool IsCrcChecksum(ChecksumAlgorithm algorithm);

// One incremental digest.
class StreamingHash {
 public:
  // A hash for one of S3's flexible checksum algorithms. Never null.
  static std::unique_ptr<StreamingHash> New(ChecksumAlgorithm algorithm);
  // MD5, for Content-MD5 and ETags. Never null.
  static std::unique_ptr<StreamingHash> NewMd5();
  // SHA-256, for x-amz-content-sha256. Never null.
  static std::unique_ptr<StreamingHash> NewSha256();

  virtual ~StreamingHash() = default;
  // Feeds the next bytes of the stream. Must not be called after Finish().
  virtual void Update(std::string_view data) = 0;
  // Returns the raw digest (big-endian for the CRCs, as S3 base64-encodes it). Call once;
  // calling Update() or Finish() afterwards is a programming error and aborts.
  virtual std::string Finish() = 0;
};

// One-shot digest of `data`: what a StreamingHash fed `data` in one piece returns.
std::string ComputeChecksum(ChecksumAlgorithm algorithm, std::string_view data);

// The COMPOSITE multipart checksum S3 reports for a completed upload:
// base64(H(concatenation of the raw part digests, in part order)) + "-<number of parts>",
// where H is the upload's algorithm (for CRCs: the same CRC over the big-endian part CRCs).
std::string CompositeChecksum(ChecksumAlgorithm algorithm,
                              const std::vector<std::string>& raw_part_digests);

// The FULL_OBJECT multipart checksum: the raw CRC of the whole object computed from each
// part's raw CRC and byte length, in part order, without reading the bytes again.
// nullopt when `algorithm` is not a CRC or a digest has the wrong size. An empty list yields
// the CRC of empty input.
std::optional<std::string> CombineCrc(
    ChecksumAlgorithm algorithm,
    const std::vector<std::pair<std::string, uint64_t>>& raw_digest_and_length);

// The raw CRC32C for other users of the same CRC (RocksDB's log and table records, see
// storage/rocksdb_crc32c.cc), on the fastest implementation this CPU runs. `crc` is the finished
// CRC32C of the bytes before `data` (0 at the start), as in zlib's crc32().
uint32_t ExtendCrc32c(uint32_t crc, std::string_view data);
// The CRC32C of A||B from crc(A), crc(B) and the length of B.
uint32_t CombineCrc32c(uint32_t crc_a, uint32_t crc_b, uint64_t length_b);
// The CRC32C implementation ExtendCrc32c runs here: "pclmul", "sse4.2" or "table".
std::string_view Crc32cImplementation();

}  // namespace skybox
