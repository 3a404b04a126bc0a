// Control-plane and Scan rules where AWS answers with a specific error or output shape:
// CreateTable's schema checks, DeleteTable's short description, UpdateTimeToLive's attribute
// rule, Scan's Select/segment checks, LSI reads of unprojected attributes, and
// TransactWriteItems' per-action validation and payload limit, TagResource's tag and ARN rules,
// UpdateTable's request checks (something to change, one GSI action at a time, key types), and
// the streams API's argument rules (StreamArn form, ExclusiveStartShardId, GetRecords' Limit).
#include <string>

#include <gtest/gtest.h>

#include "services/dynamodb/handler_test_util.h"

namespace skybox::dynamodb {
namespace {

class TableRulesTest : public testing::HandlerTest {
 protected:
  // The ValidationException message of `handler` on `input`, or "" when it succeeded.
  std::string ValidationMessage(testing::Handler handler, aws::Document input) {
    auto out = Run(handler, std::move(input));
    if (out.ok()) return "";
    EXPECT_EQ(out.status().aws_code(), "ValidationException") << out.status().ToString();
    return std::string(out.status().message());
  }
  static aws::Document Element(const std::string& name, const std::string& type) {
    return {{"AttributeName", name}, {"KeyType", type}};
  }
  static aws::Document Definition(const std::string& name) {
    return {{"AttributeName", name}, {"AttributeType", "S"}};
  }
};

TEST_F(TableRulesTest, CreateTableRejectsAThreeAttributeKeySchema) {
  aws::Document input = testing::StringKeyTable("three");
  input["KeySchema"] = {Element("a", "HASH"), Element("b", "RANGE"), Element("c", "RANGE")};
  input["AttributeDefinitions"] = {Definition("a"), Definition("b"), Definition("c")};
  EXPECT_EQ(ValidationMessage(CreateTable, input),
            "1 validation error detected: Value '[KeySchemaElement(attributeName=a, keyType=HASH), "
            "KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, keyType=RANGE)]' "
            "at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2");
  EXPECT_EQ(Run(DescribeTable, {{"TableName", "three"}}).status().aws_code(), "ResourceNotFoundException");
}

TEST_F(TableRulesTest, CreateTableRequiresAttributeDefinitionsAndKeySchema) {
  aws::Document input = testing::StringKeyTable("bare");
  input.erase("AttributeDefinitions");
  EXPECT_EQ(ValidationMessage(CreateTable, input),
            "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: "
            "Member must not be null");
  input = testing::StringKeyTable("bare");
  input.erase("KeySchema");
  EXPECT_EQ(ValidationMessage(CreateTable, input),
            "1 validation error detected: Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
}

TEST_F(TableRulesTest, CreateTableNamesADuplicatedAttributeDefinition) {
  aws::Document input = testing::StringKeyTable("dup");
  input["AttributeDefinitions"] = {Definition("pk"), {{"AttributeName", "pk"}, {"AttributeType", "N"}}};
  EXPECT_EQ(ValidationMessage(CreateTable, input), "Attribute Name is duplicated: pk");
}

TEST_F(TableRulesTest, DeleteTableDescribesTheTableWithoutSchemaOrIndexes) {
  aws::Document input = testing::StringKeyTable("gone");
  input["AttributeDefinitions"].push_back(Definition("g"));
  input["GlobalSecondaryIndexes"] = {{{"IndexName", "by_g"},
                                      {"KeySchema", {Element("g", "HASH")}},
                                      {"Projection", {{"ProjectionType", "ALL"}}}}};
  ASSERT_TRUE(Run(CreateTable, input).ok());
  auto out = Run(DeleteTable, {{"TableName", "gone"}});
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const aws::Document& description = (*out)["TableDescription"];
  EXPECT_EQ(description["TableStatus"], "DELETING");
  EXPECT_EQ(description["ItemCount"], 0);
  EXPECT_TRUE(description.contains("TableId"));
  EXPECT_TRUE(description.contains("BillingModeSummary"));
  for (const char* member : {"AttributeDefinitions", "KeySchema", "CreationDateTime", "GlobalSecondaryIndexes"}) {
    EXPECT_FALSE(description.contains(member)) << member;
  }
}

TEST_F(TableRulesTest, TimeToLiveChangesOnlyThroughTheCurrentAttribute) {
  CreateTableWithStringKey("ttl");
  auto spec = [](const std::string& attribute, bool enabled) {
    return aws::Document{{"TableName", "ttl"}, {"TimeToLiveSpecification", {{"AttributeName", attribute}, {"Enabled", enabled}}}};
  };
  ASSERT_TRUE(Run(UpdateTimeToLive, spec("expires", true)).ok());
  const std::string different = "TimeToLive is active on a different AttributeName: current AttributeName is expires";
  EXPECT_EQ(ValidationMessage(UpdateTimeToLive, spec("other", true)), different);
  EXPECT_EQ(ValidationMessage(UpdateTimeToLive, spec("other", false)), different);
  EXPECT_EQ(ValidationMessage(UpdateTimeToLive, spec("expires", true)), "TimeToLive is already enabled");
  EXPECT_EQ(ValidationMessage(UpdateTimeToLive, spec("expires", false)), "");
  EXPECT_EQ(ValidationMessage(UpdateTimeToLive, spec("expires", false)), "TimeToLive is already disabled");
}

TEST_F(TableRulesTest, ScanSelectNamesTheProjectionMemberItConflictsWith) {
  CreateTableWithStringKey("sel");
  EXPECT_EQ(ValidationMessage(Scan, {{"TableName", "sel"}, {"Select", "ALL_ATTRIBUTES"}, {"ProjectionExpression", "a"}}),
            "One or more parameter values were invalid: Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES");
  EXPECT_EQ(ValidationMessage(Scan, {{"TableName", "sel"}, {"Select", "COUNT"}, {"AttributesToGet", {"a"}}}),
            "One or more parameter values were invalid: Cannot specify the AttributesToGet when choosing to get only the Count");
}

TEST_F(TableRulesTest, ScanExclusiveStartKeyMustLieInTheSegment) {
  CreateTableWithStringKey("seg");
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(Run(PutItem, {{"TableName", "seg"}, {"Item", {{"pk", {{"S", "k" + std::to_string(i)}}}}}}).ok());
  }
  // A LastEvaluatedKey of segment 0 resumes segment 0 and is refused by segment 1.
  auto first = Run(Scan, {{"TableName", "seg"}, {"Segment", 0}, {"TotalSegments", 2}, {"Limit", 1}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->contains("LastEvaluatedKey"));
  aws::Document start = (*first)["LastEvaluatedKey"];
  EXPECT_TRUE(Run(Scan, {{"TableName", "seg"}, {"Segment", 0}, {"TotalSegments", 2}, {"ExclusiveStartKey", start}}).ok());
  EXPECT_EQ(ValidationMessage(Scan, {{"TableName", "seg"}, {"Segment", 1}, {"TotalSegments", 2}, {"ExclusiveStartKey", start}}),
            "The provided Exclusive start key does not map to the provided Segment and TotalSegments values.");
}

TEST_F(TableRulesTest, LocalIndexReadOfAnUnprojectedAttributeFetchesItFromTheTable) {
  aws::Document input = testing::StringKeyTable("lsi");
  input["KeySchema"] = {Element("pk", "HASH"), Element("sk", "RANGE")};
  input["AttributeDefinitions"] = {Definition("pk"), Definition("sk"), Definition("b")};
  input["LocalSecondaryIndexes"] = {{{"IndexName", "by_b"},
                                     {"KeySchema", {Element("pk", "HASH"), Element("b", "RANGE")}},
                                     {"Projection", {{"ProjectionType", "KEYS_ONLY"}}}}};
  ASSERT_TRUE(Run(CreateTable, input).ok());
  auto s = [](const char* v) { return aws::Document{{"S", v}}; };
  ASSERT_TRUE(Run(PutItem, {{"TableName", "lsi"}, {"Item", {{"pk", s("p")}, {"sk", s("1")}, {"b", s("x")}, {"d", s("dog")}}}}).ok());
  aws::Document query = {{"TableName", "lsi"}, {"IndexName", "by_b"}, {"KeyConditionExpression", "pk = :p"},
                         {"ExpressionAttributeValues", {{":p", s("p")}, {":d", s("dog")}}}};
  query["ProjectionExpression"] = "d";
  query["FilterExpression"] = "d = :d";
  auto out = Run(Query, query);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["Items"], aws::Document::array({{{"d", s("dog")}}}));
  query.erase("ProjectionExpression");
  out = Run(Query, query);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ((*out)["Count"], 1);
}

TEST_F(TableRulesTest, KeyConditionsBeginsWithOnANumberSortKeyUsesTheLegacyMessage) {
  aws::Document input = testing::StringKeyTable("numsk");
  input["KeySchema"] = {Element("pk", "HASH"), Element("n", "RANGE")};
  input["AttributeDefinitions"] = {Definition("pk"), {{"AttributeName", "n"}, {"AttributeType", "N"}}};
  ASSERT_TRUE(Run(CreateTable, input).ok());
  auto eq = [](aws::Document value, const char* op) {
    return aws::Document{{"AttributeValueList", {std::move(value)}}, {"ComparisonOperator", op}};
  };
  EXPECT_EQ(ValidationMessage(Query, {{"TableName", "numsk"},
                                      {"KeyConditions", {{"pk", eq({{"S", "p"}}, "EQ")}, {"n", eq({{"N", "3"}}, "BEGINS_WITH")}}}}),
            "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
}

TEST_F(TableRulesTest, TransactionPutWithAWrongKeyTypeIsThatActionsCancellationReason) {
  CreateTableWithStringKey("txn");
  auto put = [](aws::Document key) { return aws::Document{{"Put", {{"TableName", "txn"}, {"Item", {{"pk", std::move(key)}}}}}}; };
  auto out = Run(TransactWriteItems, {{"TransactItems", {put({{"S", "a"}}), put({{"N", "7"}}), put({{"N", "8"}})}}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().aws_code(), "TransactionCanceledException");
  EXPECT_EQ(out.status().message(),
            "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError, None]");
  ASSERT_EQ(out.status().details().size(), 1u);
  aws::Document reasons = aws::Document::parse(out.status().details()[0].second);
  EXPECT_EQ(reasons[1]["Message"], "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N");
  EXPECT_FALSE(reasons[2].contains("Message"));
}

TEST_F(TableRulesTest, TransactionPayloadIsLimitedTo4MB) {
  CreateTableWithStringKey("big");
  aws::Document items = aws::Document::array();
  for (int i = 0; i < 50; ++i) {
    items.push_back({{"Put", {{"TableName", "big"},
                              {"Item", {{"pk", {{"S", std::to_string(i)}}}, {"x", {{"S", std::string(100000, 'x')}}}}}}}});
  }
  EXPECT_EQ(ValidationMessage(TransactWriteItems, {{"TransactItems", items}}), "Transaction payload size cannot exceed 4 MB");
  items.erase(items.begin() + 30, items.end());
  EXPECT_EQ(ValidationMessage(TransactWriteItems, {{"TransactItems", items}}), "");
}

TEST_F(TableRulesTest, TagResourceRefusesReservedKeysBadCharactersAndAnEmptyList) {
  CreateTableWithStringKey("tags");
  const std::string arn = "arn:aws:dynamodb:us-east-1:000000000000:table/tags";
  auto tag = [&](std::string key, std::string value) {
    return ValidationMessage(TagResource, {{"ResourceArn", arn}, {"Tags", {{{"Key", key}, {"Value", value}}}}});
  };
  EXPECT_EQ(tag("aws:owner", "me"), "One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for system use: aws:owner");
  EXPECT_EQ(tag("hi!", "dog"), "1 validation error detected: Value 'hi!' at 'tags.1.member.key' failed to satisfy constraint: "
                               "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  EXPECT_EQ(tag("dog", "d%g"), "1 validation error detected: Value 'd%g' at 'tags.1.member.value' failed to satisfy constraint: "
                               "Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  EXPECT_EQ(tag("a b_c.d:e/f=g+h-i@j", ""), "");
  EXPECT_EQ(ValidationMessage(TagResource, {{"ResourceArn", arn}, {"Tags", aws::Document::array()}}),
            "Atleast one Tag needs to be provided as Input.");
  auto listed = Run(ListTagsOfResource, {{"ResourceArn", arn}});
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ((*listed)["Tags"].size(), 1u);  // the refused requests left nothing behind
}

TEST_F(TableRulesTest, ATableKeepsAtMostFiftyTags) {
  CreateTableWithStringKey("many");
  const std::string arn = "arn:aws:dynamodb:us-east-1:000000000000:table/many";
  auto tags = [](int from, int to) {
    aws::Document list = aws::Document::array();
    for (int i = from; i < to; ++i) list.push_back({{"Key", std::to_string(i)}, {"Value", "v"}});
    return list;
  };
  EXPECT_EQ(ValidationMessage(TagResource, {{"ResourceArn", arn}, {"Tags", tags(0, 30)}}), "");
  EXPECT_EQ(ValidationMessage(TagResource, {{"ResourceArn", arn}, {"Tags", tags(20, 50)}}), "");  // overlaps: 50 in all
  EXPECT_EQ(ValidationMessage(TagResource, {{"ResourceArn", arn}, {"Tags", tags(50, 51)}}),
            "One or more parameter values were invalid: The number of tags on the resource would exceed the maximum of 50");
  aws::Document create = testing::StringKeyTable("too_many");
  create["Tags"] = tags(0, 51);
  EXPECT_NE(ValidationMessage(CreateTable, create), "");
  EXPECT_EQ(Run(DescribeTable, {{"TableName", "too_many"}}).status().aws_code(), "ResourceNotFoundException");
}

TEST_F(TableRulesTest, TagOperationsTakeOnlyATableArn) {
  CreateTableWithStringKey("arns");
  aws::Document tags = {{{"Key", "k"}, {"Value", "v"}}};
  EXPECT_EQ(ValidationMessage(TagResource, {{"ResourceArn", "arns"}, {"Tags", tags}}), "ARNs must start with 'arn:': arns");
  const std::string index_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/arns/index/gsi";
  EXPECT_EQ(ValidationMessage(ListTagsOfResource, {{"ResourceArn", index_arn}}),
            "One or more parameter values were invalid: Invalid resource arn provided, only table or stream is accepted. "
            "Provided resource arn: " + index_arn);
  EXPECT_EQ(Run(TagResource, {{"ResourceArn", "arn:aws:dynamodb:us-east-1:000000000000:table/arnsx"}, {"Tags", tags}})
                .status().aws_code(),
            "ResourceNotFoundException");
}

TEST_F(TableRulesTest, UpdateTableNeedsSomethingToChange) {
  CreateTableWithStringKey("still");
  const std::string message =
      "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or "
      "SSESpecification or ReplicaUpdates is required";
  EXPECT_EQ(ValidationMessage(UpdateTable, {{"TableName", "still"}}), message);
  EXPECT_EQ(ValidationMessage(UpdateTable, {{"TableName", "still"}, {"GlobalSecondaryIndexUpdates", aws::Document::array()}}), message);
}

TEST_F(TableRulesTest, UpdateTableTakesOneGsiActionPerEntryAndOneCreateOrDeletePerRequest) {
  CreateTableWithStringKey("gsis");
  auto create = [](const std::string& name) {
    return aws::Document{{"Create", {{"IndexName", name},
                                     {"KeySchema", {{{"AttributeName", "x"}, {"KeyType", "HASH"}}}},
                                     {"Projection", {{"ProjectionType", "ALL"}}}}}};
  };
  aws::Document definitions = {{{"AttributeName", "x"}, {"AttributeType", "S"}}};
  auto update = [&](aws::Document updates) {
    return Run(UpdateTable, {{"TableName", "gsis"}, {"AttributeDefinitions", definitions}, {"GlobalSecondaryIndexUpdates", updates}});
  };
  EXPECT_EQ(update({aws::Document::object()}).status().message(),
            "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
            "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
  aws::Document both = create("a");
  both["Delete"] = {{"IndexName", "b"}};
  EXPECT_EQ(update({both}).status().aws_code(), "ValidationException");
  auto two = update({create("gsi_a"), create("gsi_b")});
  EXPECT_EQ(two.status().aws_code(), "LimitExceededException");
  EXPECT_EQ(two.status().message(), "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table");
  EXPECT_TRUE(update({create("gsi_a")}).ok());
}

TEST_F(TableRulesTest, ANewGsiRedeclaresItsKeysWithTheirExistingTypes) {
  CreateTableWithStringKey("types");
  auto create = [](const std::string& name, const std::string& type, bool declare) {
    aws::Document in = {{"TableName", "types"},
                        {"GlobalSecondaryIndexUpdates",
                         {{{"Create", {{"IndexName", name},
                                       {"KeySchema", {{{"AttributeName", "pk"}, {"KeyType", "HASH"}}}},
                                       {"Projection", {{"ProjectionType", "ALL"}}}}}}}}};
    if (declare) in["AttributeDefinitions"] = {{{"AttributeName", "pk"}, {"AttributeType", type}}};
    return in;
  };
  EXPECT_EQ(ValidationMessage(UpdateTable, create("gsi", "S", false)),
            "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. "
            "Keys: [pk], AttributeDefinitions: []");
  EXPECT_EQ(ValidationMessage(UpdateTable, create("gsi", "N", true)),
            "One or more parameter values were invalid: Attributes cannot be redefined. Please check that your attribute has "
            "the same type as previously defined. Existing schema: Schema:[SchemaElement: key{pk:S:HASH}] New schema: "
            "Schema:[SchemaElement: key{pk:N:HASH}]");
  EXPECT_EQ(ValidationMessage(UpdateTable, create("gsi", "S", true)), "");
}

TEST_F(TableRulesTest, StreamsRefuseMalformedArnsAndOutOfRangeArguments) {
  aws::Document create = testing::StringKeyTable("streamed");
  create["StreamSpecification"] = {{"StreamEnabled", true}, {"StreamViewType", "KEYS_ONLY"}};
  ASSERT_TRUE(Run(CreateTable, create).ok());
  auto listed = Run(ListStreams, {{"TableName", "streamed"}});
  ASSERT_TRUE(listed.ok());
  const std::string arn = (*listed)["Streams"][0]["StreamArn"];
  EXPECT_EQ(ValidationMessage(DescribeStream, {{"StreamArn", "not-an-arn-at-all-but-long-enough-for-the-model"}}), "Invalid StreamArn");
  EXPECT_EQ(ValidationMessage(ListStreams, {{"ExclusiveStartStreamArn", "not-an-arn"}}), "Invalid StreamArn");
  EXPECT_EQ(Run(DescribeStream, {{"StreamArn", arn + "0"}}).status().aws_code(), "ResourceNotFoundException");

  auto described = Run(DescribeStream, {{"StreamArn", arn}});
  ASSERT_TRUE(described.ok());
  const std::string shard = (*described)["StreamDescription"]["Shards"][0]["ShardId"];
  for (const std::string& after : {shard, std::string("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")}) {
    auto page = Run(DescribeStream, {{"StreamArn", arn}, {"ExclusiveStartShardId", after}});
    ASSERT_TRUE(page.ok());
    EXPECT_EQ((*page)["StreamDescription"]["Shards"], aws::Document::array()) << after;
  }

  EXPECT_EQ(ValidationMessage(GetShardIterator, {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "LATEST"},
                                                 {"SequenceNumber", "000000000000000000001"}}),
            "SequenceNumber may only be given with ShardIteratorType AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER, not LATEST");
  auto iterator = Run(GetShardIterator, {{"StreamArn", arn}, {"ShardId", shard}, {"ShardIteratorType", "TRIM_HORIZON"}});
  ASSERT_TRUE(iterator.ok());
  const aws::Document& it = (*iterator)["ShardIterator"];
  EXPECT_EQ(ValidationMessage(GetRecords, {{"ShardIterator", it}, {"Limit", 1001}}),
            "1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: Member must have value less "
            "than or equal to 1000");
  EXPECT_EQ(ValidationMessage(GetRecords, {{"ShardIterator", it}, {"Limit", 1000}}), "");
}

}  // namespace
}  // namespace skybox::dynamodb
