#include "services/dynamodb/partiql/translate.h"

#include <gtest/gtest.h>

#include "services/dynamodb/partiql/parser.h"

namespace skybox::dynamodb::partiql {
namespace {

NativeRequest Translated(const char* text, const KeyNames& keys, bool point_read = false) {
  auto s = ParseStatement(text, nullptr);
  EXPECT_TRUE(s.ok()) << text << ": " << s.status().message();
  auto native = Translate(*s, keys, point_read);
  EXPECT_TRUE(native.ok()) << text << ": " << native.status().message();
  return native.ok() ? *native : NativeRequest{};
}

const KeyNames kHashOnly{"pk", std::nullopt};
const KeyNames kComposite{"pk", "sk"};

TEST(PartiqlTranslate, SelectBecomesQueryOrScan) {
  struct Case {
    const char* text;
    const KeyNames& keys;
    const char* operation;
    const char* key_condition;
    const char* filter;
  };
  const Case cases[] = {
      {"SELECT * FROM t", kHashOnly, "Scan", nullptr, nullptr},
      {"SELECT * FROM t WHERE a = 1", kHashOnly, "Scan", nullptr, "#n0 = :v0"},
      {"SELECT * FROM t WHERE pk = 'k'", kHashOnly, "Query", "#n0 = :v0", nullptr},
      {"SELECT * FROM t WHERE 'k' = pk AND a > 1", kHashOnly, "Query", "#n0 = :v0", "(#n1 > :v1)"},
      {"SELECT * FROM t WHERE pk = 'k' AND sk BETWEEN 1 AND 3", kComposite, "Query",
       "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2", nullptr},
      {"SELECT * FROM t WHERE pk = 'k' AND begins_with(sk, 'a') AND x IS MISSING", kComposite, "Query",
       "#n0 = :v0 AND begins_with(#n1, :v1)", "(attribute_not_exists(#n2))"},
      {"SELECT * FROM t WHERE pk = 'k' OR pk = 'j'", kHashOnly, "Scan", nullptr, "(#n0 = :v0) OR (#n0 = :v1)"},
      {"SELECT * FROM t WHERE pk IN ('k', 'j')", kHashOnly, "Query", "#n0 = :v0", nullptr},
      {"SELECT * FROM t WHERE pk IN ('k', x)", kHashOnly, "Scan", nullptr, "#n0 IN (:v0, #n1)"},
      {"SELECT * FROM t WHERE pk IN ('k', 'j') OR a = 1", kHashOnly, "Scan", nullptr, "(#n0 IN (:v0, :v1)) OR (#n1 = :v2)"},
  };
  for (const Case& c : cases) {
    NativeRequest r = Translated(c.text, c.keys);
    EXPECT_EQ(r.operation, c.operation) << c.text;
    EXPECT_EQ(r.input.value("KeyConditionExpression", ""), c.key_condition ? c.key_condition : "") << c.text;
    EXPECT_EQ(r.input.value("FilterExpression", ""), c.filter ? c.filter : "") << c.text;
    EXPECT_EQ(r.input["TableName"], "t");
  }
}

TEST(PartiqlTranslate, PartitionKeyInBecomesOneQueryPerDistinctValue) {
  NativeRequest r = Translated("SELECT * FROM t WHERE a > 1 AND pk IN ['k', 'j', 'k'] AND sk = 2", kComposite);
  EXPECT_EQ(r.operation, "Query");
  EXPECT_EQ(r.partition_values, (std::vector<aws::Document>{{{"S", "k"}}, {{"S", "j"}}}));
  EXPECT_EQ(r.input["KeyConditionExpression"], "#n0 = " + r.partition_placeholder + " AND #n1 = :v1");
  EXPECT_EQ(r.input["ExpressionAttributeValues"][r.partition_placeholder], (aws::Document{{"S", "k"}}));
  EXPECT_EQ(r.input["FilterExpression"], "(#n2 > :v2)");
  EXPECT_TRUE(Translated("SELECT * FROM t WHERE pk = 'k'", kHashOnly).partition_values.empty());
}

TEST(PartiqlTranslate, ProjectionAndIndex) {
  NativeRequest r = Translated("SELECT a, b.c[1] FROM \"t\".\"gsi\" WHERE g = 'x'", KeyNames{"g", std::nullopt});
  EXPECT_EQ(r.operation, "Query");
  EXPECT_EQ(r.input["IndexName"], "gsi");
  EXPECT_EQ(r.input["ProjectionExpression"], "#n0, #n1.#n2[1]");
  EXPECT_EQ(r.input["ExpressionAttributeNames"]["#n3"], "g");
}

TEST(PartiqlTranslate, PointReadNeedsTheFullKey) {
  NativeRequest r = Translated("SELECT * FROM t WHERE pk = 'k' AND sk = 2", kComposite, true);
  EXPECT_EQ(r.operation, "GetItem");
  EXPECT_EQ(r.input["Key"], (aws::Document{{"pk", {{"S", "k"}}}, {"sk", {{"N", "2"}}}}));
  auto s = ParseStatement("SELECT * FROM t WHERE pk = 'k'", nullptr);
  EXPECT_FALSE(Translate(*s, kComposite, true).ok());
}

TEST(PartiqlTranslate, Writes) {
  NativeRequest insert = Translated("INSERT INTO t VALUE {'pk': 'k', 'n': 1}", kHashOnly);
  EXPECT_EQ(insert.operation, "PutItem");
  EXPECT_EQ(insert.input["ConditionExpression"], "attribute_not_exists(#n0)");
  EXPECT_EQ(insert.input["Item"]["n"], (aws::Document{{"N", "1"}}));

  NativeRequest update = Translated("UPDATE t SET a = 1, b = b + 2 REMOVE c WHERE pk = 'k' AND sk = 1 AND a < 5", kComposite);
  EXPECT_EQ(update.operation, "UpdateItem");
  EXPECT_EQ(update.input["UpdateExpression"], "SET #n0 = :v0, #n1 = #n1 + :v1 REMOVE #n2");
  EXPECT_EQ(update.input["ConditionExpression"], "attribute_exists(#n3) AND (#n0 < :v2)");
  EXPECT_EQ(update.input["Key"].size(), 2u);

  NativeRequest remove_only = Translated("UPDATE t REMOVE c WHERE pk = 'k'", kHashOnly);
  EXPECT_EQ(remove_only.input["UpdateExpression"], "REMOVE #n0");

  NativeRequest del = Translated("DELETE FROM t WHERE pk = 'k'", kHashOnly);
  EXPECT_EQ(del.operation, "DeleteItem");
  EXPECT_FALSE(del.input.contains("ConditionExpression"));
  EXPECT_FALSE(del.input.contains("ExpressionAttributeNames"));
}

TEST(PartiqlTranslate, UpdateFunctionsBecomeSetAddDeleteAndReturningBecomesReturnValues) {
  NativeRequest update = Translated(
      "UPDATE t SET l = list_append(l, [1]), s = set_add(s, <<'a'>>), r = set_delete(r, <<2>>) REMOVE x "
      "WHERE pk = 'k' RETURNING ALL NEW *",
      kHashOnly);
  EXPECT_EQ(update.input["UpdateExpression"], "SET #n0 = list_append(#n0, :v0) ADD #n1 :v1 DELETE #n2 :v2 REMOVE #n3");
  EXPECT_EQ(update.input["ReturnValues"], "ALL_NEW");
  NativeRequest del = Translated("DELETE FROM t WHERE pk = 'k' RETURNING ALL OLD *", kHashOnly);
  EXPECT_EQ(del.input["ReturnValues"], "ALL_OLD");
  EXPECT_FALSE(Translated("DELETE FROM t WHERE pk = 'k'", kHashOnly).input.contains("ReturnValues"));
}

TEST(PartiqlTranslate, SizeAndIsNullBecomeConditionFunctions) {
  NativeRequest r = Translated("SELECT * FROM t WHERE size(a) > 2 AND b IS NULL AND c IS NOT NULL", kHashOnly);
  EXPECT_EQ(r.input["FilterExpression"],
            "((size(#n0) > :v0) AND ((attribute_not_exists(#n1) OR attribute_type(#n1, :v1)))) AND "
            "((attribute_exists(#n2) AND NOT attribute_type(#n2, :v2)))");
  EXPECT_EQ(r.input["ExpressionAttributeValues"][":v1"], (aws::Document{{"S", "NULL"}}));
}

TEST(PartiqlTranslate, ExistsBecomesAConditionCheckOnTheFullKey) {
  NativeRequest r = Translated("EXISTS(SELECT * FROM t WHERE pk = 'k' AND sk = 1 AND n > 2)", kComposite);
  EXPECT_EQ(r.operation, "ConditionCheck");
  EXPECT_EQ(r.input["Key"], (aws::Document{{"pk", {{"S", "k"}}}, {"sk", {{"N", "1"}}}}));
  EXPECT_EQ(r.input["ConditionExpression"], "attribute_exists(#n0) AND (#n1 > :v0)");
  auto partial = ParseStatement("EXISTS(SELECT * FROM t WHERE pk = 'k')", nullptr);
  ASSERT_TRUE(partial.ok());
  EXPECT_FALSE(Translate(*partial, kComposite).ok());
}

TEST(PartiqlTranslate, WritesNeedTheFullKey) {
  for (const char* text : {"DELETE FROM t WHERE pk = 'k'", "UPDATE t SET a = 1 WHERE sk = 1",
                           "DELETE FROM t WHERE pk = 'k' OR sk = 1"}) {
    auto s = ParseStatement(text, nullptr);
    ASSERT_TRUE(s.ok());
    auto r = Translate(*s, kComposite);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), "Where clause does not contain a mandatory equality on all key attributes");
  }
}

}  // namespace
}  // namespace skybox::dynamodb::partiql
