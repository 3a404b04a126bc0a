#include "base/crypto.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace skybox {
namespace {

TEST(CryptoTest, KnownDigests) {
  EXPECT_EQ(HexEncode(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexEncode(Md5("hello")), "5d41402abc4b2a76b9719d911017c592");
  // RFC 4231 test case 2.
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  // RFC 2202 test case 2.
  EXPECT_EQ(HexEncode(HmacSha1("Jefe", "what do ya want for nothing?")), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
}

TEST(CryptoTest, HmacKeysLongerThanABlockAreHashedFirst) {
  // RFC 4231 test case 6 (131-byte key) and RFC 2202 test case 6 (80-byte key).
  const std::string data = "Test Using Larger Than Block-Size Key - Hash Key First";
  EXPECT_EQ(HexEncode(HmacSha256(std::string(131, '\xaa'), data)),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(HexEncode(HmacSha1(std::string(80, '\xaa'), data)), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  // Either side of the block boundary (expected values from Python's hmac module).
  EXPECT_EQ(HexEncode(HmacSha256(std::string(64, 'k'), "")),
            "83026a325aaee70e36cfe607536aa1054104ad1077c36134810d4ccded1ccd3b");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(65, 'k'), "x")),
            "75092ca3ee2b307470c227697b42b3e65376aa3bae98fb5a1f7b7536daa9588a");
}

TEST(CryptoTest, DigestsAgreeAcrossThreads) {
  // Each thread has its own digest context; results must not depend on the thread.
  std::string expected = HexEncode(HmacSha256("key", "The quick brown fox jumps over the lazy dog"));
  EXPECT_EQ(expected, "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 1000; ++i) {
        if (HexEncode(HmacSha256("key", "The quick brown fox jumps over the lazy dog")) != expected) ++mismatches;
        if (HexEncode(Md5("hello")) != "5d41402abc4b2a76b9719d911017c592") ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(CryptoTest, Base64RoundTripAndRejectsGarbage) {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    auto enc = Base64Encode(s);
    auto dec = Base64Decode(enc);
    ASSERT_TRUE(dec.has_value()) << enc;
    EXPECT_EQ(*dec, s);
  }
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_FALSE(Base64Decode("Zm9v!mFy").has_value());
  EXPECT_FALSE(Base64Decode("Zm9").has_value());
  EXPECT_FALSE(Base64Decode("Z=9v").has_value());
}

}  // namespace
}  // namespace skybox
