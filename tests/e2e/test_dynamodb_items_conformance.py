"""DynamoDB item operations where Skybox once differed from AWS: attribute_type() of a value,
contains() inside a binary, bare names starting with '_', SETs past a list's end appended in
index order, removal-only updates of a missing item, AttributesToGet duplicates and the
AttributeUpdates type-mismatch message."""
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


if __name__ == "__main__":
    unittest.main()
