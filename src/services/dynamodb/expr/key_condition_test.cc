#include "services/dynamodb/expr/key_condition.h"

#include <gtest/gtest.h>

#include "services/dynamodb/expr/condition.h"
#include "services/dynamodb/expr/test_util.h"

namespace skybox::dynamodb {
namespace {

using testing::Attrs;
using testing::ErrorOf;
using testing::J;
using Op = SortKeyCondition::Op;

const char kValues[] = R"({":p":{"S":"pk1"},":a":{"N":"1"},":b":{"N":"5"},":s":{"S":"pre"}})";

Result<KeyCondition> Parse(const char* expression) {
  ExpressionAttributes attrs = Attrs(R"({"#pk":"pk","#sk":"sk"})", kValues);
  return ParseKeyCondition(expression, attrs);
}

KeyCondition ForSchema(const char* expression) {
  Result<KeyCondition> k = Parse(expression);
  EXPECT_TRUE(k.ok()) << k.status().ToString();
  if (!k.ok()) return {};
  Result<KeyCondition> checked = CheckKeySchema(*k, "pk", "sk");
  EXPECT_TRUE(checked.ok()) << checked.status().ToString();
  return checked.ok() ? *checked : KeyCondition{};
}

TEST(KeyConditionTest, PartitionAndSortForms) {
  KeyCondition k = ForSchema("#pk = :p");
  EXPECT_EQ(k.partition_key, "pk");
  EXPECT_EQ(k.partition_value, J(R"({"S":"pk1"})"));
  EXPECT_FALSE(k.sort_key);

  k = ForSchema("#pk = :p AND #sk >= :a");
  ASSERT_TRUE(k.sort_key);
  EXPECT_EQ(k.sort_key->attribute, "sk");
  EXPECT_EQ(k.sort_key->op, Op::kGe);

  k = ForSchema(":a > sk AND pk = :p");  // value first flips the operator; order is free
  EXPECT_EQ(k.partition_key, "pk");
  EXPECT_EQ(k.sort_key->op, Op::kLt);

  k = ForSchema("(pk = :p) AND (sk BETWEEN :a AND :b)");
  EXPECT_EQ(k.sort_key->op, Op::kBetween);
  EXPECT_EQ(k.sort_key->upper, J(R"({"N":"5"})"));

  k = ForSchema("((pk = :p)) AND ((sk = :a))");  // doubled parentheses around parts are fine
  EXPECT_EQ(k.sort_key->op, Op::kEq);

  k = ForSchema("pk = :p and begins_with(sk, :s)");
  EXPECT_EQ(k.sort_key->op, Op::kBeginsWith);

  k = ForSchema("sk = :a AND pk = :p");  // two equalities: the schema decides the roles
  EXPECT_EQ(k.partition_key, "pk");
  EXPECT_EQ(k.sort_key->attribute, "sk");
}

TEST(KeyConditionTest, ExpressionErrors) {
  EXPECT_EQ(ErrorOf(Parse("pk = :p OR sk = :a")),
            "Invalid operator used in KeyConditionExpression: OR");
  EXPECT_EQ(ErrorOf(Parse("pk = :p AND NOT sk = :a")),
            "Invalid operator used in KeyConditionExpression: NOT");
  EXPECT_EQ(ErrorOf(Parse("pk IN (:p)")), "Invalid operator used in KeyConditionExpression: IN");
  EXPECT_EQ(ErrorOf(Parse("pk <> :p")), "Invalid operator used in KeyConditionExpression: <>");
  EXPECT_EQ(ErrorOf(Parse("attribute_exists(pk)")),
            "Invalid operator used in KeyConditionExpression: attribute_exists");
  EXPECT_EQ(ErrorOf(Parse("size(pk) = :a")),
            "KeyConditionExpressions cannot contain nested operations");
  EXPECT_EQ(ErrorOf(Parse("pk.x = :p")),
            "KeyConditionExpressions cannot have conditions on nested attributes");
  EXPECT_EQ(ErrorOf(Parse("pk = sk")),
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
            "condition");
  EXPECT_EQ(ErrorOf(Parse(":p = :a")),
            "Invalid condition in KeyConditionExpression: No key attribute specified");
  EXPECT_EQ(ErrorOf(Parse("pk = :p AND pk = :p")),
            "KeyConditionExpressions must only contain one condition per key");
  EXPECT_EQ(ErrorOf(Parse("pk = :p AND sk BETWEEN :b AND :a")),
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, "
            "upper bound operand: AttributeValue: {N:1}");
  EXPECT_EQ(ErrorOf(Parse("((pk = :p))")),
            "Invalid KeyConditionExpression: The expression has redundant parentheses;");
  EXPECT_EQ(ErrorOf(Parse("pk = ")),
            "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
}

TEST(KeyConditionTest, SchemaErrors) {
  auto check = [](const char* expression, std::optional<std::string_view> sort,
                  std::optional<AttributeType> pk_type = std::nullopt) {
    Result<KeyCondition> k = Parse(expression);
    EXPECT_TRUE(k.ok()) << k.status().ToString();
    return ErrorOf(CheckKeySchema(*k, "pk", sort, pk_type));
  };
  EXPECT_EQ(check("sk = :a", "sk"), "Query condition missed key schema element: pk");
  EXPECT_EQ(check("attr1 = :p", "sk"), "Query condition missed key schema element: pk");
  EXPECT_EQ(check("pk > :p", "sk"), "Query key condition not supported");
  EXPECT_EQ(check("pk = :p AND extra = :a", "sk"),
            "Query condition missed key schema element: sk");
  EXPECT_EQ(check("pk = :p AND extra = :a", std::nullopt), "Query key condition not supported");
  EXPECT_EQ(check("pk = :a", "sk", AttributeType::kS),
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
}

TEST(KeyConditionTest, EmptyKeyValuesAndFilterOnKeys) {
  ExpressionAttributes attrs = Attrs("", R"({":e":{"S":""}})");
  Result<KeyCondition> k = ParseKeyCondition("pk = :e", attrs);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(ErrorOf(CheckKeySchema(*k, "pk", std::nullopt)),
            "One or more parameter values are not valid. The AttributeValue for a key attribute "
            "cannot contain an empty string value. Key: pk");
  ExpressionAttributes filter_attrs = Attrs("", R"({":v":{"S":"x"}})");
  Result<Condition> filter =
      ParseCondition("attr1 = :v OR size(sk) > :v", ExpressionKind::kFilter, filter_attrs);
  ASSERT_TRUE(filter.ok()) << filter.status().ToString();
  EXPECT_EQ(CheckFilterAvoidsKeys(*filter, "pk", "sk").message(),
            "Filter Expression can only contain non-primary key attributes: Primary key "
            "attribute: sk");
  EXPECT_TRUE(CheckFilterAvoidsKeys(*filter, "pk", std::nullopt).ok());
}

TEST(KeyConditionTest, SortKeyMatches) {
  SortKeyCondition between{"sk", Op::kBetween, J(R"({"N":"1"})"), J(R"({"N":"5"})")};
  EXPECT_TRUE(SortKeyMatches(between, J(R"({"N":"1"})")));
  EXPECT_TRUE(SortKeyMatches(between, J(R"({"N":"5.0"})")));
  EXPECT_FALSE(SortKeyMatches(between, J(R"({"N":"5.01"})")));
  SortKeyCondition prefix{"sk", Op::kBeginsWith, J(R"({"S":"ab"})"), Document()};
  EXPECT_TRUE(SortKeyMatches(prefix, J(R"({"S":"abc"})")));
  EXPECT_FALSE(SortKeyMatches(prefix, J(R"({"S":"a"})")));
  SortKeyCondition lt{"sk", Op::kLt, J(R"({"S":"m"})"), Document()};
  EXPECT_TRUE(SortKeyMatches(lt, J(R"({"S":"a"})")));
  EXPECT_FALSE(SortKeyMatches(lt, J(R"({"N":"1"})")));
}

TEST(KeyConditionTest, Legacy) {
  Result<KeyCondition> k = KeyConditionFromLegacy(J(R"({
    "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "x"}]},
    "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "1"}, {"N": "2"}]}})"));
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  Result<KeyCondition> checked = CheckKeySchema(*k, "pk", "sk");
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->sort_key->op, Op::kBetween);
  EXPECT_EQ(ErrorOf(KeyConditionFromLegacy(J(R"({
    "pk": {"ComparisonOperator": "NE", "AttributeValueList": [{"S": "x"}]}})"))),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(ErrorOf(KeyConditionFromLegacy(J(R"({
    "pk": {"ComparisonOperator": "EQ", "AttributeValueList": []}})"))),
            "One or more parameter values were invalid: Invalid number of argument(s) for the EQ "
            "ComparisonOperator");
}

}  // namespace
}  // namespace skybox::dynamodb
