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
      "POST /q HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
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

TEST(HttpParseTest, HostIsOptionalOnlyForHttp10) {
  EXPECT_EQ(ParseHttpRequest("GET / HTTP/1.0\r\n\r\n", SmallLimits()).state, State::kComplete);
  EXPECT_EQ(ParseHttpRequest("GET / HTTP/1.1\r\nHost:\r\n\r\n", SmallLimits()).state,
            State::kComplete);
}

TEST(HttpParseTest, ObsoleteFoldIsRejectedWhereverTheReadsSplitTheHead) {
  // Beast delivers the fields it can before the head is complete, so the folded field may be
  // parsed in an earlier read than the end of the head.
  std::string raw = "GET / HTTP/1.1\r\nX-A: one\r\n two\r\nHost: x\r\nX-B: " +
                    std::string(40, 'b') + "\r\n\r\n";
  for (size_t fragment = 1; fragment <= raw.size(); ++fragment) {
    ParseOutcome out = ParseHttpRequest(raw, SmallLimits(), fragment);
    ASSERT_EQ(out.state, State::kRejected) << "fragment " << fragment;
    EXPECT_EQ(out.rejection, Rejection::kBadRequest) << "fragment " << fragment;
  }
}

TEST(HttpParseTest, ExpectContinueIsReported) {
  ParseOutcome out = ParseHttpRequest(
      "PUT / HTTP/1.1\r\nHost: x\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n",
      SmallLimits());
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
                   "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" +
                       std::string(80, 'x') + "\r\n50\r\n" + std::string(80, 'x') + "\r\n",
                   Rejection::kBodyTooLarge, 413},
        RejectCase{"gzip_encoding", "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
                   Rejection::kUnsupportedTransferEncoding, 501},
        RejectCase{"length_and_chunked",
                   "PUT / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                   Rejection::kBadRequest, 400},
        RejectCase{"http11_without_host", "GET / HTTP/1.1\r\nX: y\r\n\r\n",
                   Rejection::kMissingHost, 400},
        RejectCase{"two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
                   Rejection::kMissingHost, 400},
        RejectCase{"obs_fold", "GET / HTTP/1.1\r\nHost: x\r\nX-A: one\r\n two\r\n\r\n",
                   Rejection::kBadRequest, 400},
        RejectCase{"obs_fold_tab_after_empty_value",
                   "GET / HTTP/1.1\r\nX-A:\r\n\ttwo\r\nHost: x\r\n\r\n",
                   Rejection::kBadRequest, 400},
        // 1-byte chunks framed by 1000-byte extensions never reach the body limit.
        RejectCase{"chunk_framing_flood",
                   [] {
                     std::string r =
                         "PUT / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
                     std::string chunk = "1;e=" + std::string(1000, 'e') + "\r\nx\r\n";
                     for (int i = 0; i < 80; ++i) r += chunk;
                     return r;
                   }(),
                   Rejection::kBadRequest, 400}),
    [](const ::testing::TestParamInfo<RejectCase>& info) { return info.param.name; });

}  // namespace
}  // namespace skybox::net
