#include "aws/protocol/cbor.h"

#include <gtest/gtest.h>

namespace skybox::aws {
namespace {

TEST(CborTest, ErrorBodyIsAMapOfTwoTextStrings) {
  std::string body = CborErrorBody("NotImplemented", "m");
  // a2 | 66 "__type" | 6e "NotImplemented" | 67 "message" | 61 "m"
  EXPECT_EQ(body, std::string("\xa2\x66__type\x6eNotImplemented\x67message\x61m"));
}

TEST(CborTest, LongTextUsesAOneByteLength) {
  std::string message(30, 'x');
  std::string body = CborErrorBody("E", message);
  EXPECT_NE(body.find(std::string("\x78\x1e") + message), std::string::npos);
}

TEST(CborTest, OperationFromPath) {
  EXPECT_EQ(CborOperationName("/service/GraniteServiceVersion20100801/operation/ListMetrics"),
            "ListMetrics");
  EXPECT_EQ(CborOperationName("/service/X/operation/A/B"), "");
  EXPECT_EQ(CborOperationName("/"), "");
}

}  // namespace
}  // namespace skybox::aws
