#include "services/s3/http/byte_range.h"

#include <gtest/gtest.h>

namespace skybox::s3 {
namespace {

using Kind = RangeDecision::Kind;

ByteRange Partial(std::string_view header, uint64_t size) {
  RangeDecision d = ResolveRange(header, size);
  EXPECT_EQ(d.kind, Kind::kPartial) << header;
  return d.range;
}

Kind KindOf(std::string_view header, uint64_t size) { return ResolveRange(header, size).kind; }

TEST(ByteRangeTest, ServesSingleRanges) {
  EXPECT_EQ(Partial("bytes=0-9", 100), (ByteRange{0, 9}));
  EXPECT_EQ(Partial("bytes=4-8", 11), (ByteRange{4, 8}));
  EXPECT_EQ(Partial("bytes=10-", 100), (ByteRange{10, 99}));
  EXPECT_EQ(Partial("bytes=-20", 100), (ByteRange{80, 99}));
  EXPECT_EQ(Partial("bytes=0-0", 1), (ByteRange{0, 0}));
  EXPECT_EQ(Partial("bytes=5-5", 100).length(), 1u);
  EXPECT_EQ(Partial("BYTES=1-2", 100), (ByteRange{1, 2}));
}

TEST(ByteRangeTest, ClampsToTheObject) {
  EXPECT_EQ(Partial("bytes=-150", 100), (ByteRange{0, 99}));
  EXPECT_EQ(Partial("bytes=90-1000", 100), (ByteRange{90, 99}));
  EXPECT_EQ(Partial("bytes=0-99999999999999999999999", 100), (ByteRange{0, 99}));
  EXPECT_EQ(Partial("bytes=0-", 100), (ByteRange{0, 99}));  // still 206 for the whole object
}

TEST(ByteRangeTest, UnsatisfiableRanges) {
  EXPECT_EQ(KindOf("bytes=100-", 100), Kind::kUnsatisfiable);
  EXPECT_EQ(KindOf("bytes=100-200", 100), Kind::kUnsatisfiable);
  EXPECT_EQ(KindOf("bytes=-0", 100), Kind::kUnsatisfiable);
  EXPECT_EQ(KindOf("bytes=0-", 0), Kind::kUnsatisfiable);
  EXPECT_EQ(KindOf("bytes=0-0", 0), Kind::kUnsatisfiable);
  EXPECT_EQ(KindOf("bytes=99999999999999999999999-", 100), Kind::kUnsatisfiable);
  // first beyond the end wins over first > last.
  EXPECT_EQ(KindOf("bytes=5-2", 3), Kind::kUnsatisfiable);
}

TEST(ByteRangeTest, IgnoresWhatS3Ignores) {
  for (std::string_view header :
       {"bytes=5-2", "bytes=0-1,5-6", "0-5", "items=0-5", "bytes=", "bytes=-", "bytes=a-b",
        "bytes=1-2-3", "bytes=0x1-2", "bytes==1-2", "", "bytes=+1-2", "bytes=-1-"}) {
    EXPECT_EQ(KindOf(header, 100), Kind::kWholeObject) << header;
  }
  EXPECT_EQ(KindOf("bytes=-5", 0), Kind::kWholeObject);  // a suffix of nothing selects nothing
}

TEST(ByteRangeTest, FormatsContentRange) {
  EXPECT_EQ(FormatContentRange({4, 8}, 11), "bytes 4-8/11");
  EXPECT_EQ(FormatUnsatisfiedRange(11), "bytes */11");
  Status s = InvalidRangeError("bytes=20-", 11);
  EXPECT_EQ(s.http_status(), 416);
  EXPECT_EQ(s.aws_code(), "InvalidRange");
  EXPECT_EQ(s.message(), "The requested range is not satisfiable");
  ASSERT_EQ(s.details().size(), 2u);
  EXPECT_EQ(s.details()[0].second, "bytes=20-");
  EXPECT_EQ(s.details()[1], (std::pair<std::string, std::string>("ActualObjectSize", "11")));
}

TEST(ByteRangeTest, CopySourceRange) {
  Result<ByteRange> r = ParseCopySourceRange("bytes=0-4", 5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (ByteRange{0, 4}));
  for (std::string_view bad : {"bytes=0-", "bytes=-4", "bytes=3-1", "0-4", "bytes=0-1,2-3",
                               "bytes=a-b", "", "bytes=0-1-2"}) {
    Result<ByteRange> e = ParseCopySourceRange(bad, 5);
    ASSERT_FALSE(e.ok()) << bad;
    EXPECT_EQ(e.status().aws_code(), "InvalidArgument") << bad;
    EXPECT_EQ(e.status().http_status(), 400);
    EXPECT_EQ(e.status().message().rfind("The x-amz-copy-source-range value must be of the form "
                                         "bytes=first-last where first and last are the zero-based "
                                         "offsets of the first and last bytes to copy",
                                         0),
              0u);
  }
  Result<ByteRange> past_start = ParseCopySourceRange("bytes=5-6", 5);
  EXPECT_EQ(past_start.status().aws_code(), "InvalidRequest");
  EXPECT_EQ(past_start.status().message(),
            "The specified copy range is invalid for the source object size");
  Result<ByteRange> past_end = ParseCopySourceRange("bytes=0-5", 5);
  EXPECT_EQ(past_end.status().aws_code(), "InvalidArgument");
  EXPECT_EQ(past_end.status().message(), "Range specified is not valid for source object of size: 5");
}

}  // namespace
}  // namespace skybox::s3
