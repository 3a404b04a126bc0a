#!/usr/bin/env python3
"""Event delivery crash test: S3 uploads that notify an SQS queue and SNS publishes fanned out to
an SQS queue, against the real skybox binary; kill -9 at a random moment (so some events are
committed but not yet delivered), restart on the same data dir, repeat; then drain both queues
and check that

  - every acknowledged PutObject produced at least one ObjectCreated:Put event for its key
    (the event is committed in the object's own batch, so no kill may lose it);
  - every event names an object that exists (no event for a write that never happened);
  - every acknowledged Publish reached the subscribed queue at least once, and every message
    in that queue is one this test published.

A request the kill cut off may or may not have happened: its event may arrive or not, but an
object event then implies the object. Seeded and bounded (default 4 cycles, about 30 s). Uses
the e2e harness (tests/e2e) and boto3. Exit status 0 means no violation.
"""
import argparse
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from skybox_harness import SkyboxServer  # noqa: E402

BUCKET = "crash-events"


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.put_acked = set()
        self.put_attempted = set()
        self.published_acked = set()
        self.published_attempted = set()


def client(server, service):
    return server.client(service, connect_timeout=2, read_timeout=5)


def uploader(server, prefix, ledger, stop):
    s3 = client(server, "s3")
    n = 0
    while not stop.is_set():
        key = f"{prefix}/{n}"
        n += 1
        with ledger.lock:
            ledger.put_attempted.add(key)
        try:
            s3.put_object(Bucket=BUCKET, Key=key, Body=key.encode())
        except Exception:  # the kill cut the request off: not acknowledged
            return
        with ledger.lock:
            ledger.put_acked.add(key)


def publisher(server, topic_arn, prefix, ledger, stop):
    sns = client(server, "sns")
    n = 0
    while not stop.is_set():
        message = f"{prefix}-{n}"
        n += 1
        with ledger.lock:
            ledger.published_attempted.add(message)
        try:
            sns.publish(TopicArn=topic_arn, Message=message)
        except Exception:
            return
        with ledger.lock:
            ledger.published_acked.add(message)


def setup(server):
    sqs, sns, s3 = client(server, "sqs"), client(server, "sns"), client(server, "s3")
    urls = {}
    for name in ("object-events", "fanout"):
        urls[name] = sqs.create_queue(QueueName=name)["QueueUrl"]
    arn = {name: sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
           for name, url in urls.items()}
    s3.create_bucket(Bucket=BUCKET)
    s3.put_bucket_notification_configuration(Bucket=BUCKET, NotificationConfiguration={
        "QueueConfigurations": [{"QueueArn": arn["object-events"], "Events": ["s3:ObjectCreated:*"]}]})
    topic = sns.create_topic(Name="crash")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn["fanout"],
                  Attributes={"RawMessageDelivery": "true"})
    return urls, topic


def drain(server, url, wanted, timeout):
    """Every body in the queue until `wanted(bodies)` holds and the queue stays empty, or timeout."""
    sqs = client(server, "sqs")
    bodies = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", [])
        for m in got:
            bodies.append(m["Body"])
            sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        if not got and wanted(bodies):
            break
    return bodies


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=4)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data_dir = tempfile.mkdtemp(prefix="skybox-events-crash-")
    ledger = Ledger()
    failures = []
    try:
        server = SkyboxServer(data_dir=data_dir)
        urls, topic = setup(server)
        for cycle in range(args.cycles):
            stop = threading.Event()
            threads = [threading.Thread(target=uploader, args=(server, f"c{cycle}u{i}", ledger, stop)) for i in range(3)]
            threads += [threading.Thread(target=publisher, args=(server, topic, f"c{cycle}p{i}", ledger, stop))
                        for i in range(2)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.8, 2.0))
            server.kill()  # SIGKILL mid-load: events committed but undelivered are in the outbox
            stop.set()
            for t in threads:
                t.join()
            server = SkyboxServer(data_dir=data_dir)
        with ledger.lock:
            put_acked, put_attempted = set(ledger.put_acked), set(ledger.put_attempted)
            published_acked, published_attempted = set(ledger.published_acked), set(ledger.published_attempted)

        def object_keys(bodies):
            keys = set()
            for body in bodies:
                event = json.loads(body)
                for record in event.get("Records", []):
                    if record["eventName"] == "ObjectCreated:Put":
                        keys.add(record["s3"]["object"]["key"].replace("%2F", "/"))
            return keys

        events = drain(server, urls["object-events"], lambda b: put_acked <= object_keys(b), 60)
        notified = object_keys(events)
        for key in sorted(put_acked - notified):
            failures.append(f"acknowledged PutObject {key} produced no event")
        s3 = client(server, "s3")
        listed = set()
        for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            listed |= {o["Key"] for o in page.get("Contents", [])}
        for key in sorted(notified - listed):
            failures.append(f"event for {key}, which does not exist")
        for key in sorted(notified - put_attempted):
            failures.append(f"event for {key}, which was never written")
        fanned = drain(server, urls["fanout"], lambda b: published_acked <= set(b), 60)
        for message in sorted(published_acked - set(fanned)):
            failures.append(f"acknowledged Publish {message} never reached the queue")
        for message in sorted(set(fanned) - published_attempted):
            failures.append(f"queue holds {message!r}, which was never published")
        server.stop()
        print(f"{args.cycles} kills: {len(put_acked)} acknowledged uploads ({len(notified)} notified keys), "
              f"{len(published_acked)} acknowledged publishes ({len(set(fanned))} delivered); "
              f"{len(events) - len(notified)} duplicate or extra object events, "
              f"{len(fanned) - len(set(fanned))} duplicate deliveries")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    for f in failures[:50]:
        print("VIOLATION:", f)
    if failures:
        print(f"{len(failures)} violations")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
