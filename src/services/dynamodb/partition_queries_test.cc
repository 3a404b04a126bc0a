// ExecuteStatement's SELECT ... WHERE pk IN (...): one Query per partition, paged by Limit and
// NextToken across the partitions.
#include <gtest/gtest.h>

#include "services/dynamodb/handler_test_util.h"

namespace skybox::dynamodb {
namespace {

class PartitionQueriesTest : public testing::HandlerTest {
 protected:
  void SetUp() override {
    HandlerTest::SetUp();
    auto created = Run(CreateTable, {{"TableName", "music"},
                                     {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}},
                                                    {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
                                     {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}},
                                                               {{"AttributeName", "sk"}, {"AttributeType", "N"}}}},
                                     {"BillingMode", "PAY_PER_REQUEST"}});
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    // Partitions a (3 items), b (none), c (2 items) and a noisy partition a Scan would wade through.
    for (auto [pk, count] : {std::pair{"a", 3}, {"c", 2}, {"noise", 50}}) {
      for (int sk = 0; sk < count; ++sk) {
        auto put = Run(PutItem, {{"TableName", "music"}, {"Item", {{"pk", {{"S", pk}}}, {"sk", {{"N", std::to_string(sk)}}}}}});
        ASSERT_TRUE(put.ok()) << put.status().ToString();
      }
    }
  }

  // The items of every page, "pk/sk", following NextToken; `pages` gets each page's size.
  std::vector<std::string> AllPages(aws::Document input, std::vector<size_t>* pages) {
    std::vector<std::string> seen;
    for (int guard = 0; guard < 20; ++guard) {
      auto out = Run(ExecuteStatement, input);
      EXPECT_TRUE(out.ok()) << out.status().ToString();
      if (!out.ok()) break;
      pages->push_back((*out)["Items"].size());
      for (const auto& item : (*out)["Items"]) {
        seen.push_back(item["pk"]["S"].get<std::string>() + "/" + item["sk"]["N"].get<std::string>());
      }
      if (!out->contains("NextToken")) break;
      input["NextToken"] = (*out)["NextToken"];
    }
    return seen;
  }
};

TEST_F(PartitionQueriesTest, QueriesEachPartitionInOrderAndPagesAcrossThem) {
  std::vector<size_t> pages;
  auto seen = AllPages({{"Statement", "SELECT * FROM music WHERE pk IN ['c', 'b', 'a', 'c'] AND sk < 2"}, {"Limit", 2}}, &pages);
  EXPECT_EQ(seen, (std::vector<std::string>{"c/0", "c/1", "a/0", "a/1"}));
  // Limit counts the items each Query evaluates; the noisy partition is never read.
  EXPECT_EQ(pages, (std::vector<size_t>{2, 2, 0}));
  pages.clear();
  seen = AllPages({{"Statement", "SELECT * FROM music WHERE pk IN ('a', 'c')"}, {"ReturnConsumedCapacity", "TOTAL"}}, &pages);
  EXPECT_EQ(seen, (std::vector<std::string>{"a/0", "a/1", "a/2", "c/0", "c/1"}));
  EXPECT_EQ(pages, (std::vector<size_t>{5}));
}

TEST_F(PartitionQueriesTest, CapacityIsSummedAndForeignTokensAreRejected) {
  auto out = Run(ExecuteStatement, {{"Statement", "SELECT * FROM music WHERE pk IN ('a', 'c')"}, {"ReturnConsumedCapacity", "TOTAL"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // Two eventually consistent Queries of under 4 KB each: 0.5 units apiece.
  EXPECT_EQ((*out)["ConsumedCapacity"]["CapacityUnits"], 1.0);
  EXPECT_EQ((*out)["ConsumedCapacity"]["TableName"], "music");
  auto page = Run(ExecuteStatement, {{"Statement", "SELECT * FROM music WHERE pk = 'a'"}, {"Limit", 1}});
  ASSERT_TRUE(page.ok());
  auto foreign = Run(ExecuteStatement, {{"Statement", "SELECT * FROM music WHERE pk IN ('a', 'c')"},
                                        {"NextToken", (*page)["NextToken"]}});
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.status().message(), "Invalid NextToken");
}

}  // namespace
}  // namespace skybox::dynamodb
