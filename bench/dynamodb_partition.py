#!/usr/bin/env python3
"""Query page latency over one large partition: loads N items (1 KiB each) into one partition of a
skybox table with BatchWriteItem from several threads, then times Query pages (Limit 100) read
at the start, middle and end of the partition via ExclusiveStartKey. Constant time per page
means the figures do not grow with the position or with N.

Usage: bench/dynamodb_partition.py [--items 200000] [--durable] [--skybox PATH]
"""
import argparse
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
import skybox_harness  # noqa: E402
from skybox_harness import SkyboxServer  # noqa: E402

PAYLOAD = "x" * 1000


def load(server, start, stop):
    ddb = server.client("dynamodb")
    for base in range(start, stop, 25):
        items = [{"PutRequest": {"Item": {"pk": {"S": "big"}, "sk": {"N": str(i)}, "d": {"S": PAYLOAD}}}}
                 for i in range(base, min(base + 25, stop))]
        ddb.batch_write_item(RequestItems={"part": items})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--items", type=int, default=200000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--durable", action="store_true")
    parser.add_argument("--skybox")
    args = parser.parse_args()
    if args.skybox:
        skybox_harness.BINARY = args.skybox
    server = SkyboxServer(*([] if args.durable else ["--ephemeral"]))
    try:
        ddb = server.client("dynamodb")
        ddb.create_table(TableName="part", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                                                      {"AttributeName": "sk", "KeyType": "RANGE"}],
                         AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                               {"AttributeName": "sk", "AttributeType": "N"}],
                         BillingMode="PAY_PER_REQUEST")
        began = time.monotonic()
        step = (args.items + args.threads - 1) // args.threads
        threads = [threading.Thread(target=load, args=(server, t * step, min((t + 1) * step, args.items)))
                   for t in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        load_s = time.monotonic() - began
        print(f"loaded {args.items} items in {load_s:.1f} s ({args.items / load_s:.0f} items/s, BatchWriteItem, "
              f"{args.threads} threads)")
        print("| position | pages | median ms | p90 ms |\n|---|---|---|---|")
        for label, position in [("start", None), ("middle", args.items // 2), ("end", args.items - 500)]:
            times = []
            for _ in range(30):
                q = dict(TableName="part", KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues={":p": {"S": "big"}}, Limit=100)
                if position is not None:
                    q["ExclusiveStartKey"] = {"pk": {"S": "big"}, "sk": {"N": str(position)}}
                t0 = time.perf_counter()
                page = ddb.query(**q)
                times.append((time.perf_counter() - t0) * 1000)
                assert page["Count"] == 100, page["Count"]
            times.sort()
            print(f"| {label} | 30 | {statistics.median(times):.2f} | {times[int(len(times) * 0.9)]:.2f} |")
    finally:
        server.close()


if __name__ == "__main__":
    main()
