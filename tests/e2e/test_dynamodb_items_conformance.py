"""DynamoDB item operations where Skybox once differed from AWS: attribute_type() of a value,
contains() inside a binary, bare names starting with '_', SETs past a list's end appended in
index order, removal-only updates of a missing item, AttributesToGet duplicates, the
AttributeUpdates type-mismatch message, table names AWS could never have created, legacy
KeyConditions beside expressions, ConditionalOperator rules and inexact Number arithmetic."""
import unittest

from skybox_harness import SkyboxServer
from test_dynamodb import error_of


class ItemsConformanceTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.ddb = cls.server.client("dynamodb")
        cls.ddb.create_table(TableName="items", KeySchema=[{"AttributeName": "p", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "p", "AttributeType": "S"}],
                             BillingMode="PAY_PER_REQUEST")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def key(self, name):
        return {"p": {"S": f"{self._testMethodName}-{name}"}}

    def get(self, key):
        return self.ddb.get_item(TableName="items", Key=key, ConsistentRead=True).get("Item")

    def update(self, key, **kwargs):
        return self.ddb.update_item(TableName="items", Key=key, **kwargs)

    def test_attribute_type_accepts_a_value_operand(self):
        key = self.key("k")
        self.update(key, UpdateExpression="SET c = :v", ConditionExpression="attribute_type(:v, :t)",
                    ExpressionAttributeValues={":v": {"N": "0"}, ":t": {"S": "N"}})
        self.assertEqual(self.get(key)["c"], {"N": "0"})
        code, _ = error_of(self.update, key, UpdateExpression="SET c = :v", ConditionExpression="attribute_type(:v, :t)",
                           ExpressionAttributeValues={":v": {"N": "0"}, ":t": {"S": "S"}})
        self.assertEqual(code, "ConditionalCheckFailedException")

    def test_contains_finds_bytes_inside_a_binary(self):
        key = self.key("k")
        self.ddb.put_item(TableName="items", Item={**key, "d": {"B": b"hi there"}})
        self.update(key, UpdateExpression="SET z = :one", ConditionExpression="contains(d, :part)",
                    ExpressionAttributeValues={":one": {"N": "1"}, ":part": {"B": b"here"}})
        self.assertEqual(self.get(key)["z"], {"N": "1"})
        code, _ = error_of(self.update, key, UpdateExpression="SET z = :one", ConditionExpression="contains(d, :part)",
                           ExpressionAttributeValues={":one": {"N": "1"}, ":part": {"B": b"dog"}})
        self.assertEqual(code, "ConditionalCheckFailedException")

    def test_bare_name_cannot_start_with_underscore(self):
        self.assertEqual(error_of(self.update, self.key("k"), UpdateExpression="SET _abc = :v",
                                  ExpressionAttributeValues={":v": {"N": "1"}}),
                         ("ValidationException",
                          'Invalid UpdateExpression: Syntax error; token: "_", near: "SET _abc"'))
        self.update(self.key("k"), UpdateExpression="SET a_1 = :v", ExpressionAttributeValues={":v": {"N": "1"}})
        self.assertEqual(self.get(self.key("k"))["a_1"], {"N": "1"})

    def test_sets_past_the_end_of_a_list_append_in_index_order(self):
        key = self.key("k")
        self.ddb.put_item(TableName="items", Item={**key, "a": {"L": [{"S": "one"}]}})
        self.update(key, UpdateExpression="SET a[84] = :v1, a[37] = :v2, a[17] = :v3",
                    ExpressionAttributeValues={":v1": {"S": "a1"}, ":v2": {"S": "a2"}, ":v3": {"S": "a3"}})
        self.assertEqual(self.get(key)["a"]["L"], [{"S": "one"}, {"S": "a3"}, {"S": "a2"}, {"S": "a1"}])

    def test_removal_only_update_does_not_create_a_missing_item(self):
        self.update(self.key("legacy"), AttributeUpdates={"a": {"Action": "DELETE"}})
        self.update(self.key("set"), AttributeUpdates={"a": {"Action": "DELETE", "Value": {"NS": ["4"]}}})
        self.update(self.key("remove"), UpdateExpression="REMOVE a, x.y")
        for name in ("legacy", "set", "remove"):
            self.assertIsNone(self.get(self.key(name)), name)
        # An update with no actions still creates the item.
        self.update(self.key("empty"), AttributeUpdates={})
        self.assertEqual(self.get(self.key("empty")), self.key("empty"))

    def test_attributes_to_get_rejects_duplicates(self):
        self.assertEqual(error_of(self.ddb.get_item, TableName="items", Key=self.key("k"), AttributesToGet=["a", "a"]),
                         ("ValidationException",
                          "One or more parameter values were invalid: Duplicate value in attribute name: a"))

    def test_attribute_updates_type_mismatch_message(self):
        key = self.key("k")
        self.ddb.put_item(TableName="items", Item={**key, "s": {"SS": ["dog"]}, "n": {"N": "2"}})
        for updates in ({"s": {"Action": "ADD", "Value": {"N": "2"}}},
                        {"s": {"Action": "DELETE", "Value": {"NS": ["1"]}}},
                        {"n": {"Action": "ADD", "Value": {"L": [{"S": "dog"}]}}}):
            self.assertEqual(error_of(self.update, key, AttributeUpdates=updates),
                             ("ValidationException", "Type mismatch for attribute to update"))
        # UpdateExpression keeps its own wording for the same clash.
        self.assertEqual(error_of(self.update, key, UpdateExpression="ADD s :n", ExpressionAttributeValues={":n": {"N": "2"}}),
                         ("ValidationException", "An operand in the update expression has an incorrect data type"))


    def test_item_operations_reject_table_names_aws_could_not_have_created(self):
        short = "1 validation error detected: Value 'xx' at 'tableName' failed to satisfy constraint: " \
                "Member must have length greater than or equal to 3"
        pattern = "1 validation error detected: Value 'non!existent!table' at 'tableName' failed to satisfy " \
                  "constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+"
        key = {"p": {"S": "k"}}
        for name, message in (("xx", short), ("non!existent!table", pattern)):
            calls = (lambda: self.ddb.put_item(TableName=name, Item=key),
                     lambda: self.ddb.get_item(TableName=name, Key=key),
                     lambda: self.ddb.update_item(TableName=name, Key=key, UpdateExpression="REMOVE a"),
                     lambda: self.ddb.delete_item(TableName=name, Key=key),
                     lambda: self.ddb.query(TableName=name, KeyConditionExpression="p = :p",
                                            ExpressionAttributeValues={":p": {"S": "k"}}),
                     lambda: self.ddb.scan(TableName=name))
            for call in calls:
                self.assertEqual(error_of(call), ("ValidationException", message))
            # Batches and transactions resolve their tables the same way.
            self.assertEqual(error_of(self.ddb.batch_get_item, RequestItems={name: {"Keys": [key]}})[0], "ValidationException")
            self.assertEqual(error_of(self.ddb.transact_get_items,
                                      TransactItems=[{"Get": {"TableName": name, "Key": key}}])[0], "ValidationException")
        # A well-formed name of no table, and a table's ARN, resolve as before.
        self.assertEqual(error_of(self.ddb.get_item, TableName="no_such_table", Key=key)[0], "ResourceNotFoundException")
        arn = self.ddb.describe_table(TableName="items")["Table"]["TableArn"]
        self.ddb.put_item(TableName=arn, Item={**self.key("arn"), "a": {"S": "x"}})
        self.assertEqual(self.get(self.key("arn"))["a"], {"S": "x"})

    def test_query_takes_legacy_key_conditions_beside_expressions(self):
        self.ddb.put_item(TableName="items", Item={**self.key("k"), "a": {"S": "x"}, "b": {"S": "y"}})
        conditions = {"p": {"AttributeValueList": [self.key("k")["p"]], "ComparisonOperator": "EQ"}}
        got = self.ddb.query(TableName="items", KeyConditions=conditions, ProjectionExpression="a")
        self.assertEqual(got["Items"], [{"a": {"S": "x"}}])
        got = self.ddb.query(TableName="items", KeyConditions=conditions, FilterExpression="b = :b",
                             ExpressionAttributeValues={":b": {"S": "nope"}})
        self.assertEqual((got["Count"], got["ScannedCount"]), (0, 1))
        # Only a KeyConditionExpression excludes them.
        self.assertEqual(error_of(self.ddb.query, TableName="items", KeyConditions=conditions,
                                  KeyConditionExpression="p = :p", ExpressionAttributeValues={":p": self.key("k")["p"]}),
                         ("ValidationException", "Can not use both expression and non-expression parameters in the same "
                          "request: Non-expression parameters: {KeyConditions} Expression parameters: "
                          "{KeyConditionExpression}"))

    def test_conditional_operator_needs_two_conditions(self):
        key = self.key("k")
        put = {"z": {"Action": "PUT", "Value": {"N": "1"}}}
        without = ("ValidationException", "ConditionalOperator cannot be used without Filter or Expected")
        too_few = ("ValidationException",
                   "ConditionalOperator can only be used when Filter or Expected has two or more elements")
        self.assertEqual(error_of(self.update, key, AttributeUpdates=put, ConditionalOperator="OR"), without)
        self.assertEqual(error_of(self.update, key, AttributeUpdates=put, Expected={}, ConditionalOperator="AND"), too_few)
        self.assertEqual(error_of(self.update, key, AttributeUpdates=put, ConditionalOperator="OR",
                                  Expected={"a": {"Exists": False}}), too_few)
        self.assertEqual(error_of(self.ddb.scan, TableName="items", ConditionalOperator="OR",
                                  ScanFilter={"a": {"ComparisonOperator": "NULL"}}), too_few)
        self.update(key, AttributeUpdates=put, ConditionalOperator="OR",
                    Expected={"a": {"Exists": False}, "b": {"Value": {"S": "no"}}})
        self.assertEqual(self.get(key)["z"], {"N": "1"})

    def test_inexact_number_arithmetic_is_an_overflow(self):
        overflow = ("ValidationException",
                    "Number overflow. Attempting to store a number with magnitude larger than supported range")
        for expression in ("SET b = :big - :one", "SET b = :big + :one"):
            self.assertEqual(error_of(self.update, self.key("k"), UpdateExpression=expression,
                                      ExpressionAttributeValues={":big": {"N": "1E50"}, ":one": {"N": "1"}}), overflow)
        # A number written with too many digits keeps its own message.
        self.assertEqual(error_of(self.update, self.key("k"), UpdateExpression="SET b = :v",
                                  ExpressionAttributeValues={":v": {"N": "1" * 39}}),
                         ("ValidationException", "ExpressionAttributeValues contains invalid value: Attempting to "
                          "store more than 38 significant digits in a Number for key :v"))

    @staticmethod
    def nested(levels):
        value = {"S": "leaf"}
        for _ in range(levels):
            value = {"M": {"a": value}}
        return value

    def test_thirty_one_nesting_levels_are_stored_and_read_back(self):
        # DynamoDB counts the attribute itself as level 1: 31 maps around a leaf is the deepest item.
        item = {**self.key("deep"), "v": self.nested(31)}
        self.ddb.put_item(TableName="items", Item=item)
        self.assertEqual(self.get(self.key("deep")), item)

    def test_deeper_items_are_dynamodbs_validation_error_not_a_json_error(self):
        nesting = ("Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
                   "beyond supported limit")
        for levels in (32, 50):
            # PutItem wraps the message in the validation envelope; BatchWriteItem does not.
            self.assertEqual(error_of(self.ddb.put_item, TableName="items", Item={**self.key("x"), "v": self.nested(levels)}),
                             ("ValidationException", "1 validation error detected: " + nesting), levels)
            self.assertEqual(error_of(self.ddb.batch_write_item, RequestItems={"items": [
                                 {"PutRequest": {"Item": {**self.key("x"), "v": self.nested(levels)}}}]}),
                             ("ValidationException", nesting), levels)

if __name__ == "__main__":
    unittest.main()

