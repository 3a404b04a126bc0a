#include "base/checksum.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "base/crypto.h"

namespace skybox {
namespace {

// 1000 bytes, byte i = (31*i + 7) mod 256; long enough to exercise the 8-byte loops.
std::string Bytes1000() {
  std::string s(1000, '\0');
  for (size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>((i * 31 + 7) & 0xff);
  return s;
}

std::string Hex(ChecksumAlgorithm algorithm, std::string_view data) {
  return HexEncode(ComputeChecksum(algorithm, data));
}

// Expected values: python3 zlib.crc32 / hashlib, and @aws-sdk/checksums' Crc32cJs and
// Crc64NvmeJs under node (the JS SDK v3 that clients send these headers from).
TEST(ChecksumTest, CheckValues) {
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc32, "123456789"), "cbf43926");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc32c, "123456789"), "e3069283");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc64Nvme, "123456789"), "ae8b14860a799888");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha1, "123456789"), "f7c3bc1d808e04732adf679965ccc34ca7ae3441");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha256, "123456789"),
            "15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
}

// Expected values: hashlib, and the xxhash module (python3-xxhash, which wraps the same libxxhash:
// these check the variant, the seed and the byte order Skybox asks of it).
TEST(ChecksumTest, CheckValuesOfTheNewerAlgorithms) {
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha512, "123456789"),
            "d9e6762dd1c8eaf6d61b3c6192fc408d4d6d5f1176d0c29169bc24e71c3f274a"
            "d27fcd5811b313d681f7e55ec02d73d499c95455b6b5bb503acf574fba8ffe85");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kMd5, "123456789"), "25f9e794323b453885f5181f1b624d0b");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash64, "123456789"), "8cb841db40e6ae83");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash3, "123456789"), "72dcb18b67a17dff");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash128, "123456789"), "33119477ede5dcd5e9716427681d5860");
  const std::string bytes = Bytes1000();
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha512, bytes),
            "b41d42e106eca6bf57123566b7ed1550c37d33af23afbfa8e302dfd44c988b30"
            "03a26b4140ef42f535e66ea424e7c4a31616307269e6d520a6508f726da23d0a");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kMd5, bytes), "2b1e78d5765de9e10495a01412a1cf22");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash64, bytes), "99594f4828043d35");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash3, bytes), "989765d0ea7a5ecd");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash128, bytes), "f534f51e82a81d29989765d0ea7a5ecd");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash64, ""), "ef46db3751d8e999");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash3, ""), "2d06800538d394c2");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kXxhash128, ""), "99aa06d3014798d86001c324468d497f");
}

TEST(ChecksumTest, EmptyInput) {
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc32, ""), "00000000");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc32c, ""), "00000000");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kCrc64Nvme, ""), "0000000000000000");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha1, ""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha256, ""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  auto md5 = StreamingHash::NewMd5();
  EXPECT_EQ(HexEncode(md5->Finish()), "d41d8cd98f00b204e9800998ecf8427e");
}

TEST(ChecksumTest, LongerVectorsAsBase64) {
  const std::string fox = "The quick brown fox jumps over the lazy dog";
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc32, fox)), "QU+jOQ==");
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc32c, fox)), "ImIEBA==");
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc64Nvme, fox)), "12xUBUlUwUM=");
  const std::string bytes = Bytes1000();
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc32, bytes)), "iQIWHg==");
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc32c, bytes)), "/1Lulw==");
  EXPECT_EQ(Base64Encode(ComputeChecksum(ChecksumAlgorithm::kCrc64Nvme, bytes)), "hJuqFMGMbk4=");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha1, bytes), "414475341017ec91703435a6f290324818f983e9");
  EXPECT_EQ(Hex(ChecksumAlgorithm::kSha256, bytes),
            "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179");
  auto md5 = StreamingHash::NewMd5();
  md5->Update(bytes);
  EXPECT_EQ(HexEncode(md5->Finish()), "2b1e78d5765de9e10495a01412a1cf22");
}

TEST(ChecksumTest, SplitUpdatesEqualOneShot) {
  const std::string bytes = Bytes1000();
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    const std::string whole = ComputeChecksum(algorithm, bytes);
    ASSERT_EQ(whole.size(), ChecksumDigestSize(algorithm));
    // Uneven pieces so the word loops see every alignment and tail length.
    for (size_t step : {1, 3, 7, 8, 13, 64, 999}) {
      auto hash = StreamingHash::New(algorithm);
      for (size_t i = 0; i < bytes.size(); i += step) hash->Update(std::string_view(bytes).substr(i, step));
      EXPECT_EQ(hash->Finish(), whole) << ChecksumName(algorithm) << " step " << step;
    }
  }
}

// Bit-at-a-time reflected CRC (init and xorout all-ones): the definition, independent of the
// table, SSE4.2 and carry-less-multiply paths under test.
uint64_t ReferenceCrc(std::string_view data, uint64_t poly, int width) {
  const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
  uint64_t c = mask;
  for (unsigned char byte : data) {
    c ^= byte;
    for (int i = 0; i < 8; ++i) c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
  }
  return ~c & mask;
}

TEST(ChecksumTest, EveryLengthAndAlignmentMatchesTheDefinition) {
  std::string buffer(1200, '\0');
  uint64_t x = 88172645463325252ull;  // xorshift64
  for (char& ch : buffer) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    ch = static_cast<char>(x);
  }
  struct Case {
    ChecksumAlgorithm algorithm;
    uint64_t poly;
    int width;
  };
  for (Case c : {Case{ChecksumAlgorithm::kCrc32, 0xedb88320u, 32},
                 Case{ChecksumAlgorithm::kCrc32c, 0x82f63b78u, 32},
                 Case{ChecksumAlgorithm::kCrc64Nvme, 0x9a6c9329ac4bc9b5ull, 64}}) {
    for (size_t offset = 0; offset < 8; ++offset) {
      for (size_t length = 0; length + offset <= buffer.size(); length += (length < 300 ? 1 : 37)) {
        std::string_view data = std::string_view(buffer).substr(offset, length);
        uint64_t want = ReferenceCrc(data, c.poly, c.width);
        std::string got = ComputeChecksum(c.algorithm, data);
        uint64_t value = 0;
        for (unsigned char b : got) value = (value << 8) | b;
        ASSERT_EQ(value, want) << ChecksumName(c.algorithm) << " offset " << offset << " length " << length;
      }
    }
  }
}

TEST(ChecksumTest, Names) {
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    EXPECT_EQ(ParseChecksumAlgorithm(ChecksumName(algorithm)), algorithm);
  }
  EXPECT_EQ(ParseChecksumAlgorithm("crc64nvme"), ChecksumAlgorithm::kCrc64Nvme);
  EXPECT_EQ(ParseChecksumAlgorithm("Sha256"), ChecksumAlgorithm::kSha256);
  EXPECT_EQ(ParseChecksumAlgorithm("md5"), ChecksumAlgorithm::kMd5);
  EXPECT_EQ(ParseChecksumAlgorithm("XXHASH"), std::nullopt);
  EXPECT_EQ(ParseChecksumAlgorithm("CRC32 "), std::nullopt);
  EXPECT_EQ(ParseChecksumAlgorithm(""), std::nullopt);
  EXPECT_EQ(ChecksumName(ChecksumAlgorithm::kCrc32c), "CRC32C");
  EXPECT_EQ(ChecksumHeader(ChecksumAlgorithm::kCrc64Nvme), "x-amz-checksum-crc64nvme");
  EXPECT_EQ(ChecksumMember(ChecksumAlgorithm::kSha1), "ChecksumSHA1");
  EXPECT_TRUE(IsCrcChecksum(ChecksumAlgorithm::kCrc32c));
  EXPECT_FALSE(IsCrcChecksum(ChecksumAlgorithm::kSha256));
  EXPECT_FALSE(IsCrcChecksum(ChecksumAlgorithm::kXxhash64));
  EXPECT_EQ(ChecksumHeader(ChecksumAlgorithm::kXxhash128), "x-amz-checksum-xxhash128");
  EXPECT_EQ(ChecksumMember(ChecksumAlgorithm::kMd5), "ChecksumMD5");
}

TEST(ChecksumTest, CompositeOfParts) {
  const std::string bytes = Bytes1000();
  const std::string a = bytes.substr(0, 300), b = bytes.substr(300);
  // python3: zlib.crc32 / hashlib.sha256 over the concatenated big-endian part digests.
  EXPECT_EQ(CompositeChecksum(ChecksumAlgorithm::kCrc32, {ComputeChecksum(ChecksumAlgorithm::kCrc32, a),
                                                          ComputeChecksum(ChecksumAlgorithm::kCrc32, b)}),
            "y3T3tg==-2");
  EXPECT_EQ(CompositeChecksum(ChecksumAlgorithm::kSha256,
                              {ComputeChecksum(ChecksumAlgorithm::kSha256, a),
                               ComputeChecksum(ChecksumAlgorithm::kSha256, b)}),
            "zYZ1q+DXWa81HFLeDR0yoGFDQeNasvPWptOjIJWoYic=-2");
}

TEST(ChecksumTest, CombineEqualsWhole) {
  const std::string bytes = Bytes1000();
  for (ChecksumAlgorithm algorithm :
       {ChecksumAlgorithm::kCrc32, ChecksumAlgorithm::kCrc32c, ChecksumAlgorithm::kCrc64Nvme}) {
    const std::string whole = ComputeChecksum(algorithm, bytes);
    std::vector<std::pair<std::string, uint64_t>> parts;
    const size_t cuts[] = {0, 1, 300, 301, 999, 1000};
    for (size_t i = 0; i + 1 < std::size(cuts); ++i) {
      std::string piece = bytes.substr(cuts[i], cuts[i + 1] - cuts[i]);
      parts.emplace_back(ComputeChecksum(algorithm, piece), piece.size());
    }
    parts.emplace_back(ComputeChecksum(algorithm, ""), 0);  // an empty part changes nothing
    EXPECT_EQ(CombineCrc(algorithm, parts), whole) << ChecksumName(algorithm);
  }
  EXPECT_EQ(CombineCrc(ChecksumAlgorithm::kCrc32c, {}), std::string(4, '\0'));
  EXPECT_EQ(CombineCrc(ChecksumAlgorithm::kSha256, {}), std::nullopt);
  EXPECT_EQ(CombineCrc(ChecksumAlgorithm::kCrc32, {{"abc", 3}}), std::nullopt);
}

TEST(ChecksumTest, CombineMatchesZlibForLargeLengths) {
  // Lengths beyond 4 GiB: parts of a 5 TiB object.
  const uint64_t len2 = (uint64_t{5} << 40) / 10000 + 12345;
  uLong a = crc32_z(0, reinterpret_cast<const Bytef*>("abc"), 3);
  uLong b = 0x12345678;
  uLong want = crc32_combine64(a, b, static_cast<z_off64_t>(len2));
  auto be = [](uLong v) { return std::string{char(v >> 24), char(v >> 16), char(v >> 8), char(v)}; };
  EXPECT_EQ(CombineCrc(ChecksumAlgorithm::kCrc32, {{be(a), 3}, {be(b), len2}}), be(want));
}

TEST(ChecksumTest, RawCrc32cExtendsAndCombines) {
  EXPECT_EQ(ExtendCrc32c(0, "123456789"), 0xE3069283u);
  EXPECT_EQ(ExtendCrc32c(0, ""), 0u);
  // 32 zero bytes: the iSCSI test vector (RFC 3720 B.4).
  EXPECT_EQ(ExtendCrc32c(0, std::string(32, '\0')), 0x8A9136AAu);
  const std::string bytes = Bytes1000();
  const uint32_t whole = ExtendCrc32c(0, bytes);
  EXPECT_EQ(HexEncode(ComputeChecksum(ChecksumAlgorithm::kCrc32c, bytes)),
            HexEncode(std::string{char(whole >> 24), char(whole >> 16), char(whole >> 8), char(whole)}));
  for (size_t cut : {0, 1, 7, 64, 500, 1000}) {
    const std::string_view head = std::string_view(bytes).substr(0, cut);
    const std::string_view tail = std::string_view(bytes).substr(cut);
    EXPECT_EQ(ExtendCrc32c(ExtendCrc32c(0, head), tail), whole) << cut;
    EXPECT_EQ(CombineCrc32c(ExtendCrc32c(0, head), ExtendCrc32c(0, tail), tail.size()), whole) << cut;
  }
  const std::string_view implementation = Crc32cImplementation();
  EXPECT_TRUE(implementation == "pclmul" || implementation == "sse4.2" || implementation == "table")
      << implementation;
}

TEST(ChecksumTest, FinishTwiceAborts) {
  auto hash = StreamingHash::New(ChecksumAlgorithm::kCrc32);
  hash->Finish();
  EXPECT_DEATH(hash->Finish(), "");
}

// Throughput on 256 MiB fed in 64 KiB chunks. Run by hand:
//   base_test --gtest_also_run_disabled_tests --gtest_filter='*DISABLED_Throughput*'
TEST(ChecksumTest, DISABLED_Throughput) {
  std::string chunk(64 << 10, '\0');
  for (size_t i = 0; i < chunk.size(); ++i) chunk[i] = static_cast<char>(i * 131 + (i >> 9));
  constexpr size_t kTotal = size_t{256} << 20;
  auto run = [&](const char* name, auto make) {
    auto hash = make();
    auto start = std::chrono::steady_clock::now();
    for (size_t done = 0; done < kTotal; done += chunk.size()) hash->Update(chunk);
    hash->Finish();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%-10s %8.0f MB/s\n", name, kTotal / 1e6 / seconds);
  };
  run("MD5", [] { return StreamingHash::NewMd5(); });
  for (ChecksumAlgorithm algorithm : kAllChecksumAlgorithms) {
    run(std::string(ChecksumName(algorithm)).c_str(), [&] { return StreamingHash::New(algorithm); });
  }
  // What a PUT computes: MD5 (ETag) and one flexible checksum over each chunk.
  auto put = [&](std::optional<ChecksumAlgorithm> algorithm) {
    auto md5 = StreamingHash::NewMd5();
    auto crc = StreamingHash::New(algorithm.value_or(ChecksumAlgorithm::kCrc32));
    auto start = std::chrono::steady_clock::now();
    for (size_t done = 0; done < kTotal; done += chunk.size()) {
      md5->Update(chunk);
      if (algorithm) crc->Update(chunk);
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  double md5_only = put(std::nullopt);
  for (ChecksumAlgorithm algorithm :
       {ChecksumAlgorithm::kCrc32, ChecksumAlgorithm::kCrc32c, ChecksumAlgorithm::kCrc64Nvme}) {
    std::printf("MD5+%-9s %.2fx of MD5 alone\n", std::string(ChecksumName(algorithm)).c_str(),
                md5_only / put(algorithm));
  }
}

}  // namespace
}  // namespace skybox
