"""DynamoDB batch limits through boto3: BatchGetItem answers at most 16 MB and returns the rest as
UnprocessedKeys (with the table's read options) for the client to follow; BatchWriteItem rejects
what AWS rejects, as a whole."""
import time
import unittest

from skybox_harness import SkyboxServer
from test_dynamodb import error_of

ITEM_BYTES = 350 * 1024  # DynamoDB's item size: names plus values


def key(i):
    return {"pk": {"S": f"k{100 + i}"}}


def item_of_size(i, size):
    # "pk" + "k1xx" + "data" + the payload
    return {**key(i), "data": {"S": "x" * (size - 2 - 4 - 4)}}


class BatchLimitsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.ddb = cls.server.client("dynamodb")
        for name in ("big", "small"):
            cls.ddb.create_table(TableName=name, KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                 AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                                 BillingMode="PAY_PER_REQUEST")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_batch_get_returns_unprocessed_keys_past_16_mb_and_the_client_follows_them(self):
        for start in range(0, 100, 25):
            out = self.ddb.batch_write_item(RequestItems={"big": [{"PutRequest": {"Item": item_of_size(i, ITEM_BYTES)}}
                                                                  for i in range(start, start + 25)]})
            self.assertEqual(out["UnprocessedItems"], {})
        self.ddb.put_item(TableName="small", Item={**key(0), "v": {"N": "1"}})
        request = {"big": {"Keys": [key(i) for i in range(99)], "ProjectionExpression": "#k, #d",
                           "ExpressionAttributeNames": {"#k": "pk", "#d": "data"}, "ConsistentRead": True}}
        # 100 keys at most; tables are answered in name order, so "small" waits for "big".
        request["small"] = {"Keys": [key(0)], "ConsistentRead": True}
        pages, got, small = [], set(), []
        began = time.monotonic()
        while request:
            out = self.ddb.batch_get_item(RequestItems=request, ReturnConsumedCapacity="TOTAL")
            pages.append(len(out["Responses"].get("big", [])))
            for item in out["Responses"].get("big", []):
                self.assertEqual(len(item["data"]["S"]), ITEM_BYTES - 10)
                got.add(item["pk"]["S"])
            small += out["Responses"].get("small", [])
            request = out["UnprocessedKeys"]
            if request:
                # The table's read options come back with its keys.
                self.assertEqual(request["big"]["ProjectionExpression"], "#k, #d")
                self.assertEqual(request["big"]["ExpressionAttributeNames"], {"#k": "pk", "#d": "data"})
                self.assertTrue(request["big"]["ConsistentRead"])
                self.assertEqual(request["small"], {"Keys": [key(0)], "ConsistentRead": True})
        # 16,000,000 bytes of 358,400-byte items: 44 per response.
        self.assertEqual(pages, [44, 44, 11])
        self.assertEqual(got, {f"k{100 + i}" for i in range(99)})
        self.assertEqual(small, [{**key(0), "v": {"N": "1"}}])
        self.assertLess(time.monotonic() - began, 60)

    def test_batch_write_limits_reject_the_whole_batch(self):
        puts = lambda start, count: [{"PutRequest": {"Item": key(i)}} for i in range(start, start + count)]
        self.assertEqual(error_of(self.ddb.batch_write_item, RequestItems={"small": puts(10, 20), "big": puts(200, 6)}),
                         ("ValidationException", "Too many items requested for the BatchWriteItem call"))
        self.assertEqual(error_of(self.ddb.batch_write_item, RequestItems={"small": puts(10, 2) + [
            {"PutRequest": {"Item": item_of_size(12, 400 * 1024 + 1)}}]}),
                         ("ValidationException", "Item size has exceeded the maximum allowed size"))
        self.assertEqual(error_of(self.ddb.batch_write_item, RequestItems={"small": puts(10, 2) + [
            {"DeleteRequest": {"Key": key(11)}}]}),
                         ("ValidationException", "Provided list of item keys contains duplicates"))
        # Nothing of a rejected batch was written.
        self.assertNotIn("Item", self.ddb.get_item(TableName="small", Key=key(10)))
        out = self.ddb.batch_write_item(RequestItems={"small": puts(10, 20) + [
            {"PutRequest": {"Item": item_of_size(30, 400 * 1024)}}], "big": puts(200, 4)})
        self.assertEqual(out["UnprocessedItems"], {})
        self.assertIn("Item", self.ddb.get_item(TableName="small", Key=key(30)))


if __name__ == "__main__":
    unittest.main()
