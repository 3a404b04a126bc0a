#include "base/binary_record.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace skybox {
namespace {

TEST(BinaryRecordTest, FieldsRoundTripInOrder) {
  RecordWriter w;
  w.PutByte(7);
  w.PutVarint(0);
  w.PutVarint(127);
  w.PutVarint(128);
  w.PutVarint(std::numeric_limits<uint64_t>::max());
  w.PutSigned(1764400000123);
  w.PutSigned(-5);
  w.PutString("");
  w.PutString(std::string("a\0b", 3));
  std::string bytes = w.Take();
  RecordReader r(bytes);
  EXPECT_EQ(r.GetByte(), 7);
  EXPECT_EQ(r.GetVarint(), 0u);
  EXPECT_EQ(r.GetVarint(), 127u);
  EXPECT_EQ(r.GetVarint(), 128u);
  EXPECT_EQ(r.GetVarint(), std::numeric_limits<uint64_t>::max());
  EXPECT_EQ(r.GetSigned(), 1764400000123);
  EXPECT_EQ(r.GetSigned(), -5);
  EXPECT_EQ(r.GetString(), "");
  EXPECT_EQ(r.GetString(), std::string("a\0b", 3));
  EXPECT_TRUE(r.Done());
}

TEST(BinaryRecordTest, VarintEncodingIsLeb128) {
  RecordWriter w;
  w.PutVarint(300);
  EXPECT_EQ(w.Take(), std::string("\xac\x02", 2));
}

TEST(BinaryRecordTest, TruncatedOrOverlongInputFails) {
  RecordWriter w;
  w.PutString("hello");
  std::string bytes = w.Take();
  RecordReader truncated(std::string_view(bytes).substr(0, 3));
  EXPECT_EQ(truncated.GetString(), "");
  EXPECT_FALSE(truncated.ok());
  EXPECT_EQ(truncated.GetByte(), 0);  // stays failed

  const std::string eleven_continuations(11, '\x80');
  RecordReader overlong(eleven_continuations);
  EXPECT_EQ(overlong.GetVarint(), 0u);
  EXPECT_FALSE(overlong.ok());

  const std::string two_bytes("\x01\x02", 2);
  RecordReader trailing(two_bytes);
  EXPECT_EQ(trailing.GetByte(), 1);
  EXPECT_TRUE(trailing.ok());
  EXPECT_FALSE(trailing.Done());
}

}  // namespace
}  // namespace skybox
