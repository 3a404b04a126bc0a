#!/usr/bin/env python3
"""SQS throughput, long-poll wake-up latency and memory: skybox and moto_server side by side.

  bench/sqs_bench.py [--clients 16] [--duration 5] [--skybox PATH] [--no-moto]
                     [--prefill 20000] [--moto-prefill 3000] [--latency-samples 200] [--rss-messages 0]

Workloads (each for --duration seconds, --clients client processes with one keep-alive
connection each, JSON protocol, every request SigV4-signed by a small hand-written signer so the
load tool stays cheap):
  send          SendMessage of a 1 KiB body
  recv+delete   ReceiveMessage (MaxNumberOfMessages=10) then DeleteMessageBatch of what came back
                (the queue is pre-filled with --prefill messages, --moto-prefill for moto, which
                fills slowly; a run that empties the queue says so); counts messages per second
  batch10       SendMessageBatch of 10 x 1 KiB; counts messages per second
Long-poll wake-up: a receiver parked in ReceiveMessage(WaitTimeSeconds=20); the time from just
before SendMessage is issued to the receiver holding the message (p50/p99 over samples; it
includes the send's fsync). RSS: VmRSS of skybox after --rss-messages 1 KiB messages are queued.
Every server process started is stopped on exit.
"""
import argparse
import datetime
import hashlib
import hmac
import http.client
import json
import multiprocessing as mp
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BODY = "x" * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sign(host, target, body):
    """SigV4 headers for a JSON-protocol SQS request (key test/test, us-east-1)."""
    now = datetime.datetime.utcnow()
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    payload_hash = hashlib.sha256(body).hexdigest()
    headers = {"content-type": "application/x-amz-json-1.0", "host": host, "x-amz-date": amz_date,
               "x-amz-target": "AmazonSQS." + target}
    signed = ";".join(sorted(headers))
    canonical = "\n".join(["POST", "/", "", *(f"{k}:{headers[k]}" for k in sorted(headers)), "", signed,
                           payload_hash])
    scope = f"{day}/us-east-1/sqs/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = b"AWS4test"
    for part in (day, "us-east-1", "sqs", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential=test/{scope}, SignedHeaders={signed}, "
                                f"Signature={signature}")
    return headers


class Client:
    def __init__(self, port):
        self.host = f"127.0.0.1:{port}"
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def call(self, target, payload):
        body = json.dumps(payload).encode()
        self.conn.request("POST", "/", body=body, headers=sign(self.host, target, body))
        r = self.conn.getresponse()
        data = r.read()
        if r.status != 200:
            raise RuntimeError(f"{target}: HTTP {r.status} {data[:200]!r}")
        return json.loads(data) if data else {}


def worker(port, url, workload, duration, result):
    c = Client(port)
    done, deadline = 0, time.monotonic() + duration
    while time.monotonic() < deadline:
        if workload == "send":
            c.call("SendMessage", {"QueueUrl": url, "MessageBody": BODY})
            done += 1
        elif workload == "batch10":
            c.call("SendMessageBatch", {"QueueUrl": url, "Entries": [
                {"Id": str(i), "MessageBody": BODY} for i in range(10)]})
            done += 10
        else:
            msgs = c.call("ReceiveMessage", {"QueueUrl": url, "MaxNumberOfMessages": 10}).get("Messages", [])
            if msgs:
                c.call("DeleteMessageBatch", {"QueueUrl": url, "Entries": [
                    {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(msgs)]})
            done += len(msgs)
    result.put(done)


def run_workload(port, url, workload, clients, duration):
    result = mp.Queue()
    procs = [mp.Process(target=worker, args=(port, url, workload, duration, result)) for _ in range(clients)]
    start = time.monotonic()
    for p in procs:
        p.start()
    total = sum(result.get() for _ in procs)
    for p in procs:
        p.join()
    return total / (time.monotonic() - start)


def prefill(port, url, count, clients):
    per = max(1, count // (10 * clients))

    def fill(_):
        c = Client(port)
        for _ in range(per):
            c.call("SendMessageBatch", {"QueueUrl": url, "Entries": [{"Id": str(i), "MessageBody": BODY} for i in range(10)]})
    threads = [threading.Thread(target=fill, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def long_poll_latency(port, url, samples):
    lat = []
    sender = Client(port)
    for _ in range(samples):
        got = {}

        def receive():
            got["out"] = Client(port).call("ReceiveMessage", {"QueueUrl": url, "WaitTimeSeconds": 20})
            got["t"] = time.perf_counter()
        t = threading.Thread(target=receive)
        t.start()
        time.sleep(0.02)  # let the receiver park
        t0 = time.perf_counter()
        sender.call("SendMessage", {"QueueUrl": url, "MessageBody": "ping"})
        t.join()
        lat.append((got["t"] - t0) * 1000)
        for m in got["out"].get("Messages", []):
            sender.call("DeleteMessage", {"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]})
    lat.sort()
    return statistics.median(lat), lat[min(len(lat) - 1, int(len(lat) * 0.99))]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def wait_ready(port):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("server did not start")


def start_server(kind, binary, data_dir):
    port = free_port()
    if kind == "skybox":
        cmd = [binary, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir, "--log-level", "warn"]
    else:
        cmd = [shutil.which("moto_server") or "moto_server", "-p", str(port)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    wait_ready(port)
    return proc, port


def measure(kind, binary, args):
    data_dir = tempfile.mkdtemp(prefix="sqs-bench-")
    proc, port = start_server(kind, binary, data_dir)
    row = {"server": kind}
    try:
        c = Client(port)
        for workload in ("send", "batch10", "recv+delete"):
            url = c.call("CreateQueue", {"QueueName": f"bench-{workload.replace('+', '-')}"})["QueueUrl"]
            url = url.replace(url.split("/")[2], f"127.0.0.1:{port}")
            filled = args.prefill if kind == "skybox" else args.moto_prefill
            if workload == "recv+delete":
                prefill(port, url, filled, args.clients)
            row[workload] = run_workload(port, url, workload, args.clients, args.duration)
            if workload == "recv+delete" and row[workload] * args.duration >= 0.95 * filled:
                row["drained"] = True
            print(f"{kind} {workload}: {row[workload]:.0f} msg/s", file=sys.stderr, flush=True)
        url = c.call("CreateQueue", {"QueueName": "bench-long-poll"})["QueueUrl"]
        row["lp_p50"], row["lp_p99"] = long_poll_latency(port, url, args.latency_samples)
        print(f"{kind} long poll: p50 {row['lp_p50']:.2f} ms p99 {row['lp_p99']:.2f} ms", file=sys.stderr, flush=True)
        if kind == "skybox" and args.rss_messages:
            url = c.call("CreateQueue", {"QueueName": "bench-rss"})["QueueUrl"]
            prefill(port, url, args.rss_messages, 8)
            time.sleep(1)
            row["rss"] = rss_mib(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(30)
        shutil.rmtree(data_dir, ignore_errors=True)
    return row


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--clients", type=int, default=16)
    p.add_argument("--duration", type=float, default=5)
    p.add_argument("--prefill", type=int, default=20000)
    p.add_argument("--moto-prefill", type=int, default=3000)
    p.add_argument("--latency-samples", type=int, default=200)
    p.add_argument("--rss-messages", type=int, default=0)
    p.add_argument("--skybox", default=os.path.join(ROOT, "build", "release", "src", "main", "skybox"))
    p.add_argument("--no-moto", action="store_true")
    args = p.parse_args()
    rows = [measure("skybox", args.skybox, args)]
    if not args.no_moto:
        rows.append(measure("moto", None, args))
    print(f"load average: {open('/proc/loadavg').read().strip()}")
    print("| server | send msg/s | batch-of-10 msg/s | receive+delete msg/s | long-poll wake p50 (ms) | p99 (ms) |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        drained = " (queue emptied)" if r.get("drained") else ""
        print(f"| {r['server']} | {r['send']:.0f} | {r['batch10']:.0f} | {r['recv+delete']:.0f}{drained} | "
              f"{r['lp_p50']:.2f} | {r['lp_p99']:.2f} |")
    if len(rows) == 2:
        for w in ("send", "batch10", "recv+delete"):
            print(f"{w}: skybox/moto = {rows[0][w] / max(rows[1][w], 1e-9):.1f}x")
    if "rss" in rows[0]:
        print(f"skybox VmRSS with {args.rss_messages} queued 1 KiB messages: {rows[0]['rss']:.1f} MiB")


if __name__ == "__main__":
    sys.exit(main())
