"""DynamoDB PartiQL through boto3: ExecuteStatement (SELECT as Query/Scan with paging, INSERT,
UPDATE with list_append/set_add/set_delete, DELETE, RETURNING, size()/IS NULL, parameters,
literals), BatchExecuteStatement with per-statement errors (all reads or all writes) and
ExecuteTransaction (atomic writes, reads), with AWS's error codes and
ReturnValuesOnConditionCheckFailure."""
import unittest

import botocore.exceptions

from skybox_harness import SkyboxServer
from test_dynamodb import error_of


class PartiqlTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.ddb = cls.server.client("dynamodb")
        cls.ddb.create_table(
            TableName="music",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "N"},
                                  {"AttributeName": "genre", "AttributeType": "S"}],
            GlobalSecondaryIndexes=[{"IndexName": "by_genre",
                                     "KeySchema": [{"AttributeName": "genre", "KeyType": "HASH"}],
                                     "Projection": {"ProjectionType": "ALL"}}],
            BillingMode="PAY_PER_REQUEST")
        cls.ddb.create_table(TableName="simple", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                             AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                             BillingMode="PAY_PER_REQUEST")
        for i in range(5):
            cls.ddb.put_item(TableName="music", Item={"pk": {"S": "band"}, "sk": {"N": str(i)},
                                                      "genre": {"S": "rock" if i % 2 else "jazz"},
                                                      "title": {"S": f"song{i}"}})
        cls.ddb.put_item(TableName="music", Item={"pk": {"S": "other"}, "sk": {"N": "1"}, "title": {"S": "x"}})

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def run_statement(self, statement, **kwargs):
        return self.ddb.execute_statement(Statement=statement, **kwargs)

    def test_select_by_partition_is_a_query_in_key_order(self):
        out = self.run_statement("SELECT * FROM \"music\" WHERE pk = 'band'")
        self.assertEqual([i["sk"]["N"] for i in out["Items"]], ["0", "1", "2", "3", "4"])

    def test_select_with_sort_key_range_filter_and_projection(self):
        out = self.run_statement("SELECT title, sk FROM music WHERE pk = ? AND sk BETWEEN 1 AND 3 AND title <> 'song2'",
                                 Parameters=[{"S": "band"}])
        self.assertEqual(out["Items"], [{"title": {"S": "song1"}, "sk": {"N": "1"}},
                                        {"title": {"S": "song3"}, "sk": {"N": "3"}}])

    def test_select_scan_with_conditions(self):
        out = self.run_statement("SELECT * FROM music WHERE begins_with(title, 'song') AND (sk = 0 OR sk >= 4)")
        self.assertEqual(sorted(i["sk"]["N"] for i in out["Items"]), ["0", "4"])
        out = self.run_statement("SELECT * FROM music WHERE genre IS MISSING")
        self.assertEqual([i["pk"]["S"] for i in out["Items"]], ["other"])
        out = self.run_statement("SELECT * FROM music WHERE pk IN ('other', 'nobody') AND contains(title, 'x')")
        self.assertEqual(len(out["Items"]), 1)
        out = self.run_statement("SELECT * FROM music WHERE NOT attribute_exists(genre)")
        self.assertEqual(len(out["Items"]), 1)

    def test_select_with_partition_key_in_queries_each_partition(self):
        pages, seen = [], []
        kwargs = {"Limit": 3}
        while True:
            out = self.run_statement("SELECT pk, sk FROM music WHERE pk IN ['other', 'nobody', 'band'] AND sk <= 3", **kwargs)
            pages.append(len(out["Items"]))
            seen += [(i["pk"]["S"], i["sk"]["N"]) for i in out["Items"]]
            if "NextToken" not in out:
                break
            kwargs["NextToken"] = out["NextToken"]
        self.assertEqual(seen, [("other", "1"), ("band", "0"), ("band", "1"), ("band", "2"), ("band", "3")])
        # Each page evaluates at most Limit items of the named partitions (a Scan would not be this dense).
        self.assertEqual(pages, [3, 2])

    def test_select_from_index(self):
        out = self.run_statement("SELECT sk FROM \"music\".\"by_genre\" WHERE genre = 'rock'")
        self.assertEqual(sorted(i["sk"]["N"] for i in out["Items"]), ["1", "3"])

    def test_paging_with_limit_and_next_token(self):
        seen = []
        kwargs = {"Limit": 2, "ConsistentRead": True}
        while True:
            out = self.run_statement("SELECT sk FROM music WHERE pk = 'band'", **kwargs)
            seen += [i["sk"]["N"] for i in out["Items"]]
            self.assertLessEqual(len(out["Items"]), 2)
            if "NextToken" not in out:
                break
            kwargs["NextToken"] = out["NextToken"]
        self.assertEqual(seen, ["0", "1", "2", "3", "4"])

    def test_insert_update_delete(self):
        self.run_statement("INSERT INTO \"simple\" VALUE {'id': 'a', 'n': 1, 'tags': <<'x', 'y'>>, "
                           "'m': {'k': [1, TRUE, NULL]}, 'price': ?}", Parameters=[{"N": "1.50"}])
        item = self.ddb.get_item(TableName="simple", Key={"id": {"S": "a"}})["Item"]
        self.assertEqual(item["tags"], {"SS": ["x", "y"]})
        self.assertEqual(item["m"], {"M": {"k": {"L": [{"N": "1"}, {"BOOL": True}, {"NULL": True}]}}})
        self.assertEqual(item["price"], {"N": "1.5"})
        code, message = error_of(self.run_statement, "INSERT INTO simple VALUE {'id': 'a'}")
        self.assertEqual((code, message), ("DuplicateItemException", "Duplicate primary key exists in table"))

        out = self.run_statement("UPDATE simple SET n = n + 2, s = 'new' REMOVE tags WHERE id = 'a'")
        self.assertEqual(out["Items"], [])
        item = self.ddb.get_item(TableName="simple", Key={"id": {"S": "a"}})["Item"]
        self.assertEqual(item["n"], {"N": "3"})
        self.assertEqual(item["s"], {"S": "new"})
        self.assertNotIn("tags", item)
        code, _ = error_of(self.run_statement, "UPDATE simple SET n = 1 WHERE id = 'missing'")
        self.assertEqual(code, "ConditionalCheckFailedException")
        code, _ = error_of(self.run_statement, "UPDATE simple SET n = 1 WHERE id = 'a' AND n > 10")
        self.assertEqual(code, "ConditionalCheckFailedException")

        self.run_statement("DELETE FROM simple WHERE id = 'a'")
        self.assertNotIn("Item", self.ddb.get_item(TableName="simple", Key={"id": {"S": "a"}}))
        self.run_statement("DELETE FROM simple WHERE id = 'a'")  # absent: still succeeds

    def test_errors(self):
        code, message = error_of(self.run_statement, "SELECT * FROM")
        self.assertEqual(code, "ValidationException")
        self.assertTrue(message.startswith("Statement wasn't well formed, can't be processed:"), message)
        code, _ = error_of(self.run_statement, "SELECT * FROM nosuchtable")
        self.assertEqual(code, "ResourceNotFoundException")
        code, _ = error_of(self.run_statement, "SELECT * FROM music.nosuchindex WHERE genre = 'x'")
        self.assertEqual(code, "ResourceNotFoundException")
        self.assertEqual(error_of(self.run_statement, "DELETE FROM music WHERE pk = 'band'"),
                         ("ValidationException", "Where clause does not contain a mandatory equality on all key attributes"))
        self.assertEqual(error_of(self.run_statement, "SELECT * FROM music WHERE pk = ?"),
                         ("ValidationException", "Number of parameters in request and statement don't match."))
        code, _ = error_of(self.run_statement, "INSERT INTO simple VALUE {'nokey': 1}")
        self.assertEqual(code, "ValidationException")

    def test_batch_execute_statement(self):
        out = self.ddb.batch_execute_statement(Statements=[
            {"Statement": "INSERT INTO simple VALUE {'id': 'b1', 'v': 1}"},
            {"Statement": "INSERT INTO simple VALUE {'id': 'b1', 'v': 2}"},
            {"Statement": "UPDATE simple SET v = 5 WHERE id = 'nope'"},
            {"Statement": "UPDATE simple SET v = 5 WHERE id = 'b0' AND v > 1", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
            {"Statement": "SELEC oops"},
        ])["Responses"]
        self.assertEqual(out[0], {"TableName": "simple"})
        self.assertEqual(out[1]["Error"]["Code"], "DuplicateItem")
        self.assertEqual(out[2]["Error"]["Code"], "ConditionalCheckFailed")
        self.assertNotIn("Item", out[2]["Error"])
        self.assertEqual(out[3]["Error"]["Code"], "ConditionalCheckFailed")
        self.assertNotIn("Item", out[3]["Error"])  # b0 does not exist
        self.assertEqual(out[4]["Error"]["Code"], "ValidationError")
        item = self.ddb.get_item(TableName="simple", Key={"id": {"S": "b1"}})["Item"]
        self.assertEqual(item["v"], {"N": "1"})

        out = self.ddb.batch_execute_statement(Statements=[
            {"Statement": "UPDATE simple SET v = 5 WHERE id = 'b1' AND v > 1", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
        ])["Responses"]
        self.assertEqual(out[0]["Error"]["Item"], {"id": {"S": "b1"}, "v": {"N": "1"}})

        out = self.ddb.batch_execute_statement(Statements=[
            {"Statement": "SELECT * FROM music WHERE pk = ? AND sk = ?", "Parameters": [{"S": "band"}, {"N": "2"}]},
            {"Statement": "SELECT * FROM nosuchtable WHERE id = 'x'"},
            {"Statement": "SELECT * FROM simple WHERE id = 'b1'", "ConsistentRead": True},
        ])["Responses"]
        self.assertEqual(out[0]["TableName"], "music")
        self.assertEqual(out[0]["Item"]["title"], {"S": "song2"})
        self.assertEqual(out[1]["Error"]["Code"], "ResourceNotFound")
        self.assertEqual(out[2]["Item"], {"id": {"S": "b1"}, "v": {"N": "1"}})

    def test_batch_execute_statement_rejects_mixed_reads_and_writes(self):
        self.assertEqual(error_of(self.ddb.batch_execute_statement, Statements=[
            {"Statement": "SELECT * FROM simple WHERE id = 'm1'"},
            {"Statement": "INSERT INTO simple VALUE {'id': 'm1'}"},
        ]), ("ValidationException", "Batch must contain either all reads or all writes"))
        self.assertNotIn("Item", self.ddb.get_item(TableName="simple", Key={"id": {"S": "m1"}}))

    def test_returning_and_update_functions(self):
        self.run_statement("INSERT INTO simple VALUE {'id': 'r1', 'n': 1, 'l': [1], 'tags': <<'a', 'b'>>}")
        out = self.run_statement("UPDATE simple SET n = n + 1 WHERE id = 'r1' RETURNING MODIFIED OLD *")
        self.assertEqual(out["Items"], [{"n": {"N": "1"}}])
        out = self.run_statement("UPDATE simple SET l = list_append(l, [2, 3]) SET tags = set_add(tags, <<'c'>>) "
                                 "WHERE id = 'r1' RETURNING MODIFIED NEW *")
        self.assertEqual(out["Items"], [{"l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
                                         "tags": {"SS": ["a", "b", "c"]}}])
        out = self.run_statement("UPDATE simple SET tags = set_delete(tags, <<'a'>>) WHERE id = 'r1' RETURNING ALL NEW *")
        self.assertEqual(out["Items"], [{"id": {"S": "r1"}, "n": {"N": "2"}, "l": {"L": [{"N": "1"}, {"N": "2"}, {"N": "3"}]},
                                         "tags": {"SS": ["b", "c"]}}])
        out = self.run_statement("DELETE FROM simple WHERE id = 'r1' RETURNING ALL OLD *")
        self.assertEqual(out["Items"][0]["n"], {"N": "2"})
        self.assertEqual(self.run_statement("DELETE FROM simple WHERE id = 'r1' RETURNING ALL OLD *")["Items"], [])
        code, message = error_of(self.run_statement, "DELETE FROM simple WHERE id = 'r1' RETURNING ALL NEW *")
        self.assertEqual(code, "ValidationException")
        self.assertTrue(message.startswith("Statement wasn't well formed, can't be processed:"), message)

    def test_size_and_is_null_in_where(self):
        self.run_statement("INSERT INTO simple VALUE {'id': 'z1', 'name': 'abcdef', 'opt': NULL}")
        self.run_statement("INSERT INTO simple VALUE {'id': 'z2', 'name': 'ab', 'opt': 'set'}")
        self.run_statement("INSERT INTO simple VALUE {'id': 'z3', 'name': 'abcd'}")
        ids = lambda where: sorted(i["id"]["S"] for i in self.run_statement(
            "SELECT id FROM simple WHERE begins_with(id, 'z') AND " + where)["Items"])
        self.assertEqual(ids("size(name) > 3"), ["z1", "z3"])
        self.assertEqual(ids("opt IS NULL"), ["z1", "z3"])
        self.assertEqual(ids("opt IS NOT NULL"), ["z2"])
        self.assertEqual(ids("opt IS NOT MISSING"), ["z1", "z2"])

    def test_execute_statement_returns_the_old_item_on_condition_failure(self):
        self.run_statement("INSERT INTO simple VALUE {'id': 'c1', 'v': 1}")
        with self.assertRaises(self.ddb.exceptions.ConditionalCheckFailedException) as ctx:
            self.run_statement("UPDATE simple SET v = 2 WHERE id = 'c1' AND v = 5", ReturnValuesOnConditionCheckFailure="ALL_OLD")
        self.assertEqual(ctx.exception.response["Item"], {"id": {"S": "c1"}, "v": {"N": "1"}})
        with self.assertRaises(self.ddb.exceptions.TransactionCanceledException) as ctx:
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": "DELETE FROM simple WHERE id = 'c1' AND v = 5", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}])
        self.assertEqual(ctx.exception.response["CancellationReasons"][0]["Item"], {"id": {"S": "c1"}, "v": {"N": "1"}})

    def test_execute_transaction_writes_atomically(self):
        self.ddb.execute_transaction(TransactStatements=[
            {"Statement": "INSERT INTO simple VALUE {'id': 't1', 'v': 1}"},
            {"Statement": "INSERT INTO simple VALUE {'id': 't2', 'v': 2}"},
        ])
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": "UPDATE simple SET v = 10 WHERE id = 't1'"},
                {"Statement": "INSERT INTO simple VALUE {'id': 't2'}"},
            ])
        response = ctx.exception.response
        self.assertEqual(response["Error"]["Code"], "TransactionCanceledException")
        self.assertIn("[None, DuplicateItem]", response["Error"]["Message"])
        self.assertEqual(response["CancellationReasons"],
                         [{"Code": "None"},
                          {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}])
        item = self.ddb.get_item(TableName="simple", Key={"id": {"S": "t1"}})["Item"]
        self.assertEqual(item["v"], {"N": "1"})  # the update was rolled back with the failed insert

        out = self.ddb.execute_transaction(TransactStatements=[
            {"Statement": "SELECT v FROM simple WHERE id = 't1'"},
            {"Statement": "SELECT * FROM simple WHERE id = ?", "Parameters": [{"S": "absent"}]},
        ])
        self.assertEqual(out["Responses"][0], {"Item": {"v": {"N": "1"}}})
        self.assertEqual(out["Responses"][1], {})
        code, _ = error_of(self.ddb.execute_transaction, TransactStatements=[
            {"Statement": "SELECT * FROM simple WHERE id = 't1'"},
            {"Statement": "DELETE FROM simple WHERE id = 't2'"},
        ])
        self.assertEqual(code, "ValidationException")

    def test_exists_is_a_condition_check_in_transactions(self):
        self.run_statement("INSERT INTO simple VALUE {'id': 'e1', 'stock': 3}")
        self.ddb.execute_transaction(TransactStatements=[
            {"Statement": "EXISTS(SELECT * FROM simple WHERE id = 'e1' AND stock > 0)"},
            {"Statement": "INSERT INTO simple VALUE {'id': 'e2'}"}])
        self.assertIn("Item", self.ddb.get_item(TableName="simple", Key={"id": {"S": "e2"}}))
        with self.assertRaises(self.ddb.exceptions.TransactionCanceledException) as ctx:
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": "EXISTS(SELECT * FROM simple WHERE id = 'e1' AND stock > 5)",
                 "ReturnValuesOnConditionCheckFailure": "ALL_OLD"},
                {"Statement": "INSERT INTO simple VALUE {'id': 'e3'}"}])
        self.assertEqual(ctx.exception.response["CancellationReasons"][0],
                         {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
                          "Item": {"id": {"S": "e1"}, "stock": {"N": "3"}}})
        self.assertNotIn("Item", self.ddb.get_item(TableName="simple", Key={"id": {"S": "e3"}}))
        with self.assertRaises(self.ddb.exceptions.TransactionCanceledException):
            self.ddb.execute_transaction(TransactStatements=[
                {"Statement": "EXISTS(SELECT * FROM simple WHERE id = 'absent')"},
                {"Statement": "INSERT INTO simple VALUE {'id': 'e3'}"}])
        code, _ = error_of(self.run_statement, "EXISTS(SELECT * FROM simple WHERE id = 'e1')")
        self.assertEqual(code, "ValidationException")


if __name__ == "__main__":
    unittest.main()
