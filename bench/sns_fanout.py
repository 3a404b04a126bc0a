#!/usr/bin/env python3
"""SNS -> SQS delivery: end-to-end latency and fan-out throughput, skybox and moto_server side by side.

  bench/sns_fanout.py [--samples 200] [--publishes 2000] [--queues 10] [--clients 8]
                      [--skybox PATH] [--no-moto]

latency    one topic, one SQS subscription (raw delivery off: the queue gets SNS's JSON envelope).
           A receiver thread parks in ReceiveMessage(WaitTimeSeconds=20); the figure is the time
           from just before Publish is sent to the receiver holding the message (p50/p99 over
           --samples). It includes the publish's commit, the fan-out and the queue's commit.
fan-out    one topic with --queues SQS subscriptions. --clients threads publish --publishes
           messages in total (256-byte bodies); reported: publishes/s as the publishers see them
           (acknowledged), and deliveries/s until every queue holds all messages (counted with
           GetQueueAttributes ApproximateNumberOfMessages).
Clients are boto3 (one client per thread, keep-alive). skybox runs with a fresh data dir,
default sync durability, --log-level warn; moto_server keeps everything in memory.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def client(service, endpoint):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id="test",
                        aws_secret_access_key="test",
                        config=Config(retries={"max_attempts": 0}, max_pool_connections=4))


def wait_ready(endpoint, proc):
    sts = client("sts", endpoint)
    for _ in range(300):
        if proc.poll() is not None:
            sys.exit(f"server exited: {proc.args}")
        try:
            sts.get_caller_identity()
            return
        except Exception:
            time.sleep(0.05)
    sys.exit(f"no answer from {endpoint}")


def queue_arn(sqs, url):
    return sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]


def subscribe_queues(endpoint, topic_arn, names):
    sqs, sns = client("sqs", endpoint), client("sns", endpoint)
    urls = []
    for name in names:
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        sns.subscribe(TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn(sqs, url))
        urls.append(url)
    return urls


def latency(endpoint, samples):
    sns, sqs = client("sns", endpoint), client("sqs", endpoint)
    topic = sns.create_topic(Name="latency")["TopicArn"]
    (url,) = subscribe_queues(endpoint, topic, ["latency"])
    received = threading.Event()
    stop = threading.Event()

    def receive():
        rx = client("sqs", endpoint)
        while not stop.is_set():
            got = rx.receive_message(QueueUrl=url, WaitTimeSeconds=20, MaxNumberOfMessages=1).get("Messages", [])
            for m in got:
                received.set()
                rx.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])

    t = threading.Thread(target=receive, daemon=True)
    t.start()
    time.sleep(0.5)  # the receiver is parked
    times = []
    for i in range(samples):
        received.clear()
        start = time.perf_counter()
        sns.publish(TopicArn=topic, Message=f"sample {i}")
        if not received.wait(30):
            sys.exit("a published message did not arrive within 30 s")
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(0.01)  # the receiver parks again
    stop.set()
    sns.publish(TopicArn=topic, Message="stop")
    t.join(30)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def fanout(endpoint, publishes, queues, clients):
    sns, sqs = client("sns", endpoint), client("sqs", endpoint)
    topic = sns.create_topic(Name="fanout")["TopicArn"]
    urls = subscribe_queues(endpoint, topic, [f"fanout-{i}" for i in range(queues)])
    body = "m" * 256
    per_client = publishes // clients

    def publish():
        c = client("sns", endpoint)
        for _ in range(per_client):
            c.publish(TopicArn=topic, Message=body)

    start = time.perf_counter()
    threads = [threading.Thread(target=publish) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    published = time.perf_counter() - start
    expected = per_client * clients
    deadline = time.time() + 600
    while True:
        counts = [int(sqs.get_queue_attributes(QueueUrl=u, AttributeNames=["ApproximateNumberOfMessages"])
                      ["Attributes"]["ApproximateNumberOfMessages"]) for u in urls]
        if all(c >= expected for c in counts):
            break
        if time.time() > deadline:
            sys.exit(f"deliveries incomplete after 600 s: {counts}")
        time.sleep(0.01)
    delivered = time.perf_counter() - start
    return expected / published, expected * queues / delivered


def run(name, command, endpoint, args):
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready(endpoint, proc)
        p50, p99 = latency(endpoint, args.samples)
        pub, dlv = fanout(endpoint, args.publishes, args.queues, args.clients)
        print(f"{name:7s} latency p50 {p50:7.2f} ms  p99 {p99:7.2f} ms | fan-out to {args.queues}: "
              f"{pub:8.0f} publishes/s acknowledged, {dlv:8.0f} deliveries/s", flush=True)
        return p50, p99, pub, dlv
    finally:
        proc.terminate()
        proc.wait(10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=200)
    ap.add_argument("--publishes", type=int, default=2000)
    ap.add_argument("--queues", type=int, default=10)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--skybox", default=os.path.join(ROOT, "build/release/src/main/skybox"))
    ap.add_argument("--no-moto", action="store_true")
    args = ap.parse_args()
    data = tempfile.mkdtemp(prefix="skybox-sns-bench.")
    try:
        port = free_port()
        sky = run("skybox", [args.skybox, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data,
                             "--log-level", "warn"], f"http://127.0.0.1:{port}", args)
        if args.no_moto:
            return
        port = free_port()
        moto = run("moto", ["moto_server", "-p", str(port)], f"http://127.0.0.1:{port}", args)
        print(f"ratio   latency p50 {moto[0] / sky[0]:.1f}x lower, p99 {moto[1] / sky[1]:.1f}x lower | "
              f"publishes/s {sky[2] / moto[2]:.1f}x, deliveries/s {sky[3] / moto[3]:.1f}x")
    finally:
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
