#include "aws/protocol/validation.h"

#include <gtest/gtest.h>

#include "aws/protocol/test_util.h"

namespace skybox::aws {
namespace {

const Shape& Input(const char* service, const char* op) {
  return *testing::Model(service).FindOperation(op)->input;
}

TEST(ValidationTest, MissingRequiredMember) {
  auto v = FindViolations(Input("dynamodb", "PutItem"), Document{{"Item", Document::object()}}, {});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(ValidationMessage(v),
            "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: "
            "Member must not be null");
}

TEST(ValidationTest, SeveralErrorsAreJoined) {
  auto v = FindViolations(Input("dynamodb", "PutItem"), Document::object(), {});
  ASSERT_EQ(v.size(), 2u);
  // Violations are reported in the model's member order (TableName before Item).
  EXPECT_EQ(ValidationMessage(v).rfind("2 validation errors detected: Value null at 'tableName'", 0), 0u)
      << ValidationMessage(v);
  EXPECT_NE(ValidationMessage(v).find("; Value null at 'item'"), std::string::npos);
}

TEST(ValidationTest, LengthRangeAndEnum) {
  Document in = {{"TableName", ""},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "X"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}}};
  auto v = FindViolations(Input("dynamodb", "CreateTable"), in, {});
  ASSERT_EQ(v.size(), 2u) << ValidationMessage(v);
  EXPECT_EQ(v[0],
            "Value 'X' at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [S, N, B]");
  EXPECT_EQ(v[1],
            "Value '' at 'tableName' failed to satisfy constraint: Member must have length "
            "greater than or equal to 1");
  EXPECT_TRUE(FindViolations(Input("dynamodb", "CreateTable"), in, {.check_enums = false}).size() == 1);

  Document query = {{"TableName", "t"}, {"Limit", 0}};
  auto r = FindViolations(Input("dynamodb", "Query"), query, {});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0], "Value '0' at 'limit' failed to satisfy constraint: Member must have value "
                  "greater than or equal to 1");
}

TEST(ValidationTest, NestedPathsNameListPositionsAndMapKeys) {
  Document gsi = {{"IndexName", "by_sk"},
                  {"KeySchema", {{{"AttributeName", "sk"}, {"KeyType", "HASH"}}, {{"AttributeName", "pk"}, {"KeyType", "Z"}}}},
                  {"Projection", {{"ProjectionType", "ALL"}}}};
  Document in = {{"TableName", "t"},
                 {"AttributeDefinitions", {{{"AttributeName", "pk"}, {"AttributeType", "S"}}}},
                 {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                 {"GlobalSecondaryIndexes", {gsi}}};
  auto v = FindViolations(Input("dynamodb", "CreateTable"), in, {});
  ASSERT_EQ(v.size(), 1u) << ValidationMessage(v);
  EXPECT_EQ(v[0],
            "Value 'Z' at 'globalSecondaryIndexes.1.member.keySchema.2.member.keyType' failed to satisfy "
            "constraint: Member must satisfy enum value set: [HASH, RANGE]");

  Document get = {{"RequestItems", {{"tbl", {{"Keys", Document::array()}}}}}};
  auto g = FindViolations(Input("dynamodb", "BatchGetItem"), get, {});
  ASSERT_EQ(g.size(), 1u) << ValidationMessage(g);
  EXPECT_EQ(g[0], "Value '[]' at 'requestItems.tbl.member.keys' failed to satisfy constraint: Member must have "
                  "length greater than or equal to 1");
  // A member the model does not have is not this checker's business; an unknown nested one neither.
  EXPECT_TRUE(FindViolations(Input("dynamodb", "PutItem"), Document{{"TableName", "t"}, {"Item", Document::object()}, {"Bogus", 1}}, {}).empty());
}

TEST(ValidationTest, ValidInputHasNoViolations) {
  Document in = {{"TableName", "t"}, {"Item", {{"pk", {{"S", "a"}}}}}};
  EXPECT_TRUE(FindViolations(Input("dynamodb", "PutItem"), in, {}).empty());
}

}  // namespace
}  // namespace skybox::aws
