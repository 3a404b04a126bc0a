#include "net/query_string.h"

#include <gtest/gtest.h>

#include "net/http_message.h"

namespace skybox::net {
namespace {

std::vector<std::pair<std::string, std::string>> Pairs(const std::vector<QueryParam>& params) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const QueryParam& p : params) out.emplace_back(p.name, p.value);
  return out;
}

TEST(QueryStringTest, SplitsDecodesAndKeepsOrder) {
  using P = std::vector<std::pair<std::string, std::string>>;
  EXPECT_EQ(Pairs(ParseQueryString("b=2&a=%2F&&c&d=&e=x=y", PlusSign::kLiteral)),
            (P{{"b", "2"}, {"a", "/"}, {"c", ""}, {"d", ""}, {"e", "x=y"}}));
  EXPECT_TRUE(ParseQueryString("", PlusSign::kLiteral).empty());
  EXPECT_TRUE(ParseQueryString("&&", PlusSign::kSpace).empty());
}

TEST(QueryStringTest, PlusIsLiteralOrSpace) {
  EXPECT_EQ(ParseQueryString("prefix=a+b%2B", PlusSign::kLiteral)[0].value, "a+b+");
  EXPECT_EQ(ParseQueryString("prefix=a+b%2B", PlusSign::kSpace)[0].value, "a b+");
}

TEST(QueryStringTest, FindsTheFirstParameterOfAName) {
  auto params = ParseQueryString("a=1&a=2&b", PlusSign::kLiteral);
  EXPECT_EQ(FindQueryParam(params, "a"), "1");
  EXPECT_EQ(FindQueryParam(params, "b"), "");
  EXPECT_EQ(FindQueryParam(params, "c"), std::nullopt);
}

TEST(QueryStringTest, RequestParsesOncePerReadingAndFollowsTheTarget) {
  HttpRequest request;
  request.target = "/bucket?prefix=a+b&max-keys=2";
  const std::vector<QueryParam>& literal = request.QueryParams(PlusSign::kLiteral);
  EXPECT_EQ(literal[0].value, "a+b");
  EXPECT_EQ(&request.QueryParams(PlusSign::kLiteral), &literal);  // kept, not parsed again
  EXPECT_EQ(request.QueryParams(PlusSign::kSpace)[0].value, "a b");
  EXPECT_EQ(request.QueryParams(PlusSign::kLiteral)[0].value, "a+b");

  // A rewritten target (virtual-host addressing prepends the bucket) keeps the query; a new
  // query is parsed afresh.
  request.target = "/other/bucket?prefix=a+b&max-keys=2";
  EXPECT_EQ(request.QueryParams(PlusSign::kSpace)[1].value, "2");
  request.target = "/bucket?list-type=2";
  EXPECT_EQ(Pairs(request.QueryParams(PlusSign::kSpace)),
            (std::vector<std::pair<std::string, std::string>>{{"list-type", "2"}}));
  EXPECT_EQ(request.QueryParams(PlusSign::kLiteral).size(), 1u);
  request.target = "/bucket";
  EXPECT_TRUE(request.QueryParams(PlusSign::kLiteral).empty());
}

}  // namespace
}  // namespace skybox::net
