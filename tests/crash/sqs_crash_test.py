#!/usr/bin/env python3
"""SQS crash test: producers and consumers against the real skybox binary, kill -9 at a random
moment, restart on the same data dir, repeat; then drain the queue and check that

  - every message whose SendMessage was acknowledged is delivered at least once (a consumer
    received it before some kill, or it is still in the queue at the end), and
  - no message whose DeleteMessage was acknowledged is ever delivered again.

A DeleteMessage whose answer the kill cut off may or may not have happened, so deliveries
are what count, not deletions. Consumers use a 5 s visibility timeout, far longer than they
take to delete, so their receipt handles never go stale within a cycle (a delete with a stale
handle may legitimately leave the message in place).

Seeded and bounded (default 6 cycles, about 20 s). Uses the e2e harness (tests/e2e) and boto3.
Exit status 0 means no violation.
"""
import argparse
import os
import random
import sys
import tempfile
import threading
import time
import shutil

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from skybox_harness import SkyboxServer  # noqa: E402

import botocore.config  # noqa: E402


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.sent = set()
        self.received = set()
        self.deleted = set()
        self.redelivered = set()  # delivered after its DeleteMessage was acknowledged


def client(server):
    return server.client("sqs", connect_timeout=2, read_timeout=5)


def producer(server, url, prefix, ledger, stop):
    sqs = client(server)
    n = 0
    while not stop.is_set():
        body = f"{prefix}-{n}"
        n += 1
        try:
            if n % 3 == 0:
                entries = [{"Id": str(i), "MessageBody": f"{body}-b{i}"} for i in range(5)]
                out = sqs.send_message_batch(QueueUrl=url, Entries=entries)
                ok = {e["Id"] for e in out.get("Successful", [])}
                with ledger.lock:
                    ledger.sent |= {f"{body}-b{i}" for i in range(5) if str(i) in ok}
            else:
                sqs.send_message(QueueUrl=url, MessageBody=body)
                with ledger.lock:
                    ledger.sent.add(body)
        except Exception:  # the server was killed mid-request: not acknowledged
            return


def consumer(server, url, ledger, stop):
    sqs = client(server)
    while not stop.is_set():
        try:
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=5).get("Messages", [])
            with ledger.lock:
                for m in got:
                    if m["Body"] in ledger.deleted:
                        ledger.redelivered.add(m["Body"])
                    ledger.received.add(m["Body"])
            for m in got:
                sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
                with ledger.lock:
                    ledger.deleted.add(m["Body"])
        except Exception:
            return


def drain(server, url):
    sqs = client(server)
    seen = set()
    idle_since = time.monotonic()
    while time.monotonic() - idle_since < 6.0:  # longer than the consumers' visibility timeout
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        if got:
            idle_since = time.monotonic()
        for m in got:
            seen.add(m["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    return seen


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=6)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data_dir = tempfile.mkdtemp(prefix="skybox-sqs-crash-")
    ledger = Ledger()
    failures = []
    try:
        server = SkyboxServer(data_dir=data_dir)
        url = client(server).create_queue(QueueName="crash")["QueueUrl"]
        for cycle in range(args.cycles):
            stop = threading.Event()
            threads = [threading.Thread(target=producer, args=(server, url, f"c{cycle}p{i}", ledger, stop))
                       for i in range(3)]
            threads += [threading.Thread(target=consumer, args=(server, url, ledger, stop)) for _ in range(2)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.5, 2.0))
            server.kill()  # SIGKILL mid-load
            stop.set()
            for t in threads:
                t.join(10)
            server.start()
        leftovers = drain(server, url)
        with ledger.lock:
            reappeared = ledger.redelivered | (leftovers & ledger.deleted)
            if reappeared:
                failures.append(f"deleted messages delivered again: {sorted(reappeared)[:5]}")
            lost = ledger.sent - ledger.received - leftovers
            if lost:
                failures.append(f"{len(lost)} acknowledged messages never delivered, e.g. {sorted(lost)[:5]}")
        server.close()
        print(f"cycles={args.cycles} sent={len(ledger.sent)} received={len(ledger.received)} "
              f"deleted={len(ledger.deleted)} left={len(leftovers)}")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    for f in failures:
        print("VIOLATION:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
