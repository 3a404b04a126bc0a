// BatchGetItem's 16 MB response limit (UnprocessedKeys) and BatchWriteItem's request limits.
#include <string>

#include <gtest/gtest.h>

#include "services/dynamodb/expr/attribute_value.h"
#include "services/dynamodb/handler_test_util.h"

namespace skybox::dynamodb {
namespace {

class BatchLimitsTest : public testing::HandlerTest {
 protected:
  static aws::Document Key(int i) { return {{"pk", {{"S", "k" + std::to_string(100 + i)}}}}; }
  // An item of exactly `bytes` bytes as DynamoDB sizes items ("pk" + "k1xx" + "data" + payload).
  static aws::Document ItemOfSize(int i, size_t bytes) {
    aws::Document item = Key(i);
    item["data"] = {{"S", std::string(bytes - 2 - 4 - 4, 'x')}};
    return item;
  }
  void PutItems(int count, size_t bytes) {
    for (int i = 0; i < count; ++i) {
      auto out = Run(PutItem, {{"TableName", "big"}, {"Item", ItemOfSize(i, bytes)}});
      ASSERT_TRUE(out.ok()) << out.status().ToString();
    }
  }
  static aws::Document WriteBatch(std::initializer_list<std::pair<std::string, aws::Document>> tables) {
    aws::Document request_items = aws::Document::object();
    for (const auto& [name, requests] : tables) request_items[name] = requests;
    return {{"RequestItems", std::move(request_items)}};
  }
};

TEST_F(BatchLimitsTest, ItemsPastSixteenMegabytesComeBackAsUnprocessedKeys) {
  CreateTableWithStringKey("big");
  PutItems(100, 300 * 1024);
  ASSERT_EQ(ItemSize(ItemOfSize(0, 300 * 1024)), 300u * 1024);
  aws::Document keys = aws::Document::array();
  for (int i = 0; i < 100; ++i) keys.push_back(Key(i));
  aws::Document request = {{"Keys", keys}, {"ProjectionExpression", "#p, #d"},
                           {"ExpressionAttributeNames", {{"#p", "pk"}, {"#d", "data"}}}, {"ConsistentRead", true}};
  auto out = Run(BatchGetItem, {{"RequestItems", {{"big", request}}}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  // AWS's documented example: 100 items of 300 KB return 52.
  EXPECT_EQ((*out)["Responses"]["big"].size(), 52u);
  const aws::Document& unprocessed = (*out)["UnprocessedKeys"]["big"];
  ASSERT_EQ(unprocessed["Keys"].size(), 48u);
  EXPECT_EQ(unprocessed["Keys"][0], Key(52));
  EXPECT_EQ(unprocessed["ProjectionExpression"], "#p, #d");
  EXPECT_EQ(unprocessed["ExpressionAttributeNames"], request["ExpressionAttributeNames"]);
  EXPECT_EQ(unprocessed["ConsistentRead"], true);

  auto rest = Run(BatchGetItem, {{"RequestItems", (*out)["UnprocessedKeys"]}});
  ASSERT_TRUE(rest.ok()) << rest.status().ToString();
  EXPECT_EQ((*rest)["Responses"]["big"].size(), 48u);
  EXPECT_EQ((*rest)["UnprocessedKeys"], aws::Document::object());
}

TEST_F(BatchLimitsTest, BatchWriteItemRejectsWhatAwsRejects) {
  CreateTableWithStringKey("big");
  CreateTableWithStringKey("other");
  auto puts = [](int from, int count) {
    aws::Document requests = aws::Document::array();
    for (int i = from; i < from + count; ++i) requests.push_back({{"PutRequest", {{"Item", Key(i)}}}});
    return requests;
  };
  struct Case {
    aws::Document input;
    std::string message;
  };
  const Case cases[] = {
      {WriteBatch({{"big", puts(0, 20)}, {"other", puts(0, 6)}}), "Too many items requested for the BatchWriteItem call"},
      {WriteBatch({{"big", {{{"PutRequest", {{"Item", ItemOfSize(0, kMaxItemSize + 1)}}}}}}}),
       "Item size has exceeded the maximum allowed size"},
      {WriteBatch({{"big", {{{"PutRequest", {{"Item", Key(1)}}}}, {{"DeleteRequest", {{"Key", Key(1)}}}}}}}),
       "Provided list of item keys contains duplicates"},
      {WriteBatch({{"big", {{{"DeleteRequest", {{"Key", {{"pk", {{"S", std::string(2049, 'k')}}}}}}}}}}}),
       "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of 2048 bytes"},
      {WriteBatch({{"missing", puts(0, 1)}}), "Requested resource not found"},
  };
  for (const Case& c : cases) {
    auto out = Run(BatchWriteItem, c.input);
    ASSERT_FALSE(out.ok()) << c.message;
    EXPECT_EQ(out.status().message(), c.message);
  }
  // Nothing of a rejected batch was written; 25 requests over two tables are fine.
  auto out = Run(BatchWriteItem, WriteBatch({{"big", puts(0, 20)}, {"other", puts(0, 5)}}));
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["UnprocessedItems"], aws::Document::object());
}

}  // namespace
}  // namespace skybox::dynamodb
