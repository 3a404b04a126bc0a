#include "services/dynamodb/expr/expression_attributes.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::ErrorOf;
using testing::J;

std::string CreateError(const char* names, const char* values) {
  Document n = *names ? J(names) : Document();
  Document v = *values ? J(values) : Document();
  return ErrorOf(ExpressionAttributes::Create(*names ? &n : nullptr, *values ? &v : nullptr));
}

TEST(ExpressionAttributesTest, ValidatesKeysAndValues) {
  EXPECT_EQ(CreateError("{}", ""), "ExpressionAttributeNames must not be empty");
  EXPECT_EQ(CreateError("", "{}"), "ExpressionAttributeValues must not be empty");
  EXPECT_EQ(CreateError(R"({"n":"x"})", ""),
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
  EXPECT_EQ(CreateError(R"({"#a-b":"x"})", ""),
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
  EXPECT_EQ(CreateError("", R"({"v":{"S":"x"}})"),
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
  EXPECT_EQ(CreateError("", R"({":v":{"SS":[]}})"),
            "ExpressionAttributeValues contains invalid value: One or more parameter values were "
            "invalid: An string set  may not be empty for key :v");
}

TEST(ExpressionAttributesTest, NameValueLimits) {
  EXPECT_EQ(CreateError(R"({"#a":""})", ""),
            "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
  std::string long_key = "{\"#" + std::string(255, 'k') + "\":\"x\"}";
  EXPECT_EQ(CreateError(long_key.c_str(), ""),
            "ExpressionAttributeNames contains invalid key: The expression attribute map contains "
            "a key that is too long; size of key: 256");
}

TEST(ExpressionAttributesTest, UnusedKeysInJavaHashSetOrder) {
  // DynamoDB lists unused keys in java.util.HashSet order: of 16 buckets ":z" lands in 0 and
  // ":a" in 7, so ":z" comes first; "#a0" (2) before "#zz" (3).
  Document names = J(R"({"#zz":"z","#a0":"a"})");
  Document values = J(R"({":z":{"S":"x"},":a":{"S":"y"}})");
  Result<ExpressionAttributes> a = ExpressionAttributes::Create(&names, &values);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->CheckAllUsed().message(),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#a0, #zz}");
  a->ResolveName("#zz");
  a->ResolveName("#a0");
  EXPECT_EQ(a->CheckAllUsed().message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:z, :a}");
}

TEST(ExpressionAttributesTest, ResolvesAndTracksUsage) {
  Result<ExpressionAttributes> a = ExpressionAttributes::FromRequest(J(R"({
    "ExpressionAttributeNames": {"#a": "alpha", "#b": "beta"},
    "ExpressionAttributeValues": {":v": {"N": "01.50"}, ":w": {"S": "x"}}})"));
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_TRUE(a->has_names());
  EXPECT_TRUE(a->has_values());
  ASSERT_NE(a->ResolveName("#a"), nullptr);
  EXPECT_EQ(*a->ResolveName("#a"), "alpha");
  EXPECT_EQ(a->ResolveName("#zz"), nullptr);
  ASSERT_NE(a->ResolveValue(":v"), nullptr);
  EXPECT_EQ(*a->ResolveValue(":v"), J(R"({"N":"1.5"})"));  // values are canonical
  EXPECT_EQ(a->CheckAllUsed().message(),
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
  a->ResolveName("#b");
  EXPECT_EQ(a->CheckAllUsed().message(),
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
  a->ResolveValue(":w");
  EXPECT_TRUE(a->CheckAllUsed().ok());
  Result<ExpressionAttributes> none = ExpressionAttributes::FromRequest(J("{}"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_names());
  EXPECT_TRUE(none->CheckAllUsed().ok());
}

}  // namespace
}  // namespace skybox::dynamodb
