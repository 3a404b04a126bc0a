#!/usr/bin/env python3
"""ListObjectsV2 page time as a bucket grows: one bucket filled with empty objects up to 10,000,
then 100,000 keys (and 1,000,000 with --with-1m), and at each size the time of a 1,000-key page.

  bench/s3_list.py [--sizes 10000,100000] [--with-1m] [--processes 8] [--samples 20]
                   [--skybox PATH] [--endpoint http://host:port]

- Filling: --processes client processes, each with one keep-alive connection, PUT empty objects
  (keys key-0000000, key-0000001, ...; header-signed, UNSIGNED-PAYLOAD, s3_sigv4.py) as fast as
  the server acknowledges them; the fill rate is printed. The 1M step is off by default: at the
  fill rate measured for the smaller steps it is estimated and printed instead.
- Page time: ListObjectsV2 with max-keys=1000 on a keep-alive connection, --samples times each
  for the first page, a page from the middle (start-after the middle key) and the last page
  (median and p90, ms, client-side: request sent to answer parsed). Then one walk of the whole
  bucket with continuation tokens, which must return every key once, in order.
skybox runs with a fresh data dir (default sync durability) and --log-level warn. --endpoint
measures an already running server instead.
"""
import argparse
import http.client
import multiprocessing as mp
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from s3_sigv4 import Signer, quote  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUCKET = "bench-list"
KEY_RE = re.compile(rb"<Key>([^<]*)</Key>")
TOKEN_RE = re.compile(rb"<NextContinuationToken>([^<]*)</NextContinuationToken>")


def key(i):
    return f"key-{i:07d}"


class Client:
    def __init__(self, endpoint):
        self.host = urllib.parse.urlsplit(endpoint).netloc
        self.conn = http.client.HTTPConnection(*self.host.split(":"), timeout=120)
        self.signer = Signer()

    def call(self, method, path, query=None, body=b""):
        headers = self.signer.headers(method, self.host, path, query)
        if method == "PUT":
            headers["content-length"] = str(len(body))
        target = quote(path, "/")
        if query:
            target += "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())
        self.conn.request(method, target, body=body or None, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path} {query}: HTTP {response.status} {data[:300]!r}")
        return data

    def list_page(self, **params):
        return self.call("GET", f"/{BUCKET}", {"list-type": "2", "max-keys": "1000", **params})


def fill_range(endpoint, start, stop):
    client = Client(endpoint)
    for i in range(start, stop):
        client.call("PUT", f"/{BUCKET}/{key(i)}")


def fill(endpoint, start, stop, processes):
    step = -(-(stop - start) // processes)
    bounds = [(s, min(s + step, stop)) for s in range(start, stop, step)]
    began = time.perf_counter()
    with mp.Pool(len(bounds)) as pool:
        pool.starmap(fill_range, [(endpoint, a, b) for a, b in bounds])
    return (stop - start) / (time.perf_counter() - began)


def timed(fn, samples):
    times = []
    for _ in range(samples):
        began = time.perf_counter()
        fn()
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.9))]


def measure(endpoint, size, samples):
    client = Client(endpoint)  # a fresh connection: the fill may outlast the server's idle timeout
    def page(expect_first, **params):
        data = client.list_page(**params)
        keys = KEY_RE.findall(data)
        if len(keys) != 1000 or keys[0] != key(expect_first).encode():
            raise RuntimeError(f"page {params}: {len(keys)} keys starting {keys[:1]}, expected 1000 from {key(expect_first)}")

    first = timed(lambda: page(0), samples)
    middle = timed(lambda: page(size // 2 - 500, **{"start-after": key(size // 2 - 501)}), samples)
    last = timed(lambda: page(size - 1000, **{"start-after": key(size - 1001)}), samples)

    began = time.perf_counter()
    token, seen, pages = None, 0, 0
    while True:
        data = client.list_page(**({"continuation-token": token} if token else {}))
        keys = KEY_RE.findall(data)
        if keys != [key(i).encode() for i in range(seen, seen + len(keys))]:
            raise RuntimeError(f"walk: page {pages} does not continue at {key(seen)}")
        seen += len(keys)
        pages += 1
        found = TOKEN_RE.search(data)
        if not found:
            break
        token = found.group(1).decode()
    walk = time.perf_counter() - began
    if seen != size:
        raise RuntimeError(f"walk returned {seen} keys, expected {size}")
    print(f"{size} keys: 1,000-key page median / p90 ms: first {first[0]:.1f} / {first[1]:.1f}, "
          f"middle {middle[0]:.1f} / {middle[1]:.1f}, last {last[0]:.1f} / {last[1]:.1f}; "
          f"full walk {pages} pages in {walk:.1f} s ({walk / pages * 1000:.1f} ms/page)", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_skybox(binary, data_dir):
    port = free_port()
    proc = subprocess.Popen([binary, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir,
                             "--log-level", "warn"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(os.path.dirname(data_dir), "skybox.log"), "w"))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"skybox exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("skybox did not listen within 30 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--with-1m", action="store_true", help="also grow the bucket to 1,000,000 keys")
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--skybox", default=os.path.join(ROOT, "build", "release", "src", "main", "skybox"))
    parser.add_argument("--endpoint", help="an already running S3 server instead of starting skybox")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops the server
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    if sizes[0] < 2000:
        parser.error("sizes must be at least 2000 (a first, middle and last page of 1,000 keys)")
    if args.with_1m:
        sizes = sorted(set(sizes) | {1_000_000})
    load_before = open("/proc/loadavg").read().split()[:3]
    tmp = tempfile.mkdtemp(prefix="skybox-s3-list-")
    proc = None
    try:
        endpoint = args.endpoint
        if not endpoint:
            proc, endpoint = start_skybox(args.skybox, os.path.join(tmp, "data"))
        Client(endpoint).call("PUT", f"/{BUCKET}")
        filled, rates = 0, []
        for size in sizes:
            rate = fill(endpoint, filled, size, args.processes)
            rates.append(rate)
            print(f"filled {filled} -> {size} keys at {rate:.0f} PUTs/s ({args.processes} processes)", flush=True)
            filled = size
            measure(endpoint, size, args.samples)
        if not args.with_1m and filled < 1_000_000:
            minutes = (1_000_000 - filled) / rates[-1] / 60
            print(f"--with-1m would add {1_000_000 - filled} PUTs: about {minutes:.0f} min at the last fill rate")
    finally:
        if proc:
            proc.terminate()
            proc.wait(30)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average before {' '.join(load_before)}, after {' '.join(open('/proc/loadavg').read().split()[:3])}; "
          f"{os.cpu_count()} cores shared by the clients and the server")
    return 0


if __name__ == "__main__":
    sys.exit(main())
