// ReturnValuesOnConditionCheckFailure: the item a failed condition saw travels with the error.
#include <gtest/gtest.h>

#include "services/dynamodb/handler_test_util.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

class ConditionFailureTest : public testing::HandlerTest {
 protected:
  void SetUp() override {
    HandlerTest::SetUp();
    CreateTableWithStringKey("things");
    auto put = Run(PutItem, {{"TableName", "things"}, {"Item", kOldItem}});
    ASSERT_TRUE(put.ok()) << put.status().ToString();
  }
  // A conditional write on pk "a" whose condition is false, with `return_values` (if any).
  static aws::Document FailingWrite(const char* member, aws::Document body, const char* return_values) {
    aws::Document in = {{"TableName", "things"}, {"ConditionExpression", "attribute_not_exists(pk)"}};
    in[member] = std::move(body);
    if (return_values) in["ReturnValuesOnConditionCheckFailure"] = return_values;
    return in;
  }

  const aws::Document kOldItem = {{"pk", {{"S", "a"}}}, {"n", {{"N", "1"}}}};
  const aws::Document kKey = {{"pk", {{"S", "a"}}}};
};

TEST_F(ConditionFailureTest, PutUpdateDeleteCarryTheOldItemOnlyWhenAskedFor) {
  for (const char* return_values : {"ALL_OLD", "NONE"}) {
    auto put = Run(PutItem, FailingWrite("Item", {{"pk", {{"S", "a"}}}}, return_values));
    aws::Document update_in = FailingWrite("Key", kKey, return_values);
    update_in["UpdateExpression"] = "SET n = :two";
    update_in["ExpressionAttributeValues"] = {{":two", {{"N", "2"}}}};
    auto update = Run(UpdateItem, update_in);
    auto del = Run(DeleteItem, FailingWrite("Key", kKey, return_values));
    for (const auto* out : {&put, &update, &del}) {
      ASSERT_FALSE(out->ok());
      EXPECT_EQ(out->status().aws_code(), "ConditionalCheckFailedException");
      auto item = ConditionFailureItem(out->status());
      if (std::string(return_values) == "ALL_OLD") {
        ASSERT_TRUE(item.has_value());
        EXPECT_EQ(*item, kOldItem);
      } else {
        EXPECT_FALSE(item.has_value());
      }
    }
  }
}

TEST_F(ConditionFailureTest, NoItemWhenTheItemDoesNotExist) {
  aws::Document in = FailingWrite("Key", {{"pk", {{"S", "missing"}}}}, "ALL_OLD");
  in["ConditionExpression"] = "attribute_exists(pk)";
  auto out = Run(DeleteItem, in);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().aws_code(), "ConditionalCheckFailedException");
  EXPECT_FALSE(ConditionFailureItem(out.status()).has_value());
}

TEST_F(ConditionFailureTest, CancellationReasonCarriesTheItemOfTheFailedEntry) {
  aws::Document check = FailingWrite("Key", kKey, "ALL_OLD");
  aws::Document put = {{"TableName", "things"}, {"Item", {{"pk", {{"S", "b"}}}}}, {"ReturnValuesOnConditionCheckFailure", "ALL_OLD"}};
  auto out = Run(TransactWriteItems, {{"TransactItems", {{{"Put", put}}, {{"ConditionCheck", check}}}}});
  ASSERT_FALSE(out.ok());
  ASSERT_EQ(out.status().aws_code(), "TransactionCanceledException");
  ASSERT_EQ(out.status().details().size(), 1u);
  aws::Document reasons = aws::Document::parse(out.status().details().front().second);
  EXPECT_EQ(reasons[0], aws::Document({{"Code", "None"}}));
  EXPECT_EQ(reasons[1]["Code"], "ConditionalCheckFailed");
  EXPECT_EQ(reasons[1]["Item"], kOldItem);
}

}  // namespace
}  // namespace skybox::dynamodb
