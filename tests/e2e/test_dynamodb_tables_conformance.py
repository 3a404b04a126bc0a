"""DynamoDB control-plane and Scan rules through boto3 where AWS answers with a specific error or
shape: CreateTable's schema checks, DeleteTable's short description, UpdateTimeToLive's single
attribute, Scan's Select and parallel-scan start keys; LSI reads of unprojected attributes,
KeyConditions' BEGINS_WITH on numbers, TransactWriteItems' cancellation reasons and payload limit."""
import unittest

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


if __name__ == "__main__":
    unittest.main()
