"""DynamoDB PartiQL through boto3: ExecuteStatement (SELECT as Query/Scan with paging, INSERT,
UPDATE, DELETE, parameters, literals), BatchExecuteStatement with per-statement errors and
ExecuteTransaction (atomic writes, reads), with AWS's error codes."""
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
            {"Statement": "SELECT * FROM music WHERE pk = ? AND sk = ?", "Parameters": [{"S": "band"}, {"N": "2"}]},
            {"Statement": "UPDATE simple SET v = 5 WHERE id = 'nope'"},
            {"Statement": "SELECT * FROM nosuchtable WHERE id = 'x'"},
            {"Statement": "SELEC oops"},
        ])["Responses"]
        self.assertEqual(out[0], {"TableName": "simple"})
        self.assertEqual(out[1]["Error"]["Code"], "DuplicateItem")
        self.assertEqual(out[2]["TableName"], "music")
        self.assertEqual(out[2]["Item"]["title"], {"S": "song2"})
        self.assertEqual(out[3]["Error"]["Code"], "ConditionalCheckFailed")
        self.assertEqual(out[4]["Error"]["Code"], "ResourceNotFound")
        self.assertEqual(out[5]["Error"]["Code"], "ValidationError")
        item = self.ddb.get_item(TableName="simple", Key={"id": {"S": "b1"}})["Item"]
        self.assertEqual(item["v"], {"N": "1"})

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


if __name__ == "__main__":
    unittest.main()
