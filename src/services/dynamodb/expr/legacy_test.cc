#include "services/dynamodb/expr/legacy.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/test_util.h"
#include "services/dynamodb/expr/update.h"

namespace skybox::dynamodb {
namespace {

using testing::ErrorOf;
using testing::J;

const char kItem[] = R"({"a":{"N":"5"},"s":{"S":"hello"},"t":{"SS":["x","y"]}})";

bool Expected(const char* expected, const char* op = "AND") {
  Result<Condition> c = ConditionFromExpected(J(expected), op);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() && EvaluateCondition(*c, J(kItem)).value();
}

bool Filter(const char* filter, const char* op = "AND") {
  Result<Condition> c = ConditionFromFilter(J(filter), op);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return c.ok() && EvaluateCondition(*c, J(kItem)).value();
}

TEST(LegacyTest, ExpectedValueAndExists) {
  EXPECT_TRUE(Expected(R"({"a":{"Value":{"N":"5.0"}}})"));
  EXPECT_FALSE(Expected(R"({"a":{"Value":{"N":"6"}}})"));
  EXPECT_TRUE(Expected(R"({"zz":{"Exists":false}})"));
  EXPECT_FALSE(Expected(R"({"a":{"Exists":false}})"));
  EXPECT_TRUE(Expected(R"({"a":{"Exists":true,"Value":{"N":"5"}}})"));
  EXPECT_TRUE(Expected("{}"));
  EXPECT_TRUE(Expected(R"({"a":{"Value":{"N":"6"}},"s":{"Exists":true,"Value":{"S":"hello"}}})",
                       "OR"));
  EXPECT_FALSE(Expected(R"({"a":{"Value":{"N":"6"}},"s":{"Exists":true,"Value":{"S":"hello"}}})"));
}

TEST(LegacyTest, ExpectedErrors) {
  EXPECT_EQ(ErrorOf(ConditionFromExpected(J(R"({"a":{"Exists":true}})"))),
            "One or more parameter values were invalid: Value must be provided when Exists is "
            "true for Attribute: a");
  EXPECT_EQ(ErrorOf(ConditionFromExpected(J(R"({"a":{}})"))),
            "One or more parameter values were invalid: Value must be provided when Exists is "
            "null for Attribute: a");
  EXPECT_EQ(ErrorOf(ConditionFromExpected(J(R"({"a":{"Exists":false,"Value":{"N":"1"}}})"))),
            "One or more parameter values were invalid: Value cannot be used when Exists is false "
            "for Attribute: a");
  EXPECT_EQ(ErrorOf(ConditionFromExpected(
                J(R"({"a":{"ComparisonOperator":"EQ","Exists":true,"Value":{"N":"1"}}})"))),
            "One or more parameter values were invalid: Exists and ComparisonOperator cannot be "
            "used together for Attribute: a");
  EXPECT_EQ(ErrorOf(ConditionFromExpected(J(R"({"a":{"ComparisonOperator":"GT"}})"))),
            "One or more parameter values were invalid: Value or AttributeValueList must be used "
            "with ComparisonOperator: GT for Attribute: a");
  EXPECT_EQ(ErrorOf(ConditionFromExpected(
                J(R"({"a":{"ComparisonOperator":"BETWEEN","AttributeValueList":[{"N":"1"}]}})"))),
            "One or more parameter values were invalid: Invalid number of argument(s) for the "
            "BETWEEN ComparisonOperator");
}

TEST(LegacyTest, FilterOperators) {
  EXPECT_TRUE(Filter(R"({"a":{"ComparisonOperator":"GT","AttributeValueList":[{"N":"4"}]}})"));
  EXPECT_TRUE(Filter(R"({"a":{"ComparisonOperator":"BETWEEN",
                               "AttributeValueList":[{"N":"1"},{"N":"5"}]}})"));
  EXPECT_TRUE(Filter(R"({"a":{"ComparisonOperator":"IN",
                               "AttributeValueList":[{"N":"1"},{"N":"5"}]}})"));
  EXPECT_TRUE(Filter(R"({"s":{"ComparisonOperator":"BEGINS_WITH",
                               "AttributeValueList":[{"S":"he"}]}})"));
  EXPECT_TRUE(Filter(R"({"t":{"ComparisonOperator":"CONTAINS","AttributeValueList":[{"S":"x"}]}})"));
  EXPECT_TRUE(Filter(R"({"t":{"ComparisonOperator":"NOT_CONTAINS",
                               "AttributeValueList":[{"S":"q"}]}})"));
  EXPECT_FALSE(Filter(R"({"zz":{"ComparisonOperator":"NOT_CONTAINS",
                                "AttributeValueList":[{"S":"q"}]}})"));
  EXPECT_TRUE(Filter(R"({"zz":{"ComparisonOperator":"NULL"}})"));
  EXPECT_TRUE(Filter(R"({"a":{"ComparisonOperator":"NOT_NULL"}})"));
  EXPECT_TRUE(Filter(R"({"a":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"4"}]}})"));
  EXPECT_EQ(ErrorOf(ConditionFromFilter(
                J(R"({"a":{"ComparisonOperator":"LT","AttributeValueList":[{"SS":["x"]}]}})"))),
            "One or more parameter values were invalid: ComparisonOperator LT is not valid for SS "
            "AttributeValue type");
  EXPECT_EQ(ErrorOf(ConditionFromFilter(J(R"({"a":{"ComparisonOperator":"BETWEEN",
                                "AttributeValueList":[{"N":"5"},{"N":"1"}]}})"))),
            "The BETWEEN condition was provided a range where the lower bound is greater than the "
            "upper bound");
  EXPECT_EQ(ErrorOf(ConditionFromFilter(J(R"({"a":{"ComparisonOperator":"IN",
                                "AttributeValueList":[{"N":"5"},{"S":"1"}]}})"))),
            "One or more parameter values were invalid: AttributeValues inside AttributeValueList "
            "must be of same type");
}

TEST(LegacyTest, AttributeUpdates) {
  Result<Update> u = UpdateFromAttributeUpdates(J(R"({
    "a": {"Action": "ADD", "Value": {"N": "1"}},
    "s": {"Action": "DELETE"},
    "t": {"Action": "DELETE", "Value": {"SS": ["x"]}},
    "n": {"Value": {"S": "new"}},
    "l": {"Action": "ADD", "Value": {"L": [{"S": "e"}]}}})"));
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  Result<Document> d = ApplyUpdate(*u, J(kItem));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(*d, J(R"({"a":{"N":"6"},"t":{"SS":["y"]},"n":{"S":"new"},"l":{"L":[{"S":"e"}]}})"));
  EXPECT_EQ(ErrorOf(UpdateFromAttributeUpdates(J(R"({"a":{"Action":"PUT"}})"))),
            "One or more parameter values were invalid: Only DELETE action is allowed when no "
            "attribute value is specified");
}

}  // namespace
}  // namespace skybox::dynamodb
