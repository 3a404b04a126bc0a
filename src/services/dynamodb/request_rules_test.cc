// Request rules every item operation shares: how a request's table is resolved (Backend::RequireTable)
// and which legacy/expression parameter combinations AWS accepts (request_expressions.h).
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "services/dynamodb/handler_test_util.h"
#include "services/dynamodb/request_expressions.h"

namespace skybox::dynamodb {
namespace {

class RequestTableTest : public testing::HandlerTest {
 protected:
  void SetUp() override {
    HandlerTest::SetUp();
    CreateTableWithStringKey("things");
  }
  const aws::Document kKey = {{"pk", {{"S", "a"}}}};
};

TEST_F(RequestTableTest, NamesAwsCouldNotHaveCreatedAreValidationErrors) {
  const std::string kShort =
      "1 validation error detected: Value 'xx' at 'tableName' failed to satisfy constraint: Member must have "
      "length greater than or equal to 3";
  const std::vector<std::pair<testing::Handler, aws::Document>> requests = {
      {PutItem, {{"TableName", "xx"}, {"Item", kKey}}},
      {GetItem, {{"TableName", "xx"}, {"Key", kKey}}},
      {DeleteItem, {{"TableName", "xx"}, {"Key", kKey}}},
      {UpdateItem, {{"TableName", "xx"}, {"Key", kKey}, {"UpdateExpression", "REMOVE a"}}},
      {Scan, {{"TableName", "xx"}}}};
  for (const auto& [handler, input] : requests) {
    auto out = Run(handler, input);
    ASSERT_FALSE(out.ok()) << input.dump();
    EXPECT_EQ(out.status().aws_code(), "ValidationException");
    EXPECT_EQ(out.status().message(), kShort);
  }
  auto bad_chars = Run(GetItem, {{"TableName", "non!existent!table"}, {"Key", kKey}});
  ASSERT_FALSE(bad_chars.ok());
  EXPECT_EQ(bad_chars.status().message(),
            "1 validation error detected: Value 'non!existent!table' at 'tableName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  auto batch = Run(BatchGetItem, {{"RequestItems", {{"x!y", {{"Keys", {kKey}}}}}}});
  ASSERT_FALSE(batch.ok());
  EXPECT_EQ(batch.status().aws_code(), "ValidationException");
}

TEST_F(RequestTableTest, WellFormedNamesAndArnsResolve) {
  auto missing = Run(GetItem, {{"TableName", "missing"}, {"Key", kKey}});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().aws_code(), "ResourceNotFoundException");
  EXPECT_TRUE(Run(GetItem, {{"TableName", "things"}, {"Key", kKey}}).ok());
  auto by_arn = Run(GetItem, {{"TableName", "arn:aws:dynamodb:us-east-1:000000000000:table/things"}, {"Key", kKey}});
  EXPECT_TRUE(by_arn.ok()) << by_arn.status().ToString();
}

std::string MixError(const aws::Document& in) {
  Status s = CheckNoMixedParameters(in);
  return s.ok() ? "" : s.message();
}

TEST(RequestParametersTest, KeyConditionsMixOnlyWithoutKeyConditionExpression) {
  aws::Document conditions = {{"p", {{"ComparisonOperator", "EQ"}}}};
  EXPECT_EQ(MixError({{"KeyConditions", conditions}, {"ProjectionExpression", "a"}}), "");
  EXPECT_EQ(MixError({{"KeyConditions", conditions}, {"FilterExpression", "a = :a"}}), "");
  EXPECT_EQ(MixError({{"KeyConditions", conditions}, {"KeyConditionExpression", "p = :p"}}),
            "Can not use both expression and non-expression parameters in the same request: Non-expression "
            "parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
  EXPECT_EQ(MixError({{"AttributesToGet", {"a"}}, {"ProjectionExpression", "a"}}),
            "Can not use both expression and non-expression parameters in the same request: Non-expression "
            "parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
}

TEST(RequestParametersTest, ConditionalOperatorJoinsAtLeastTwoConditions) {
  const std::string kWithout = "ConditionalOperator cannot be used without Filter or Expected";
  const std::string kTooFew = "ConditionalOperator can only be used when Filter or Expected has two or more elements";
  aws::Document one = {{"a", {{"Exists", false}}}};
  aws::Document two = {{"a", {{"Exists", false}}}, {"b", {{"Exists", false}}}};
  EXPECT_EQ(MixError({{"ConditionalOperator", "OR"}}), kWithout);
  EXPECT_EQ(MixError({{"ConditionalOperator", "AND"}, {"Expected", aws::Document::object()}}), kTooFew);
  EXPECT_EQ(MixError({{"ConditionalOperator", "OR"}, {"Expected", one}}), kTooFew);
  EXPECT_EQ(MixError({{"ConditionalOperator", "OR"}, {"ScanFilter", one}}), kTooFew);
  EXPECT_EQ(MixError({{"ConditionalOperator", "OR"}, {"QueryFilter", two}}), "");
  EXPECT_EQ(MixError({{"ConditionalOperator", "OR"}, {"Expected", two}}), "");
  EXPECT_EQ(MixError({{"Expected", one}}), "");
}

}  // namespace
}  // namespace skybox::dynamodb
