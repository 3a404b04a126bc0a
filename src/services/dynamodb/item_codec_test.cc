#include "services/dynamodb/item_codec.h"

#include <gtest/gtest.h>

namespace skybox::dynamodb {
namespace {

using aws::Document;

TableInfo MakeTable() {
  TableInfo table;
  table.name = "t";
  table.id = 9;
  table.description = {
      {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}, {{"AttributeName", "sk"}, {"KeyType", "RANGE"}}}},
      {"AttributeDefinitions",
       {{{"AttributeName", "pk"}, {"AttributeType", "S"}}, {{"AttributeName", "sk"}, {"AttributeType", "N"}},
        {{"AttributeName", "g"}, {"AttributeType", "S"}}}},
      {"GlobalSecondaryIndexes",
       {{{"IndexName", "by_g"},
         {"KeySchema", {{{"AttributeName", "g"}, {"KeyType", "HASH"}}}},
         {"Projection", {{"ProjectionType", "INCLUDE"}, {"NonKeyAttributes", {"x"}}}}}}}};
  EXPECT_TRUE(table.Rebuild({{"by_g", 1}}).ok());
  return table;
}

TEST(ItemCodecTest, KeyChecksUseAwsMessages) {
  TableInfo table = MakeTable();
  EXPECT_TRUE(CheckKey(table, {{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}}).ok());
  EXPECT_EQ(CheckKey(table, {{"pk", {{"S", "a"}}}}).message(), "The provided key element does not match the schema");
  EXPECT_EQ(CheckKey(table, {{"pk", {{"S", "a"}}}, {"sk", {{"S", "1"}}}}).message(),
            "The provided key element does not match the schema");
  EXPECT_EQ(CheckKey(table, {{"pk", {{"S", ""}}}, {"sk", {{"N", "1"}}}}).message(),
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
            "string value. Key: pk");
  EXPECT_EQ(CheckItem(table, {{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}, {"g", {{"N", "1"}}}}).message(),
            "One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by_g");
}

TEST(ItemCodecTest, IndexEntriesAreSparseAndProjected) {
  TableInfo table = MakeTable();
  const IndexInfo& index = table.indexes[0];
  Document without_g = {{"pk", {{"S", "a"}}}, {"sk", {{"N", "1"}}}, {"x", {{"S", "keep"}}}};
  EXPECT_FALSE(IndexEntryKey(table, index, without_g));
  Document with_g = without_g;
  with_g["g"] = {{"S", "G"}};
  with_g["y"] = {{"S", "drop"}};
  auto key = IndexEntryKey(table, index, with_g);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->substr(0, 9), IndexPrefix(9, 1));
  Document projected = ProjectForIndex(table, index, with_g);
  EXPECT_EQ(projected.size(), 4u);
  EXPECT_FALSE(projected.contains("y"));

  storage::WriteBatch batch;
  AddItemChange(&batch, storage::Namespace{1}, table, &with_g, &without_g, EncodeItem(without_g));
  ASSERT_EQ(batch.size(), 2u);  // base put + index entry delete
  EXPECT_EQ(batch.ops()[1].kind, storage::WriteBatch::OpKind::kDelete);
  EXPECT_EQ(batch.ops()[1].key, *key);
}

TEST(ItemCodecTest, ItemsRoundTripThroughTheirStoredForm) {
  Document item = {{"pk", {{"S", "a"}}}, {"b", {{"B", Document::binary({0, 255})}}}, {"l", {{"L", {{{"NULL", true}}}}}}};
  auto decoded = DecodeItem(EncodeItem(item));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, item);
  EXPECT_FALSE(DecodeItem("\xFF\xFF").ok());
}

}  // namespace
}  // namespace skybox::dynamodb
