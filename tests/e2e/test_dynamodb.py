"""DynamoDB through boto3: the control plane, items with expressions, Query/Scan over tables and
indexes, batches, transactions, AWS's exact validation messages, concurrency of conditional
writes and durability across a restart. Uses both the client and the resource API."""
import decimal
import threading
import time
import unittest

import boto3
import botocore.exceptions
from boto3.dynamodb.conditions import Attr, Key

from skybox_harness import SkyboxServer, wait_for


def error_of(fn, *args, **kwargs):
    try:
        fn(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("expected an error")


class DynamoDbTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.ddb = cls.server.client("dynamodb")
        cls.resource = boto3.resource("dynamodb", endpoint_url=cls.server.endpoint, region_name="us-east-1",
                                      aws_access_key_id="test", aws_secret_access_key="test")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def create_table(self, name, range_type=None, gsi=None, lsi=None, billing="PAY_PER_REQUEST"):
        keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
        defs = [{"AttributeName": "pk", "AttributeType": "S"}]
        if range_type:
            keys.append({"AttributeName": "sk", "KeyType": "RANGE"})
            defs.append({"AttributeName": "sk", "AttributeType": range_type})
        args = dict(TableName=name, KeySchema=keys, AttributeDefinitions=defs, BillingMode=billing)
        if gsi:
            defs.append({"AttributeName": "gpk", "AttributeType": "S"})
            args["GlobalSecondaryIndexes"] = [{"IndexName": gsi, "KeySchema": [{"AttributeName": "gpk", "KeyType": "HASH"},
                                                                                {"AttributeName": "sk", "KeyType": "RANGE"}],
                                               "Projection": {"ProjectionType": "ALL"}}]
        if lsi:
            defs.append({"AttributeName": "lsk", "AttributeType": "N"})
            args["LocalSecondaryIndexes"] = [{"IndexName": lsi, "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"},
                                                                               {"AttributeName": "lsk", "KeyType": "RANGE"}],
                                              "Projection": {"ProjectionType": "KEYS_ONLY"}}]
        self.ddb.create_table(**args)
        self.addCleanup(lambda: self.ddb.delete_table(TableName=name))
        return self.resource.Table(name)


class ControlPlaneTest(DynamoDbTestBase):
    def test_create_describe_list_delete(self):
        out = self.ddb.create_table(
            TableName="orders", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 7},
            Tags=[{"Key": "team", "Value": "a"}])["TableDescription"]
        self.assertEqual(out["TableStatus"], "ACTIVE")
        self.assertEqual(out["TableArn"], "arn:aws:dynamodb:us-east-1:000000000000:table/orders")
        self.assertEqual(out["ProvisionedThroughput"]["WriteCapacityUnits"], 7)
        self.ddb.get_waiter("table_exists").wait(TableName="orders")
        table = self.ddb.describe_table(TableName="orders")["Table"]
        self.assertEqual(table["ItemCount"], 0)
        self.assertEqual(len(table["TableId"]), 36)
        self.assertIn("orders", self.ddb.list_tables()["TableNames"])
        tags = self.ddb.list_tags_of_resource(ResourceArn=out["TableArn"])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "Value": "a"}])
        self.ddb.tag_resource(ResourceArn=out["TableArn"], Tags=[{"Key": "env", "Value": "dev"}])
        self.ddb.untag_resource(ResourceArn=out["TableArn"], TagKeys=["team"])
        self.assertEqual(self.ddb.list_tags_of_resource(ResourceArn=out["TableArn"])["Tags"], [{"Key": "env", "Value": "dev"}])
        self.assertEqual(self.ddb.delete_table(TableName="orders")["TableDescription"]["TableStatus"], "DELETING")
        self.assertEqual(error_of(self.ddb.describe_table, TableName="orders"),
                         ("ResourceNotFoundException", "Requested resource not found: Table: orders not found"))

    def test_create_table_validation_messages(self):
        self.create_table("dupe")
        self.assertEqual(error_of(self.ddb.create_table, TableName="dupe", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST"),
                         ("ResourceInUseException", "Table already exists: dupe"))
        self.assertEqual(error_of(self.ddb.create_table, TableName="bad1", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
                                  BillingMode="PAY_PER_REQUEST"),
                         ("ValidationException", "One or more parameter values were invalid: Number of attributes in KeySchema does not "
                                                 "exactly match number of attributes defined in AttributeDefinitions"))
        self.assertEqual(error_of(self.ddb.create_table, TableName="bad2", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "x", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST"),
                         ("ValidationException", "One or more parameter values were invalid: Some index key attributes are not defined in "
                                                 "AttributeDefinitions. Keys: [pk], AttributeDefinitions: [x]"))
        self.assertEqual(error_of(self.ddb.create_table, TableName="bad3", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                                  ProvisionedThroughput={"ReadCapacityUnits": 1, "WriteCapacityUnits": 1}),
                         ("ValidationException", "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
                                                 "can be specified when BillingMode is PAY_PER_REQUEST"))
        self.assertEqual(error_of(self.ddb.create_table, TableName="bad4", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PROVISIONED"),
                         ("ValidationException", "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits "
                                                 "must both be specified when BillingMode is PROVISIONED"))
        self.assertEqual(error_of(self.ddb.create_table, TableName="bad4", KeySchema=[{"AttributeName": "pk", "KeyType": "RANGE"}],
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST"),
                         ("ValidationException", "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"))

    def test_deletion_protection(self):
        self.ddb.create_table(TableName="guarded", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                              BillingMode="PAY_PER_REQUEST", DeletionProtectionEnabled=True)
        self.assertEqual(error_of(self.ddb.delete_table, TableName="guarded"),
                         ("ResourceInUseException", "Resource cannot be deleted as it is currently protected against "
                                                    "deletion. Disable deletion protection first."))
        self.ddb.update_table(TableName="guarded", DeletionProtectionEnabled=False)
        self.ddb.delete_table(TableName="guarded")

    def test_list_tables_pages(self):
        for i in range(5):
            self.create_table(f"page{i}")
        first = self.ddb.list_tables(Limit=2)
        self.assertEqual(first["TableNames"], ["page0", "page1"])
        self.assertEqual(first["LastEvaluatedTableName"], "page1")
        rest = self.ddb.list_tables(ExclusiveStartTableName="page1", Limit=10)["TableNames"]
        self.assertEqual(rest[:3], ["page2", "page3", "page4"])

    def test_ttl_backups_limits_endpoints(self):
        self.create_table("settings")
        self.assertEqual(self.ddb.describe_time_to_live(TableName="settings")["TimeToLiveDescription"]["TimeToLiveStatus"], "DISABLED")
        self.ddb.update_time_to_live(TableName="settings", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
        self.assertEqual(self.ddb.describe_time_to_live(TableName="settings")["TimeToLiveDescription"],
                         {"TimeToLiveStatus": "ENABLED", "AttributeName": "exp"})
        self.assertEqual(error_of(self.ddb.update_time_to_live, TableName="settings",
                                  TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"}),
                         ("ValidationException", "TimeToLive is already enabled"))
        backups = self.ddb.describe_continuous_backups(TableName="settings")["ContinuousBackupsDescription"]
        self.assertEqual(backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "DISABLED")
        self.ddb.update_continuous_backups(TableName="settings", PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True})
        backups = self.ddb.describe_continuous_backups(TableName="settings")["ContinuousBackupsDescription"]
        self.assertEqual(backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"], "ENABLED")
        self.assertEqual(self.ddb.describe_limits()["TableMaxReadCapacityUnits"], 40000)
        self.assertEqual(len(self.ddb.describe_endpoints()["Endpoints"]), 1)

    def test_update_table_creates_and_backfills_a_gsi(self):
        table = self.create_table("backfill", range_type="N")
        for i in range(10):
            table.put_item(Item={"pk": f"p{i % 3}", "sk": i, "color": "red" if i % 2 else "blue"})
        self.ddb.update_table(TableName="backfill", AttributeDefinitions=[{"AttributeName": "color", "AttributeType": "S"}],
                              GlobalSecondaryIndexUpdates=[{"Create": {"IndexName": "by_color", "KeySchema": [
                                  {"AttributeName": "color", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}}}])
        reds = table.query(IndexName="by_color", KeyConditionExpression=Key("color").eq("red"))["Items"]
        self.assertEqual(sorted(int(i["sk"]) for i in reds), [1, 3, 5, 7, 9])
        self.assertEqual(set(reds[0]), {"pk", "sk", "color"})
        table.put_item(Item={"pk": "new", "sk": 100, "color": "red"})
        self.assertEqual(table.query(IndexName="by_color", KeyConditionExpression=Key("color").eq("red"), Select="COUNT")["Count"], 6)
        self.ddb.update_table(TableName="backfill", GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by_color"}}])
        self.assertEqual(error_of(table.query, IndexName="by_color", KeyConditionExpression=Key("color").eq("red")),
                         ("ValidationException", "The table does not have the specified index: by_color"))


class ItemTest(DynamoDbTestBase):
    def test_put_get_delete_with_resource_api(self):
        table = self.create_table("items1", range_type="N")
        table.put_item(Item={"pk": "a", "sk": 1, "n": decimal.Decimal("1.50"), "tags": {"x", "y"}, "m": {"l": [1, "two", None, True]},
                             "b": b"\x00\x01"})
        item = table.get_item(Key={"pk": "a", "sk": 1})["Item"]
        self.assertEqual(item["n"], decimal.Decimal("1.5"))
        self.assertEqual(item["tags"], {"x", "y"})
        self.assertEqual(item["m"]["l"], [1, "two", None, True])
        self.assertEqual(item["b"].value, b"\x00\x01")
        self.assertNotIn("Item", table.get_item(Key={"pk": "a", "sk": 2}))
        old = table.delete_item(Key={"pk": "a", "sk": 1}, ReturnValues="ALL_OLD")["Attributes"]
        self.assertEqual(old["pk"], "a")
        self.assertNotIn("Item", table.get_item(Key={"pk": "a", "sk": 1}))

    def test_key_validation_messages(self):
        table = self.create_table("items2", range_type="S")
        self.assertEqual(error_of(table.get_item, Key={"pk": "a"}),
                         ("ValidationException", "The provided key element does not match the schema"))
        self.assertEqual(error_of(table.get_item, Key={"pk": "a", "sk": 1}),
                         ("ValidationException", "The provided key element does not match the schema"))
        self.assertEqual(error_of(table.put_item, Item={"pk": "a"}),
                         ("ValidationException", "One or more parameter values were invalid: Missing the key sk in the item"))
        self.assertEqual(error_of(table.put_item, Item={"pk": "a", "sk": 5}),
                         ("ValidationException", "One or more parameter values were invalid: Type mismatch for key sk expected: S actual: N"))
        self.assertEqual(error_of(table.put_item, Item={"pk": "a", "sk": "x", "big": "x" * 400 * 1024}),
                         ("ValidationException", "Item size has exceeded the maximum allowed size"))
        table.put_item(Item={"pk": "a", "sk": "grow", "big": "x" * 300 * 1024})
        self.assertEqual(error_of(table.update_item, Key={"pk": "a", "sk": "grow"}, UpdateExpression="SET more = :m",
                                  ExpressionAttributeValues={":m": "y" * 200 * 1024}),
                         ("ValidationException", "Item size to update has exceeded the maximum allowed size"))
        self.assertEqual(error_of(self.ddb.get_item, TableName="missing", Key={"pk": {"S": "a"}}),
                         ("ResourceNotFoundException", "Requested resource not found"))

    def test_conditions_and_return_values(self):
        table = self.create_table("items3")
        table.put_item(Item={"pk": "k", "v": 1}, ConditionExpression=Attr("pk").not_exists())
        self.assertEqual(error_of(table.put_item, Item={"pk": "k", "v": 2}, ConditionExpression=Attr("pk").not_exists()),
                         ("ConditionalCheckFailedException", "The conditional request failed"))
        out = table.update_item(Key={"pk": "k"}, UpdateExpression="SET v = v + :one, #s = :s",
                                ExpressionAttributeNames={"#s": "status"},
                                ExpressionAttributeValues={":one": 1, ":s": "ok"}, ReturnValues="UPDATED_NEW")
        self.assertEqual(out["Attributes"], {"v": 2, "status": "ok"})
        out = table.update_item(Key={"pk": "k"}, UpdateExpression="REMOVE #s ADD c :n", ExpressionAttributeNames={"#s": "status"},
                                ExpressionAttributeValues={":n": 5}, ConditionExpression=Attr("v").eq(2), ReturnValues="ALL_NEW")
        self.assertEqual(out["Attributes"], {"pk": "k", "v": 2, "c": 5})
        self.assertEqual(error_of(table.update_item, Key={"pk": "k"}, UpdateExpression="SET pk = :v",
                                  ExpressionAttributeValues={":v": "z"}),
                         ("ValidationException", "One or more parameter values were invalid: Cannot update attribute pk. "
                                                 "This attribute is part of the key"))
        self.assertEqual(error_of(table.put_item, Item={"pk": "k"}, ReturnValues="ALL_NEW"),
                         ("ValidationException", "Return values set to invalid value"))
        projected = table.get_item(Key={"pk": "k"}, ProjectionExpression="c")["Item"]
        self.assertEqual(projected, {"c": 5})

    def test_return_values_on_condition_check_failure(self):
        self.create_table("rvoccf")
        old = {"pk": {"S": "k"}, "n": {"N": "1"}, "tags": {"SS": ["a", "b"]}}
        self.ddb.put_item(TableName="rvoccf", Item=old)
        failing = [
            (self.ddb.put_item, {"Item": {"pk": {"S": "k"}}}),
            (self.ddb.update_item, {"Key": {"pk": {"S": "k"}}, "UpdateExpression": "SET n = :two",
                                    "ExpressionAttributeValues": {":two": {"N": "2"}}}),
            (self.ddb.delete_item, {"Key": {"pk": {"S": "k"}}}),
        ]
        for call, args in failing:
            for asked in ("ALL_OLD", "NONE"):
                with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException) as ctx:
                    call(TableName="rvoccf", ConditionExpression="attribute_not_exists(pk)",
                         ReturnValuesOnConditionCheckFailure=asked, **args)
                self.assertEqual(ctx.exception.response["Error"]["Message"], "The conditional request failed")
                self.assertEqual(ctx.exception.response.get("Item"), old if asked == "ALL_OLD" else None)
        # A missing item has nothing to return.
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException) as ctx:
            self.ddb.delete_item(TableName="rvoccf", Key={"pk": {"S": "gone"}}, ConditionExpression="attribute_exists(pk)",
                                 ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertNotIn("Item", ctx.exception.response)
        self.assertEqual(self.ddb.get_item(TableName="rvoccf", Key={"pk": {"S": "k"}})["Item"], old)

    def test_consumed_capacity(self):
        table = self.create_table("cap")
        out = self.ddb.put_item(TableName="cap", Item={"pk": {"S": "a"}, "d": {"S": "x" * 1500}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        out = self.ddb.get_item(TableName="cap", Key={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 0.5)
        out = self.ddb.get_item(TableName="cap", Key={"pk": {"S": "a"}}, ConsistentRead=True, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 1.0)
        # A put is charged for the larger of the item it replaces and the new one, also when
        # the item was replaced before by writes that asked for nothing back.
        out = self.ddb.put_item(TableName="cap", Item={"pk": {"S": "a"}}, ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"]["CapacityUnits"], 2.0)
        self.ddb.put_item(TableName="cap", Item={"pk": {"S": "a"}, "d": {"S": "y" * 2500}})
        self.ddb.batch_write_item(RequestItems={"cap": [{"PutRequest": {"Item": {"pk": {"S": "a"}, "d": {"S": "z" * 3500}}}}]})
        out = self.ddb.batch_write_item(RequestItems={"cap": [{"PutRequest": {"Item": {"pk": {"S": "a"}}}}]},
                                        ReturnConsumedCapacity="TOTAL")
        self.assertEqual(out["ConsumedCapacity"][0]["CapacityUnits"], 4.0)
        self.ddb.put_item(TableName="cap", Item={"pk": {"S": "a"}, "d": {"S": "w"}})
        out = self.ddb.put_item(TableName="cap", Item={"pk": {"S": "a"}}, ReturnValues="ALL_OLD")
        self.assertEqual(out["Attributes"], {"pk": {"S": "a"}, "d": {"S": "w"}})
        del table

    def test_concurrent_conditional_puts_only_one_wins(self):
        self.create_table("race")
        winners = []
        lock = threading.Lock()

        def attempt(i):
            client = self.server.client("dynamodb")
            try:
                client.put_item(TableName="race", Item={"pk": {"S": "x"}, "w": {"N": str(i)}},
                                ConditionExpression="attribute_not_exists(pk)")
                with lock:
                    winners.append(i)
            except botocore.exceptions.ClientError as e:
                assert e.response["Error"]["Code"] == "ConditionalCheckFailedException"

        threads = [threading.Thread(target=attempt, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(winners), 1)
        item = self.ddb.get_item(TableName="race", Key={"pk": {"S": "x"}})["Item"]
        self.assertEqual(item["w"]["N"], str(winners[0]))

    def test_concurrent_counter_increments_are_not_lost(self):
        self.create_table("counter")
        def bump():
            client = self.server.client("dynamodb")
            for _ in range(20):
                client.update_item(TableName="counter", Key={"pk": {"S": "c"}}, UpdateExpression="ADD n :one",
                                   ExpressionAttributeValues={":one": {"N": "1"}})
        threads = [threading.Thread(target=bump) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(self.ddb.get_item(TableName="counter", Key={"pk": {"S": "c"}})["Item"]["n"]["N"], "160")


class QueryScanTest(DynamoDbTestBase):
    def test_item_collection_metrics_for_tables_with_local_indexes(self):
        self.create_table("icm", range_type="N", lsi="by-lsk")
        plain = self.create_table("icm-plain", range_type="N")
        expected = {"ItemCollectionKey": {"pk": {"S": "p"}}, "SizeEstimateRangeGB": [0.0, 1.0]}
        put = self.ddb.put_item(TableName="icm", Item={"pk": {"S": "p"}, "sk": {"N": "1"}, "lsk": {"N": "5"}},
                                ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(put["ItemCollectionMetrics"], expected)
        update = self.ddb.update_item(TableName="icm", Key={"pk": {"S": "p"}, "sk": {"N": "1"}},
                                      UpdateExpression="SET v = :v", ExpressionAttributeValues={":v": {"N": "1"}},
                                      ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(update["ItemCollectionMetrics"], expected)
        batch = self.ddb.batch_write_item(RequestItems={"icm": [
            {"PutRequest": {"Item": {"pk": {"S": "p"}, "sk": {"N": "2"}}}},
            {"PutRequest": {"Item": {"pk": {"S": "q"}, "sk": {"N": "1"}}}},
            {"DeleteRequest": {"Key": {"pk": {"S": "p"}, "sk": {"N": "1"}}}}]}, ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(sorted(m["ItemCollectionKey"]["pk"]["S"] for m in batch["ItemCollectionMetrics"]["icm"]),
                         ["p", "q"])
        transact = self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": "icm", "Item": {"pk": {"S": "r"}, "sk": {"N": "1"}}}}], ReturnItemCollectionMetrics="SIZE")
        self.assertEqual(transact["ItemCollectionMetrics"]["icm"][0]["ItemCollectionKey"], {"pk": {"S": "r"}})
        # Only tables with a local secondary index report item collections; NONE asks for nothing.
        self.assertNotIn("ItemCollectionMetrics", plain.put_item(Item={"pk": "p", "sk": 1}, ReturnItemCollectionMetrics="SIZE"))
        self.assertNotIn("ItemCollectionMetrics", self.ddb.put_item(TableName="icm", Item={"pk": {"S": "p"}, "sk": {"N": "3"}}))

    def test_query_filter_may_not_use_key_attributes(self):
        table = self.create_table("qry-keyfilter", range_type="N", gsi="by-g")
        table.put_item(Item={"pk": "p", "sk": 1, "gpk": "g", "extra": 1})

        def validation(**kwargs):
            with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                self.ddb.query(TableName="qry-keyfilter", **kwargs)
            self.assertEqual(ctx.exception.response["Error"]["Code"], "ValidationException")
            return ctx.exception.response["Error"]["Message"]

        key = {"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"N": "1"}}}
        self.assertEqual(validation(FilterExpression="sk = :s", **key),
                         "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")
        self.assertEqual(validation(KeyConditions={"pk": {"AttributeValueList": [{"S": "p"}], "ComparisonOperator": "EQ"}},
                                    QueryFilter={"sk": {"AttributeValueList": [{"N": "1"}], "ComparisonOperator": "EQ"}}),
                         "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk")
        self.assertEqual(validation(IndexName="by-g", KeyConditionExpression="gpk = :g", FilterExpression="sk > :s",
                                    ExpressionAttributeValues={":g": {"S": "g"}, ":s": {"N": "0"}}),
                         "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk")
        # Non-key attributes filter as usual, and a Scan may filter on keys.
        self.assertEqual(self.ddb.query(TableName="qry-keyfilter", FilterExpression="extra = :s", **key)["Count"], 1)
        self.assertEqual(self.ddb.scan(TableName="qry-keyfilter", FilterExpression="sk = :s",
                                       ExpressionAttributeValues={":s": {"N": "1"}})["Count"], 1)

    def test_query_sort_key_conditions_and_paging(self):
        table = self.create_table("qry1", range_type="N")
        for i in range(-5, 20):
            table.put_item(Item={"pk": "p", "sk": decimal.Decimal(i) / 2, "odd": i % 2 == 1})
        table.put_item(Item={"pk": "other", "sk": 1})
        items = table.query(KeyConditionExpression=Key("pk").eq("p"))["Items"]
        self.assertEqual([i["sk"] for i in items], [decimal.Decimal(i) / 2 for i in range(-5, 20)])
        between = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").between(-1, 1))["Items"]
        self.assertEqual([i["sk"] for i in between], [decimal.Decimal(x) / 2 for x in range(-2, 3)])
        desc = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").lt(0), ScanIndexForward=False)["Items"]
        self.assertEqual(desc[0]["sk"], decimal.Decimal("-0.5"))
        seen, start, pages = [], None, 0
        while True:
            args = dict(KeyConditionExpression=Key("pk").eq("p"), Limit=7)
            if start:
                args["ExclusiveStartKey"] = start
            page = table.query(**args)
            seen += [i["sk"] for i in page["Items"]]
            pages += 1
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        self.assertEqual(seen, [decimal.Decimal(i) / 2 for i in range(-5, 20)])
        self.assertEqual(pages, 4)
        filtered = table.query(KeyConditionExpression=Key("pk").eq("p"), FilterExpression=Attr("odd").eq(True))
        self.assertEqual(filtered["ScannedCount"], 25)
        self.assertEqual(filtered["Count"], 13)

    def test_begins_with_on_strings(self):
        table = self.create_table("qry2", range_type="S")
        for sk in ["a", "ab", "abc", "b", "a\x00"]:
            table.put_item(Item={"pk": "p", "sk": sk})
        items = table.query(KeyConditionExpression=Key("pk").eq("p") & Key("sk").begins_with("ab"))["Items"]
        self.assertEqual([i["sk"] for i in items], ["ab", "abc"])

    def test_gsi_lsi_and_scan_segments(self):
        table = self.create_table("qry3", range_type="N", gsi="by_g", lsi="by_l")
        for i in range(30):
            item = {"pk": f"p{i % 5}", "sk": i, "lsk": 100 - i, "payload": "x"}
            if i % 3 == 0:
                item["gpk"] = "g"
            table.put_item(Item=item)
        gsi = table.query(IndexName="by_g", KeyConditionExpression=Key("gpk").eq("g"))["Items"]
        self.assertEqual([int(i["sk"]) for i in gsi], list(range(0, 30, 3)))
        self.assertEqual(error_of(table.query, IndexName="by_g", KeyConditionExpression=Key("gpk").eq("g"), ConsistentRead=True),
                         ("ValidationException", "Consistent reads are not supported on global secondary indexes"))
        lsi = table.query(IndexName="by_l", KeyConditionExpression=Key("pk").eq("p0"))["Items"]
        self.assertEqual([int(i["lsk"]) for i in lsi], sorted(100 - i for i in range(0, 30, 5)))
        self.assertEqual(set(lsi[0]), {"pk", "sk", "lsk"})
        table.delete_item(Key={"pk": "p0", "sk": 0})
        table.update_item(Key={"pk": "p3", "sk": 3}, UpdateExpression="REMOVE gpk")
        gsi = table.query(IndexName="by_g", KeyConditionExpression=Key("gpk").eq("g"))["Items"]
        self.assertEqual([int(i["sk"]) for i in gsi], list(range(6, 30, 3)))
        segments = [table.scan(Segment=s, TotalSegments=3)["Items"] for s in range(3)]
        self.assertEqual(sorted(int(i["sk"]) for seg in segments for i in seg), list(range(1, 30)))
        self.assertEqual(table.scan(Select="COUNT")["Count"], 29)
        self.assertEqual(table.scan(IndexName="by_g", Select="COUNT")["Count"], 8)


class BatchAndTransactionTest(DynamoDbTestBase):
    def test_batch_write_and_get(self):
        table = self.create_table("batch")
        with table.batch_writer() as writer:
            for i in range(60):
                writer.put_item(Item={"pk": f"k{i}", "v": i})
        out = self.resource.batch_get_item(RequestItems={"batch": {"Keys": [{"pk": f"k{i}"} for i in range(0, 60, 2)]}})
        self.assertEqual(sorted(int(i["v"]) for i in out["Responses"]["batch"]), list(range(0, 60, 2)))
        self.assertEqual(out["UnprocessedKeys"], {})
        self.assertEqual(error_of(self.ddb.batch_write_item, RequestItems={"batch": [
            {"PutRequest": {"Item": {"pk": {"S": "dup"}}}}, {"DeleteRequest": {"Key": {"pk": {"S": "dup"}}}}]}),
            ("ValidationException", "Provided list of item keys contains duplicates"))

    def test_transactions(self):
        self.create_table("txn")
        self.ddb.put_item(TableName="txn", Item={"pk": {"S": "acct1"}, "balance": {"N": "100"}})
        self.ddb.transact_write_items(TransactItems=[
            {"Update": {"TableName": "txn", "Key": {"pk": {"S": "acct1"}}, "UpdateExpression": "SET balance = balance - :a",
                        "ConditionExpression": "balance >= :a", "ExpressionAttributeValues": {":a": {"N": "30"}}}},
            {"Put": {"TableName": "txn", "Item": {"pk": {"S": "acct2"}, "balance": {"N": "30"}}}}])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.ddb.transact_write_items(TransactItems=[
                {"Update": {"TableName": "txn", "Key": {"pk": {"S": "acct1"}},
                            "UpdateExpression": "SET balance = balance - :a", "ConditionExpression": "balance >= :a",
                            "ExpressionAttributeValues": {":a": {"N": "500"}}}},
                {"Delete": {"TableName": "txn", "Key": {"pk": {"S": "acct2"}}}}])
        response = ctx.exception.response
        self.assertEqual((response["Error"]["Code"], response["Error"]["Message"]),
                         ("TransactionCanceledException", "Transaction cancelled, please refer cancellation reasons for "
                                                          "specific reasons [ConditionalCheckFailed, None]"))
        self.assertEqual(response["CancellationReasons"],
                         [{"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
                          {"Code": "None"}])
        got = self.ddb.transact_get_items(TransactItems=[{"Get": {"TableName": "txn", "Key": {"pk": {"S": "acct1"}}}},
                                                         {"Get": {"TableName": "txn", "Key": {"pk": {"S": "acct2"}}}},
                                                         {"Get": {"TableName": "txn", "Key": {"pk": {"S": "none"}}}}])["Responses"]
        self.assertEqual([r.get("Item", {}).get("balance", {}).get("N") for r in got], ["70", "30", None])
        self.assertEqual(error_of(self.ddb.transact_write_items, TransactItems=[
            {"Delete": {"TableName": "txn", "Key": {"pk": {"S": "acct2"}}}},
            {"ConditionCheck": {"TableName": "txn", "Key": {"pk": {"S": "acct2"}}, "ConditionExpression": "attribute_exists(pk)"}}]),
            ("ValidationException", "Transaction request cannot include multiple operations on one item"))

    def test_cancellation_reasons_carry_the_old_item_when_asked(self):
        self.create_table("txnold")
        old = {"pk": {"S": "a"}, "v": {"N": "7"}}
        self.ddb.put_item(TableName="txnold", Item=old)
        with self.assertRaises(self.ddb.exceptions.TransactionCanceledException) as ctx:
            self.ddb.transact_write_items(TransactItems=[
                {"Put": {"TableName": "txnold", "Item": {"pk": {"S": "b"}}, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
                {"ConditionCheck": {"TableName": "txnold", "Key": {"pk": {"S": "a"}}, "ConditionExpression": "v = :v",
                                    "ExpressionAttributeValues": {":v": {"N": "8"}},
                                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}])
        self.assertEqual(ctx.exception.response["CancellationReasons"],
                         [{"Code": "None"},
                          {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed", "Item": old}])
        self.assertNotIn("Item", self.ddb.get_item(TableName="txnold", Key={"pk": {"S": "b"}}))

    def test_client_request_token_is_idempotent(self):
        self.create_table("idem")
        items = [{"Update": {"TableName": "idem", "Key": {"pk": {"S": "c"}}, "UpdateExpression": "ADD n :one",
                             "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
        self.ddb.transact_write_items(TransactItems=items, ClientRequestToken="token-1")
        self.ddb.transact_write_items(TransactItems=items, ClientRequestToken="token-1")
        self.assertEqual(self.ddb.get_item(TableName="idem", Key={"pk": {"S": "c"}})["Item"]["n"]["N"], "1")
        items[0]["Update"]["ExpressionAttributeValues"][":one"]["N"] = "2"
        self.assertEqual(error_of(self.ddb.transact_write_items, TransactItems=items, ClientRequestToken="token-1")[0],
                         "IdempotentParameterMismatchException")


class TimeToLiveTest(DynamoDbTestBase):
    def test_expired_items_are_deleted_with_their_index_entries(self):
        table = self.create_table("ttl_items", range_type="N", gsi="by_g")
        self.ddb.update_time_to_live(TableName="ttl_items", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
        now = int(time.time())
        table.put_item(Item={"pk": "a", "sk": 1, "gpk": "g", "exp": now - 10})         # expired
        table.put_item(Item={"pk": "a", "sk": 2, "gpk": "g", "exp": now + 3600})       # not yet
        table.put_item(Item={"pk": "a", "sk": 3, "gpk": "g", "exp": "soon"})           # not a number
        table.put_item(Item={"pk": "a", "sk": 4, "gpk": "g", "exp": now - 6 * 366 * 86400})  # older than 5 years
        table.put_item(Item={"pk": "a", "sk": 5, "gpk": "g"})                          # no TTL attribute
        self.assertTrue(wait_for(lambda: "Item" not in table.get_item(Key={"pk": "a", "sk": 1}), timeout=10))
        remaining = table.query(IndexName="by_g", KeyConditionExpression=Key("gpk").eq("g"))["Items"]
        self.assertEqual(sorted(int(i["sk"]) for i in remaining), [2, 3, 4, 5])


class StreamsTest(DynamoDbTestBase):
    def test_records_in_commit_order_with_images(self):
        self.ddb.create_table(TableName="streamed", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                              StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        self.addCleanup(lambda: self.ddb.delete_table(TableName="streamed"))
        arn = self.ddb.describe_table(TableName="streamed")["Table"]["LatestStreamArn"]
        streams = self.server.client("dynamodbstreams")
        self.assertIn(arn, [s["StreamArn"] for s in streams.list_streams(TableName="streamed")["Streams"]])
        self.ddb.put_item(TableName="streamed", Item={"pk": {"S": "a"}, "v": {"N": "1"}})
        self.ddb.update_item(TableName="streamed", Key={"pk": {"S": "a"}}, UpdateExpression="SET v = :v",
                             ExpressionAttributeValues={":v": {"N": "2"}})
        self.ddb.put_item(TableName="streamed", Item={"pk": {"S": "a"}, "v": {"N": "2"}})  # unchanged: no record
        self.ddb.delete_item(TableName="streamed", Key={"pk": {"S": "a"}})
        description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(description["StreamViewType"], "NEW_AND_OLD_IMAGES")
        shard = description["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        out = streams.get_records(ShardIterator=iterator)
        records = out["Records"]
        self.assertEqual([r["eventName"] for r in records], ["INSERT", "MODIFY", "REMOVE"])
        self.assertEqual(records[1]["dynamodb"]["OldImage"]["v"]["N"], "1")
        self.assertEqual(records[1]["dynamodb"]["NewImage"]["v"]["N"], "2")
        self.assertNotIn("NewImage", records[2]["dynamodb"])
        self.assertEqual(records[0]["dynamodb"]["Keys"], {"pk": {"S": "a"}})
        seqs = [r["dynamodb"]["SequenceNumber"] for r in records]
        self.assertEqual(seqs, sorted(seqs))
        self.assertEqual(streams.get_records(ShardIterator=out["NextShardIterator"])["Records"], [])
        after = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="AFTER_SEQUENCE_NUMBER",
                                           SequenceNumber=seqs[0])["ShardIterator"]
        self.assertEqual([r["eventName"] for r in streams.get_records(ShardIterator=after)["Records"]], ["MODIFY", "REMOVE"])
        latest = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="LATEST")["ShardIterator"]
        self.ddb.put_item(TableName="streamed", Item={"pk": {"S": "b"}})
        self.assertEqual([r["eventName"] for r in streams.get_records(ShardIterator=latest)["Records"]], ["INSERT"])

    def test_disabled_stream_stays_readable_and_closed(self):
        self.ddb.create_table(TableName="streamoff", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                              StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        self.addCleanup(lambda: self.ddb.delete_table(TableName="streamoff"))
        table = self.ddb.describe_table(TableName="streamoff")["Table"]
        arn, label = table["LatestStreamArn"], table["LatestStreamLabel"]
        # DynamoDB labels a stream with its creation time: "2015-05-11T21:21:33.291".
        self.assertRegex(label, r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$")
        self.assertTrue(arn.endswith("/stream/" + label))
        self.ddb.put_item(TableName="streamoff", Item={"pk": {"S": "a"}})
        self.ddb.update_table(TableName="streamoff", StreamSpecification={"StreamEnabled": False})
        self.ddb.put_item(TableName="streamoff", Item={"pk": {"S": "b"}})  # no stream: no record
        streams = self.server.client("dynamodbstreams")
        self.assertEqual([s["StreamArn"] for s in streams.list_streams(TableName="streamoff")["Streams"]], [arn])
        description = streams.describe_stream(StreamArn=arn)["StreamDescription"]
        self.assertEqual(description["StreamStatus"], "DISABLED")
        self.assertEqual(description["StreamViewType"], "KEYS_ONLY")
        shard = description["Shards"][0]
        self.assertIn("EndingSequenceNumber", shard["SequenceNumberRange"])
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                              ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        records = streams.get_records(ShardIterator=iterator)["Records"]
        self.assertEqual([r["dynamodb"]["Keys"]["pk"]["S"] for r in records], ["a"])
        # A new stream replaces it.
        self.ddb.update_table(TableName="streamoff", StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"})
        new_arn = self.ddb.describe_table(TableName="streamoff")["Table"]["LatestStreamArn"]
        listed = [s["StreamArn"] for s in streams.list_streams(TableName="streamoff")["Streams"]]
        self.assertEqual(listed, [new_arn])
        self.assertEqual(streams.describe_stream(StreamArn=new_arn)["StreamDescription"]["StreamStatus"], "ENABLED")

    def test_ttl_deletions_are_remove_records_of_the_service(self):
        self.ddb.create_table(TableName="streamttl", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
                              StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
        self.addCleanup(lambda: self.ddb.delete_table(TableName="streamttl"))
        self.ddb.update_time_to_live(TableName="streamttl", TimeToLiveSpecification={"Enabled": True, "AttributeName": "exp"})
        self.ddb.put_item(TableName="streamttl", Item={"pk": {"S": "gone"}, "exp": {"N": str(int(time.time()) - 5)}})
        arn = self.ddb.describe_table(TableName="streamttl")["Table"]["LatestStreamArn"]
        streams = self.server.client("dynamodbstreams")
        shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        self.assertTrue(wait_for(lambda: len(streams.get_records(ShardIterator=iterator)["Records"]) == 2, timeout=10))
        remove = streams.get_records(ShardIterator=iterator)["Records"][1]
        self.assertEqual(remove["eventName"], "REMOVE")
        self.assertEqual(remove["userIdentity"], {"Type": "Service", "PrincipalId": "dynamodb.amazonaws.com"})


class RestartTest(unittest.TestCase):
    def test_tables_items_and_indexes_survive_restart(self):
        server = SkyboxServer()
        try:
            ddb = server.client("dynamodb")
            ddb.create_table(TableName="durable", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                                   {"AttributeName": "g", "AttributeType": "S"}],
                             GlobalSecondaryIndexes=[{"IndexName": "by_g", "KeySchema": [{"AttributeName": "g", "KeyType": "HASH"}],
                                                      "Projection": {"ProjectionType": "ALL"}}],
                             BillingMode="PAY_PER_REQUEST")
            for i in range(20):
                ddb.put_item(TableName="durable", Item={"pk": {"S": f"k{i}"}, "g": {"S": "even" if i % 2 == 0 else "odd"}})
            self.assertEqual(server.stop(), 0)
            server.start()
            ddb = server.client("dynamodb")
            self.assertEqual(ddb.describe_table(TableName="durable")["Table"]["ItemCount"], 20)
            self.assertEqual(ddb.get_item(TableName="durable", Key={"pk": {"S": "k7"}})["Item"]["g"]["S"], "odd")
            evens = ddb.query(TableName="durable", IndexName="by_g", KeyConditionExpression="g = :g",
                              ExpressionAttributeValues={":g": {"S": "even"}})
            self.assertEqual(evens["Count"], 10)
            ddb.create_table(TableName="second", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            self.assertEqual(ddb.scan(TableName="second")["Count"], 0)
        finally:
            server.close()

    def test_client_request_token_outlives_a_restart(self):
        server = SkyboxServer()
        try:
            ddb = server.client("dynamodb")
            ddb.create_table(TableName="idem2", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
            items = [{"Update": {"TableName": "idem2", "Key": {"pk": {"S": "c"}}, "UpdateExpression": "ADD n :one",
                                 "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
            ddb.transact_write_items(TransactItems=items, ClientRequestToken="survives")
            self.assertEqual(server.stop(), 0)
            server.start()
            ddb = server.client("dynamodb")
            ddb.transact_write_items(TransactItems=items, ClientRequestToken="survives")  # the retry is not applied again
            self.assertEqual(ddb.get_item(TableName="idem2", Key={"pk": {"S": "c"}})["Item"]["n"]["N"], "1")
            items[0]["Update"]["ExpressionAttributeValues"][":one"]["N"] = "2"
            self.assertEqual(error_of(ddb.transact_write_items, TransactItems=items, ClientRequestToken="survives")[0],
                             "IdempotentParameterMismatchException")
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
