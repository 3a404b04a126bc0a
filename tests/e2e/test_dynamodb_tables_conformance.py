"""DynamoDB control-plane and Scan rules through boto3 where AWS answers with a specific error or
shape: CreateTable's schema checks, DeleteTable's short description, UpdateTimeToLive's single
attribute, Scan's Select and parallel-scan start keys; LSI reads of unprojected attributes,
KeyConditions' BEGINS_WITH on numbers, TransactWriteItems' cancellation reasons and payload limit;
TagResource's tag and ARN rules, UpdateTable's request checks, DescribeEndpoints' address; the
streams API's StreamArn form, ExclusiveStartShardId paging and GetRecords' Limit."""
import unittest
from urllib.parse import urlparse

from skybox_harness import SkyboxServer
from test_dynamodb import error_of

PAY_PER_REQUEST = {"BillingMode": "PAY_PER_REQUEST"}


def hash_key(name="pk"):
    return {"KeySchema": [{"AttributeName": name, "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": name, "AttributeType": "S"}]}


class TablesConformanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.ddb = cls.server.client("dynamodb")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def assertValidation(self, message, fn, **kwargs):
        self.assertEqual(error_of(fn, **kwargs), ("ValidationException", message))

    def test_create_table_rejects_three_key_attributes_and_creates_nothing(self):
        self.assertValidation(
            "1 validation error detected: Value '[KeySchemaElement(attributeName=a, keyType=HASH), "
            "KeySchemaElement(attributeName=b, keyType=RANGE), KeySchemaElement(attributeName=c, keyType=RANGE)]' "
            "at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2",
            self.ddb.create_table, TableName="three_keys", **PAY_PER_REQUEST,
            KeySchema=[{"AttributeName": "a", "KeyType": "HASH"}, {"AttributeName": "b", "KeyType": "RANGE"},
                       {"AttributeName": "c", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in "abc"])
        self.assertEqual(error_of(self.ddb.describe_table, TableName="three_keys")[0], "ResourceNotFoundException")

    def test_create_table_without_attribute_definitions_is_a_validation_error(self):
        self.assertValidation(
            "1 validation error detected: Value null at 'attributeDefinitions' failed to satisfy constraint: "
            "Member must not be null",
            self.ddb.create_table, TableName="no_definitions", **PAY_PER_REQUEST,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])

    def test_create_table_names_the_duplicated_attribute(self):
        self.assertValidation(
            "Attribute Name is duplicated: xyz",
            self.ddb.create_table, TableName="dup_definitions", **PAY_PER_REQUEST,
            KeySchema=[{"AttributeName": "xyz", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "xyz", "AttributeType": "S"},
                                  {"AttributeName": "xyz", "AttributeType": "N"}])

    def test_delete_table_answers_without_schema_indexes_or_creation_time(self):
        schema = hash_key()
        schema["AttributeDefinitions"].append({"AttributeName": "g", "AttributeType": "S"})
        self.ddb.create_table(TableName="short_lived", **PAY_PER_REQUEST, **schema,
                              GlobalSecondaryIndexes=[{"IndexName": "by_g",
                                                       "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                       "Projection": {"ProjectionType": "ALL"}}])
        described = self.ddb.describe_table(TableName="short_lived")["Table"]
        deleted = self.ddb.delete_table(TableName="short_lived")["TableDescription"]
        self.assertEqual(deleted["TableStatus"], "DELETING")
        self.assertEqual(deleted["TableId"], described["TableId"])
        self.assertEqual(deleted["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST")
        self.assertEqual(deleted["ItemCount"], 0)
        for member in ("KeySchema", "AttributeDefinitions", "CreationDateTime", "GlobalSecondaryIndexes"):
            self.assertIn(member, described)
            self.assertNotIn(member, deleted)

    def test_time_to_live_moves_only_through_a_disable_of_the_current_attribute(self):
        self.ddb.create_table(TableName="ttl_rules", **PAY_PER_REQUEST, **hash_key())

        def update(attribute, enabled):
            return self.ddb.update_time_to_live(
                TableName="ttl_rules", TimeToLiveSpecification={"AttributeName": attribute, "Enabled": enabled})

        update("expires", True)
        different = "TimeToLive is active on a different AttributeName: current AttributeName is expires"
        self.assertValidation(different, update, attribute="other", enabled=True)
        self.assertValidation(different, update, attribute="other", enabled=False)
        update("expires", False)
        update("other", True)
        self.assertEqual(self.ddb.describe_time_to_live(TableName="ttl_rules")["TimeToLiveDescription"],
                         {"TimeToLiveStatus": "ENABLED", "AttributeName": "other"})

    def test_scan_select_names_the_conflicting_projection_member(self):
        self.ddb.create_table(TableName="select_rules", **PAY_PER_REQUEST, **hash_key())
        prefix = "One or more parameter values were invalid: Cannot specify the "
        self.assertValidation(prefix + "ProjectionExpression when choosing to get ALL_ATTRIBUTES",
                              self.ddb.scan, TableName="select_rules", Select="ALL_ATTRIBUTES", ProjectionExpression="a")
        self.assertValidation(prefix + "ProjectionExpression when choosing to get only the Count",
                              self.ddb.scan, TableName="select_rules", Select="COUNT", ProjectionExpression="a")
        self.assertValidation(prefix + "AttributesToGet when choosing to get ALL_ATTRIBUTES",
                              self.ddb.scan, TableName="select_rules", Select="ALL_ATTRIBUTES", AttributesToGet=["a"])

    def test_parallel_scan_start_key_must_belong_to_the_segment(self):
        self.ddb.create_table(TableName="segments", **PAY_PER_REQUEST, **hash_key())
        for i in range(30):
            self.ddb.put_item(TableName="segments", Item={"pk": {"S": f"k{i}"}})
        page = self.ddb.scan(TableName="segments", Segment=0, TotalSegments=2, Limit=1)
        start = page["LastEvaluatedKey"]
        resumed = self.ddb.scan(TableName="segments", Segment=0, TotalSegments=2, ExclusiveStartKey=start)
        self.assertNotIn(start, resumed["Items"])
        self.assertValidation(
            "The provided Exclusive start key does not map to the provided Segment and TotalSegments values.",
            self.ddb.scan, TableName="segments", Segment=1, TotalSegments=2, ExclusiveStartKey=start)

    def test_local_index_query_fetches_unprojected_attributes_from_the_table(self):
        self.ddb.create_table(
            TableName="lsi_fetch", **PAY_PER_REQUEST,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": n, "AttributeType": "S"} for n in ("pk", "sk", "b")],
            LocalSecondaryIndexes=[{"IndexName": "by_b", "Projection": {"ProjectionType": "KEYS_ONLY"},
                                    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                  {"AttributeName": "b", "KeyType": "RANGE"}]}])
        self.ddb.put_item(TableName="lsi_fetch", Item={"pk": {"S": "p"}, "sk": {"S": "1"}, "b": {"S": "x"}, "d": {"S": "dog"}})
        self.ddb.put_item(TableName="lsi_fetch", Item={"pk": {"S": "p"}, "sk": {"S": "2"}, "b": {"S": "y"}, "d": {"S": "cat"}})
        query = dict(TableName="lsi_fetch", IndexName="by_b", KeyConditionExpression="pk = :p")
        got = self.ddb.query(**query, ProjectionExpression="d", ExpressionAttributeValues={":p": {"S": "p"}})
        self.assertEqual(got["Items"], [{"d": {"S": "dog"}}, {"d": {"S": "cat"}}])
        got = self.ddb.query(**query, FilterExpression="d = :d",
                             ExpressionAttributeValues={":p": {"S": "p"}, ":d": {"S": "cat"}})
        self.assertEqual(got["Items"], [{"pk": {"S": "p"}, "sk": {"S": "2"}, "b": {"S": "y"}}])

    def test_key_conditions_begins_with_on_a_number_sort_key(self):
        self.ddb.create_table(
            TableName="num_sort", **PAY_PER_REQUEST,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "n", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "n", "AttributeType": "N"}])
        self.assertValidation(
            "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type",
            self.ddb.query, TableName="num_sort",
            KeyConditions={"pk": {"AttributeValueList": [{"S": "p"}], "ComparisonOperator": "EQ"},
                           "n": {"AttributeValueList": [{"N": "3"}], "ComparisonOperator": "BEGINS_WITH"}})

    def test_transaction_put_with_a_wrong_key_type_cancels_with_a_validation_error(self):
        self.ddb.create_table(TableName="tx_reasons", **PAY_PER_REQUEST, **hash_key())
        puts = [{"Put": {"TableName": "tx_reasons", "Item": {"pk": key}}} for key in ({"N": "7"}, {"N": "8"}, {"S": "ok"})]
        try:
            self.ddb.transact_write_items(TransactItems=puts)
            self.fail("expected TransactionCanceledException")
        except self.ddb.exceptions.TransactionCanceledException as e:
            self.assertEqual(e.response["Error"]["Message"], "Transaction cancelled, please refer cancellation reasons "
                             "for specific reasons [ValidationError, None, None]")
            self.assertEqual(e.response["CancellationReasons"], [
                {"Code": "ValidationError",
                 "Message": "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N"},
                {"Code": "None"}, {"Code": "None"}])
        self.assertNotIn("Item", self.ddb.get_item(TableName="tx_reasons", Key={"pk": {"S": "ok"}}))

    def test_transaction_payload_over_4_mb_is_rejected(self):
        self.ddb.create_table(TableName="tx_payload", **PAY_PER_REQUEST, **hash_key())
        puts = [{"Put": {"TableName": "tx_payload", "Item": {"pk": {"S": str(i)}, "x": {"S": "x" * 100000}}}}
                for i in range(50)]
        self.assertValidation("Transaction payload size cannot exceed 4 MB", self.ddb.transact_write_items, TransactItems=puts)
        self.ddb.transact_write_items(TransactItems=puts[:30])
        self.assertIn("Item", self.ddb.get_item(TableName="tx_payload", Key={"pk": {"S": "29"}}))

    def table_arn(self, name):
        self.ddb.create_table(TableName=name, **PAY_PER_REQUEST, **hash_key())
        return self.ddb.describe_table(TableName=name)["Table"]["TableArn"]

    def test_tag_resource_refuses_reserved_keys_bad_characters_and_an_empty_list(self):
        arn = self.table_arn("tag_rules")
        self.assertValidation("One or more parameter values were invalid: Tag keys starting with 'aws:' are reserved for "
                              "system use: aws:owner",
                              self.ddb.tag_resource, ResourceArn=arn, Tags=[{"Key": "aws:owner", "Value": "me"}])
        self.assertValidation("1 validation error detected: Value '\"hello\"' at 'tags.2.member.value' failed to satisfy "
                              "constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*",
                              self.ddb.tag_resource, ResourceArn=arn,
                              Tags=[{"Key": "ok", "Value": "fine"}, {"Key": "quoted", "Value": '"hello"'}])
        self.assertValidation("Atleast one Tag needs to be provided as Input.",
                              self.ddb.tag_resource, ResourceArn=arn, Tags=[])
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"], [])

    def test_a_table_keeps_at_most_fifty_tags(self):
        arn = self.table_arn("tag_count")
        self.ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": str(i), "Value": "v"} for i in range(30)])
        self.ddb.tag_resource(ResourceArn=arn, Tags=[{"Key": str(i), "Value": "w"} for i in range(20, 50)])
        self.assertValidation("One or more parameter values were invalid: The number of tags on the resource would exceed "
                              "the maximum of 50",
                              self.ddb.tag_resource, ResourceArn=arn, Tags=[{"Key": "50", "Value": "v"}])
        self.assertEqual(len(self.ddb.list_tags_of_resource(ResourceArn=arn)["Tags"]), 50)
        code, _ = error_of(self.ddb.create_table, TableName="tag_count_create", **PAY_PER_REQUEST, **hash_key(),
                           Tags=[{"Key": str(i), "Value": "v"} for i in range(51)])
        self.assertEqual(code, "ValidationException")
        self.assertEqual(error_of(self.ddb.describe_table, TableName="tag_count_create")[0], "ResourceNotFoundException")

    def test_tag_operations_take_only_a_table_arn(self):
        arn = self.table_arn("tag_arns")
        self.assertValidation("ARNs must start with 'arn:': tag_arns",
                              self.ddb.tag_resource, ResourceArn="tag_arns", Tags=[{"Key": "k", "Value": "v"}])
        index_arn = arn + "/index/by_x"
        self.assertValidation("One or more parameter values were invalid: Invalid resource arn provided, only table or "
                              "stream is accepted. Provided resource arn: " + index_arn,
                              self.ddb.list_tags_of_resource, ResourceArn=index_arn)
        self.assertEqual(error_of(self.ddb.untag_resource, ResourceArn=arn + "x", TagKeys=["k"])[0],
                         "ResourceNotFoundException")

    def test_update_table_needs_something_to_change(self):
        self.ddb.create_table(TableName="update_nothing", **PAY_PER_REQUEST, **hash_key())
        message = ("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates "
                   "or SSESpecification or ReplicaUpdates is required")
        self.assertValidation(message, self.ddb.update_table, TableName="update_nothing")
        self.assertValidation(message, self.ddb.update_table, TableName="update_nothing", GlobalSecondaryIndexUpdates=[])

    def test_update_table_creates_or_deletes_one_gsi_at_a_time(self):
        self.ddb.create_table(TableName="update_gsis", **PAY_PER_REQUEST, **hash_key())
        x = [{"AttributeName": "x", "AttributeType": "S"}]
        create = lambda name: {"Create": {"IndexName": name, "KeySchema": [{"AttributeName": "x", "KeyType": "HASH"}],
                                          "Projection": {"ProjectionType": "ALL"}}}
        self.assertValidation("One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
                              "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null",
                              self.ddb.update_table, TableName="update_gsis", AttributeDefinitions=x,
                              GlobalSecondaryIndexUpdates=[{}])
        self.assertEqual(error_of(self.ddb.update_table, TableName="update_gsis", AttributeDefinitions=x,
                                  GlobalSecondaryIndexUpdates=[create("gsi_a"), create("gsi_b")]),
                         ("LimitExceededException",
                          "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"))
        self.assertNotIn("GlobalSecondaryIndexes", self.ddb.describe_table(TableName="update_gsis")["Table"])

    def test_a_new_gsi_redeclares_its_keys_with_their_existing_types(self):
        self.ddb.create_table(TableName="update_types", **PAY_PER_REQUEST, **hash_key())
        create = [{"Create": {"IndexName": "by_pk", "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                              "Projection": {"ProjectionType": "ALL"}}}]
        self.assertValidation("One or more parameter values were invalid: Some index key attributes are not defined in "
                              "AttributeDefinitions. Keys: [pk], AttributeDefinitions: []",
                              self.ddb.update_table, TableName="update_types", GlobalSecondaryIndexUpdates=create)
        self.assertValidation("One or more parameter values were invalid: Attributes cannot be redefined. Please check that "
                              "your attribute has the same type as previously defined. Existing schema: "
                              "Schema:[SchemaElement: key{pk:S:HASH}] New schema: Schema:[SchemaElement: key{pk:N:HASH}]",
                              self.ddb.update_table, TableName="update_types", GlobalSecondaryIndexUpdates=create,
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "N"}])

    def test_describe_endpoints_names_the_endpoint_the_client_reached(self):
        endpoints = self.ddb.describe_endpoints()["Endpoints"]
        self.assertEqual(endpoints, [{"Address": urlparse(self.ddb.meta.endpoint_url).netloc, "CachePeriodInMinutes": 1440}])

    def test_streams_refuse_malformed_arns_and_page_shards_exclusively(self):
        streams = self.server.client("dynamodbstreams")
        self.ddb.create_table(TableName="streams_rules", **PAY_PER_REQUEST, **hash_key(),
                              StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        arn = streams.list_streams(TableName="streams_rules")["Streams"][0]["StreamArn"]
        self.assertValidation("Invalid StreamArn", streams.describe_stream,
                              StreamArn="sdfadfsdfnlfkajakfgjalksfgklasjklasdjfklasdfasdfgasf")
        shards = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]
        self.assertEqual(len(shards), 1)
        after = streams.describe_stream(StreamArn=arn, ExclusiveStartShardId=shards[0]["ShardId"])["StreamDescription"]
        self.assertEqual(after["Shards"], [])
        shard_id = shards[0]["ShardId"]
        self.assertEqual(error_of(streams.get_shard_iterator, StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON",
                                  SequenceNumber=shards[0]["SequenceNumberRange"]["StartingSequenceNumber"])[0],
                         "ValidationException")
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard_id, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertValidation("1 validation error detected: Value '1001' at 'limit' failed to satisfy constraint: "
                              "Member must have value less than or equal to 1000",
                              streams.get_records, ShardIterator=iterator, Limit=1001)
        self.assertEqual(streams.get_records(ShardIterator=iterator, Limit=1000)["Records"], [])


if __name__ == "__main__":
    unittest.main()
