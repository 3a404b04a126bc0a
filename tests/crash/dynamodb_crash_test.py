#!/usr/bin/env python3
"""DynamoDB crash test: conditional writes, transactions and index maintenance against the real
skybox binary, kill -9 at a random moment, restart on the same data dir, repeat; after every
restart check that

  - every item whose PutItem was acknowledged is present with its checksum intact;
  - every acknowledged transaction's log item is present, and the accounts it moved money
    between still sum to the starting total (transactions are all-or-nothing);
  - every counter is at least the number of its acknowledged increments and at most the
    number attempted;
  - the GSI agrees with the base table: exactly the items that have the index key attribute
    are in the index, with the same attributes (no lost or stale index entries);
  - the table's stream has gap-free sequence numbers from 1 (records commit with their writes,
    and what a crash loses is a suffix of the commit order), and holds an INSERT for every
    acknowledged put.

Seeded and bounded (default 6 cycles, about 20 s). Uses the e2e harness (tests/e2e) and boto3.
Exit status 0 means no violation.
"""
import argparse
import hashlib
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from skybox_harness import SkyboxServer  # noqa: E402

import botocore.exceptions  # noqa: E402

ACCOUNTS = 8
START_BALANCE = 1000


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.puts = {}          # pk -> checksum, acknowledged
        self.transactions = set()
        self.increments = {}    # counter -> (acknowledged, attempted)


def client(server):
    return server.client("dynamodb", connect_timeout=2, read_timeout=5)


def checksum(pk, owner):
    return hashlib.sha256(f"{pk}/{owner}".encode()).hexdigest()


def setup(ddb):
    ddb.create_table(TableName="crash", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                           {"AttributeName": "owner", "AttributeType": "S"}],
                     GlobalSecondaryIndexes=[{"IndexName": "by_owner",
                                              "KeySchema": [{"AttributeName": "owner", "KeyType": "HASH"}],
                                              "Projection": {"ProjectionType": "ALL"}}],
                     BillingMode="PAY_PER_REQUEST",
                     StreamSpecification={"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"})
    for a in range(ACCOUNTS):
        ddb.put_item(TableName="crash", Item={"pk": {"S": f"acct{a}"}, "balance": {"N": str(START_BALANCE)},
                                              "owner": {"S": f"bank{a % 2}"}})


def putter(server, prefix, ledger, stop, rng):
    ddb = client(server)
    n = 0
    while not stop.is_set():
        pk = f"{prefix}-p{n}"
        n += 1
        owner = f"o{rng.randrange(4)}" if n % 4 else None  # a quarter stay out of the sparse index
        item = {"pk": {"S": pk}, "sum": {"S": checksum(pk, owner)}}
        if owner:
            item["owner"] = {"S": owner}
        try:
            ddb.put_item(TableName="crash", Item=item, ConditionExpression="attribute_not_exists(pk)")
            with ledger.lock:
                ledger.puts[pk] = owner
            if n % 5 == 0:  # move an acknowledged item to another owner (index entry moves)
                new_owner = f"o{rng.randrange(4)}"
                ddb.update_item(TableName="crash", Key={"pk": {"S": pk}}, UpdateExpression="SET #o = :o, #s = :s",
                                ExpressionAttributeNames={"#o": "owner", "#s": "sum"},
                                ExpressionAttributeValues={":o": {"S": new_owner}, ":s": {"S": checksum(pk, new_owner)}})
                with ledger.lock:
                    ledger.puts[pk] = new_owner
        except Exception:
            return  # the server went away (or the cut-off update may or may not have happened)


def transferrer(server, prefix, ledger, stop, rng):
    ddb = client(server)
    n = 0
    while not stop.is_set():
        a, b = rng.sample(range(ACCOUNTS), 2)
        amount = str(rng.randrange(1, 50))
        txid = f"{prefix}-t{n}"
        n += 1
        try:
            ddb.transact_write_items(TransactItems=[
                {"Update": {"TableName": "crash", "Key": {"pk": {"S": f"acct{a}"}}, "UpdateExpression": "SET balance = balance - :x",
                            "ConditionExpression": "balance >= :x", "ExpressionAttributeValues": {":x": {"N": amount}}}},
                {"Update": {"TableName": "crash", "Key": {"pk": {"S": f"acct{b}"}}, "UpdateExpression": "SET balance = balance + :x",
                            "ExpressionAttributeValues": {":x": {"N": amount}}}},
                {"Put": {"TableName": "crash", "Item": {"pk": {"S": txid}, "log": {"S": f"{a}->{b}:{amount}"}},
                         "ConditionExpression": "attribute_not_exists(pk)"}}])
            with ledger.lock:
                ledger.transactions.add(txid)
        except botocore.exceptions.ClientError as e:
            if e.response["Error"]["Code"] != "TransactionCanceledException":
                return
        except Exception:
            return


def incrementer(server, name, ledger, stop):
    ddb = client(server)
    while not stop.is_set():
        with ledger.lock:
            acked, attempted = ledger.increments.get(name, (0, 0))
            ledger.increments[name] = (acked, attempted + 1)
        try:
            ddb.update_item(TableName="crash", Key={"pk": {"S": name}}, UpdateExpression="ADD n :one",
                            ExpressionAttributeValues={":one": {"N": "1"}})
            with ledger.lock:
                acked, attempted = ledger.increments[name]
                ledger.increments[name] = (acked + 1, attempted)
        except Exception:
            return


def scan_all(ddb, **kwargs):
    items, start = [], None
    while True:
        args = dict(TableName="crash", ConsistentRead=kwargs.pop("consistent", False), **kwargs)
        if start:
            args["ExclusiveStartKey"] = start
        page = ddb.scan(**args)
        items += page["Items"]
        start = page.get("LastEvaluatedKey")
        if not start:
            return items


def verify(server, ledger):
    ddb = client(server)
    problems = []
    base = {i["pk"]["S"]: i for i in scan_all(ddb)}
    with ledger.lock:
        puts = dict(ledger.puts)
        transactions = set(ledger.transactions)
        increments = dict(ledger.increments)
    for pk, owner in puts.items():
        item = base.get(pk)
        if item is None:
            problems.append(f"LOST acknowledged put {pk}")
        elif item["sum"]["S"] != checksum(pk, item.get("owner", {}).get("S")):
            problems.append(f"CORRUPT {pk}")
    for txid in transactions:
        if txid not in base:
            problems.append(f"LOST acknowledged transaction {txid}")
    total = sum(int(base[f"acct{a}"]["balance"]["N"]) for a in range(ACCOUNTS))
    if total != ACCOUNTS * START_BALANCE:
        problems.append(f"PARTIAL transaction: balances sum to {total}")
    for name, (acked, attempted) in increments.items():
        n = int(base.get(name, {}).get("n", {}).get("N", "0"))
        if not acked <= n <= attempted:
            problems.append(f"COUNTER {name}={n}, acknowledged {acked}, attempted {attempted}")
    indexed = {i["pk"]["S"]: i for i in scan_all(ddb, IndexName="by_owner")}
    expected = {pk: i for pk, i in base.items() if "owner" in i}
    if set(indexed) != set(expected):
        problems.append(f"INDEX mismatch: missing {sorted(set(expected) - set(indexed))[:5]}, "
                        f"extra {sorted(set(indexed) - set(expected))[:5]}")
    for pk in set(indexed) & set(expected):
        if indexed[pk] != expected[pk]:
            problems.append(f"INDEX stale entry {pk}")
    for owner in ("o0", "bank1"):
        via_query = ddb.query(TableName="crash", IndexName="by_owner", KeyConditionExpression="#o = :o",
                              ExpressionAttributeNames={"#o": "owner"}, ExpressionAttributeValues={":o": {"S": owner}})["Count"]
        if via_query != sum(1 for i in expected.values() if i["owner"]["S"] == owner):
            problems.append(f"INDEX query count mismatch for {owner}")
    problems += verify_stream(server, puts)
    return problems, len(base)


def verify_stream(server, puts):
    ddb, streams = client(server), server.client("dynamodbstreams")
    arn = ddb.describe_table(TableName="crash")["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
    seqs, inserted = [], set()
    while True:
        out = streams.get_records(ShardIterator=iterator)
        if not out["Records"]:
            break
        for r in out["Records"]:
            seqs.append(int(r["dynamodb"]["SequenceNumber"]))
            if r["eventName"] == "INSERT":
                inserted.add(r["dynamodb"]["Keys"]["pk"]["S"])
        iterator = out["NextShardIterator"]
    problems = []
    if seqs != list(range(1, len(seqs) + 1)):
        problems.append(f"STREAM sequence numbers have gaps or disorder ({len(seqs)} records)")
    missing = [pk for pk in puts if pk not in inserted]
    if missing:
        problems.append(f"STREAM lacks INSERT records of acknowledged puts: {missing[:5]}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=6)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data_dir = tempfile.mkdtemp(prefix="skybox-ddb-crash-")
    ledger = Ledger()
    failures = 0
    try:
        for cycle in range(args.cycles):
            server = SkyboxServer(data_dir=data_dir)
            try:
                if cycle == 0:
                    setup(client(server))
                else:
                    problems, count = verify(server, ledger)
                    print(f"cycle {cycle}: {count} items, {len(ledger.puts)} puts, {len(ledger.transactions)} transactions "
                          f"acknowledged so far; {len(problems)} problems", flush=True)
                    for p in problems[:20]:
                        print("  " + p, flush=True)
                    failures += len(problems)
                stop = threading.Event()
                workers = [threading.Thread(target=putter, args=(server, f"c{cycle}w{w}", ledger, stop, random.Random(rng.random())))
                           for w in range(3)]
                workers += [threading.Thread(target=transferrer, args=(server, f"c{cycle}x{w}", ledger, stop, random.Random(rng.random())))
                            for w in range(2)]
                workers += [threading.Thread(target=incrementer, args=(server, f"counter{w}", ledger, stop)) for w in range(2)]
                for w in workers:
                    w.start()
                time.sleep(rng.uniform(0.8, 2.5))
                server.kill()
                stop.set()
                for w in workers:
                    w.join(10)
            finally:
                server.kill()
        server = SkyboxServer(data_dir=data_dir)
        try:
            problems, count = verify(server, ledger)
            print(f"final: {count} items; {len(problems)} problems", flush=True)
            for p in problems[:20]:
                print("  " + p, flush=True)
            failures += len(problems)
        finally:
            server.close()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    print("OK" if failures == 0 else f"FAILED: {failures} violations")
    return 0 if failures == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
