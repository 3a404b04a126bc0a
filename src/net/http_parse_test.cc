#include "net/http_parse.h"

#include <gtest/gtest.h>

#include <string>

namespace skybox::net {
namespace {

using State = ParseOutcome::State;

RequestLimits SmallLimits() {
  RequestLimits limits;
  limits.max_header_bytes = 1024;
  limits.max_url_bytes = 256;
  limits.max_body_bytes = 100;
  return limits;
}

TEST(HttpParseTest, ParsesHeadFieldsAndBody) {
  std::string raw =
      "PUT /bucket/key?versionId=1 HTTP/1.1\r\nHost: x\r\nX-Amz-Meta-A:   padded  \r\n"
      "Content-Length: 5\r\n\r\nhelloGET / HTTP/1.1\r\n\r\n";
  ParseOutcome out = ParseHttpRequest(raw, SmallLimits());
  ASSERT_EQ(out.state, State::kComplete);
  EXPECT_EQ(out.request.method, "PUT");
  EXPECT_EQ(out.request.Path(), "/bucket/key");
  EXPECT_EQ(out.request.RawQuery(), "versionId=1");
  EXPECT_EQ(out.request.version, 11);
  EXPECT_TRUE(out.request.keep_alive);
  ASSERT_EQ(out.request.headers.size(), 3u);
  EXPECT_EQ(out.request.headers[1].name, "x-amz-meta-a");
  EXPECT_EQ(out.request.headers[1].value, "padded");
  EXPECT_EQ(out.request.body, "hello");
  EXPECT_EQ(out.consumed, raw.find("GET"));  // the pipelined request is left alone
}

TEST(HttpParseTest, ByteAtATimeGivesTheSameRequest) {
  std::string raw =
      "POST /q HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
  ParseOutcome whole = ParseHttpRequest(raw, SmallLimits());
  ParseOutcome trickled = ParseHttpRequest(raw, SmallLimits(), 1);
  ASSERT_EQ(whole.state, State::kComplete);
  ASSERT_EQ(trickled.state, State::kComplete);
  EXPECT_EQ(whole.request.body, "hello world");
  EXPECT_EQ(trickled.request.body, "hello world");
  EXPECT_EQ(trickled.consumed, raw.size());
}

TEST(HttpParseTest, IncompleteHeadNeedsMore) {
  ParseOutcome out = ParseHttpRequest("GET / HTTP/1.1\r\nHost: x\r\n", SmallLimits());
  EXPECT_EQ(out.state, State::kIncomplete);
}

TEST(HttpParseTest, Http10ClosesByDefault) {
  ParseOutcome out = ParseHttpRequest("GET / HTTP/1.0\r\n\r\n", SmallLimits());
  ASSERT_EQ(out.state, State::kComplete);
  EXPECT_EQ(out.request.version, 10);
  EXPECT_FALSE(out.request.keep_alive);
}

TEST(HttpParseTest, ExpectContinueIsReported) {
  ParseOutcome out = ParseHttpRequest(
      "PUT / HTTP/1.1\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n", SmallLimits());
  EXPECT_EQ(out.state, State::kIncomplete);
  EXPECT_TRUE(out.expects_continue);
}

struct RejectCase {
  const char* name;
  std::string raw;
  Rejection rejection;
  int status;
};

class HttpParseRejectTest : public ::testing::TestWithParam<RejectCase> {};

TEST_P(HttpParseRejectTest, AnswersWithTheRightStatus) {
  const RejectCase& c = GetParam();
  for (size_t fragment : {size_t{0}, size_t{1}, size_t{7}}) {
    ParseOutcome out = ParseHttpRequest(c.raw, SmallLimits(), fragment);
    ASSERT_EQ(out.state, State::kRejected) << "fragment " << fragment;
    EXPECT_EQ(out.rejection, c.rejection) << "fragment " << fragment;
    EXPECT_EQ(DescribeRejection(out.rejection).http_status, c.status);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Limits, HttpParseRejectTest,
    ::testing::Values(
        RejectCase{"garbage", "NOT HTTP AT ALL\r\n\r\n", Rejection::kBadRequest, 400},
        RejectCase{"bad_version", "GET / HTTP/2.0\r\n\r\n", Rejection::kBadRequest, 400},
        RejectCase{"long_url_in_head", "GET /" + std::string(300, 'a') + " HTTP/1.1\r\n\r\n",
                   Rejection::kUrlTooLong, 414},
        RejectCase{"long_url_over_head", "GET /" + std::string(2000, 'a'),
                   Rejection::kUrlTooLong, 414},
        RejectCase{"big_head", "GET / HTTP/1.1\r\nX: " + std::string(2000, 'v') + "\r\n\r\n",
                   Rejection::kHeaderTooLarge, 431},
        RejectCase{"many_fields",
                   [] {
                     std::string r = "GET / HTTP/1.1\r\n";
                     for (int i = 0; i < 200; ++i) r += "X-F" + std::to_string(i) + ": v\r\n";
                     return r + "\r\n";
                   }(),
                   Rejection::kHeaderTooLarge, 431},
        RejectCase{"content_length_over_limit", "PUT / HTTP/1.1\r\nContent-Length: 101\r\n\r\n",
                   Rejection::kBodyTooLarge, 413},
        RejectCase{"chunked_over_limit",
                   "PUT / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                       std::string(80, 'x') + "\r\n50\r\n" + std::string(80, 'x') + "\r\n",
                   Rejection::kBodyTooLarge, 413},
        RejectCase{"gzip_encoding", "PUT / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                   Rejection::kUnsupportedTransferEncoding, 501},
        RejectCase{"length_and_chunked",
                   "PUT / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                   Rejection::kBadRequest, 400}),
    [](const ::testing::TestParamInfo<RejectCase>& info) { return info.param.name; });

}  // namespace
}  // namespace skybox::net
