#include "services/event_pattern/ip_address.h"

#include <gtest/gtest.h>

namespace skybox::services::event_pattern {
namespace {

TEST(IpAddress, ParsesIpv4AndIpv6) {
  EXPECT_TRUE(ParseIpAddress("10.0.0.1").has_value());
  EXPECT_TRUE(ParseIpAddress("::").has_value());
  EXPECT_TRUE(ParseIpAddress("::1").has_value());
  EXPECT_TRUE(ParseIpAddress("2001:db8::").has_value());
  EXPECT_TRUE(ParseIpAddress("2001:0db8:0000:0000:0000:ff00:0042:8329").has_value());
  EXPECT_TRUE(ParseIpAddress("::ffff:192.0.2.128").has_value());
  for (const char* bad : {"", "10.0.0", "10.0.0.1.2", "256.0.0.1", "1..2.3", "a.b.c.d", "1:2:3",
                          "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "example.com", "10.0.0.1 "}) {
    EXPECT_FALSE(ParseIpAddress(bad).has_value()) << bad;
  }
}

TEST(IpAddress, Ipv6CompressionExpandsToTheSameAddress) {
  auto a = ParseIpAddress("2001:db8::1");
  auto b = ParseIpAddress("2001:0db8:0:0:0:0:0:0001");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->bytes, b->bytes);
}

TEST(CidrBlock, ContainsByPrefix) {
  auto block = CidrBlock::Parse("192.168.0.0/22");
  ASSERT_TRUE(block.ok());
  EXPECT_TRUE(block->Contains("192.168.3.255"));
  EXPECT_FALSE(block->Contains("192.168.4.0"));
  auto all = CidrBlock::Parse("0.0.0.0/0");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->Contains("255.255.255.255"));
  auto v6 = CidrBlock::Parse("fe80::/10");
  ASSERT_TRUE(v6.ok());
  EXPECT_TRUE(v6->Contains("febf::1"));
  EXPECT_FALSE(v6->Contains("fec0::1"));
}

TEST(CidrBlock, RejectsMalformedBlocks) {
  EXPECT_EQ(CidrBlock::Parse("10.0.0.0/8/8").status().message(), "Malformed CIDR, one '/' required");
  EXPECT_EQ(CidrBlock::Parse("10.0.0.0/").status().message(),
            "Malformed CIDR, mask bits must be an integer");
  EXPECT_EQ(CidrBlock::Parse("10.0.0.0/-1").status().message(),
            "Malformed CIDR, mask bits must not be negative");
  EXPECT_EQ(CidrBlock::Parse("host/8").status().message(), "Nonstandard IP address: host");
}

}  // namespace
}  // namespace skybox::services::event_pattern
