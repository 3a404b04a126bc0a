#!/usr/bin/env python3
"""Large-object throughput: one PutObject and one GetObject of --size-mib (default 1024 MiB)
through a streaming client, compared with how fast MD5 runs over the same bytes on this machine
(a server that computes the ETag while it stores cannot beat that), and the server's memory while
the transfer runs.

  bench/s3_large.py [--size-mib 1024] [--skybox PATH] [--with-moto]
                    [--endpoint http://host:port --pid PID]

- The body is a 16 MiB random block repeated (generated once, so the client costs little CPU),
  sent with http.client as 1 MiB writes with a Content-Length, through a presigned PUT URL
  (UNSIGNED-PAYLOAD, s3_sigv4.py). The answer's ETag must be the MD5 of the bytes.
- The GET reads the answer into a reused 1 MiB buffer and compares every byte with what was
  sent (a memory compare, much cheaper than hashing), so the figure is the transfer itself.
- Memory: VmRSS of the server sampled every 20 ms during each transfer (peak reported) and VmHWM
  at the end, from /proc/<pid>/status.
- MD5 reference: hashlib.md5 over the same byte stream in this process, and `openssl md5` with
  the same stream piped to it.
MB/s means 10^6 bytes per second. skybox runs with a fresh data dir (default sync durability)
and --log-level warn; --with-moto adds moto_server (in memory). --endpoint measures an already
running server instead (its --pid for the memory figures, optional).
"""
import argparse
import hashlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from s3_sigv4 import Signer  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCK = os.urandom(16 * 1024 * 1024)
CHUNK = 1024 * 1024
MB = 1e6


def chunks(size):
    """The body: BLOCK repeated up to `size` bytes, as memoryviews of at most CHUNK bytes."""
    view = memoryview(BLOCK)
    sent = 0
    while sent < size:
        offset = sent % len(BLOCK)
        n = min(CHUNK, size - sent, len(BLOCK) - offset)
        yield view[offset:offset + n]
        sent += n


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(port, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode} before answering")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"no answer on port {port} within {timeout} s")


class MemorySampler:
    """Peak VmRSS of a process while running (20 ms apart); VmHWM read on demand."""

    def __init__(self, pid):
        self.pid, self.peak_kib, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def status(self, field):
        if self.pid is None:
            return 0
        with open(f"/proc/{self.pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def _run(self):
        while not self._stop.wait(0.02):
            self.peak_kib = max(self.peak_kib, self.status("VmRSS"))

    def __enter__(self):
        self.peak_kib = self.status("VmRSS")
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


def request(endpoint, method, path, headers=None):
    host = urllib.parse.urlsplit(endpoint).netloc
    conn = http.client.HTTPConnection(*host.split(":"), timeout=600)
    conn.putrequest(method, Signer().presign(method, host, path), skip_accept_encoding=True)
    for name, value in (headers or {}).items():
        conn.putheader(name, value)
    return conn


def check(response, what):
    body = response.read()
    if response.status != 200:
        sys.exit(f"{what}: HTTP {response.status} {body[:300]!r}")


def measure(label, endpoint, pid, size, md5_hex):
    conn = request(endpoint, "PUT", "/bench-large", {"Content-Length": "0"})
    conn.endheaders()
    check(conn.getresponse(), f"{label} CreateBucket")
    rss_before = MemorySampler(pid).status("VmRSS")

    with MemorySampler(pid) as put_memory:
        started = time.perf_counter()
        conn = request(endpoint, "PUT", "/bench-large/big.bin", {"Content-Length": str(size)})
        conn.endheaders()
        for chunk in chunks(size):
            conn.send(chunk)
        response = conn.getresponse()
        put_seconds = time.perf_counter() - started
        etag = response.getheader("ETag", "")
        check(response, f"{label} PutObject")
    if etag.strip('"') != md5_hex:
        sys.exit(f"{label}: ETag {etag} is not the MD5 of the body ({md5_hex})")

    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    with MemorySampler(pid) as get_memory:
        started = time.perf_counter()
        conn = request(endpoint, "GET", "/bench-large/big.bin")
        conn.endheaders()
        response = conn.getresponse()
        if response.status != 200:
            sys.exit(f"{label} GetObject: HTTP {response.status} {response.read()[:300]!r}")
        received = 0
        expected = chunks(size)
        pending = memoryview(b"")
        while True:
            n = response.readinto(buffer)
            if n == 0:
                break
            got = view[:n]
            while len(got):  # compare with the stream as sent, across chunk boundaries
                if not len(pending):
                    pending = next(expected, memoryview(b""))
                    if not len(pending):
                        sys.exit(f"{label} GetObject: more than {size} bytes")
                m = min(len(got), len(pending))
                if got[:m] != pending[:m]:
                    sys.exit(f"{label} GetObject: bytes differ near offset {received}")
                got, pending = got[m:], pending[m:]
                received += m
        get_seconds = time.perf_counter() - started
    if received != size:
        sys.exit(f"{label} GetObject: {received} bytes, expected {size}")
    sampler = MemorySampler(pid)
    hwm = sampler.status("VmHWM")
    print(f"{label}: PutObject {size / MB / put_seconds:.0f} MB/s ({put_seconds:.2f} s), "
          f"GetObject {size / MB / get_seconds:.0f} MB/s ({get_seconds:.2f} s); RSS before "
          f"{rss_before / 1024:.0f} MiB, peak during PUT {put_memory.peak_kib / 1024:.0f} MiB, "
          f"during GET {get_memory.peak_kib / 1024:.0f} MiB, VmHWM {hwm / 1024:.0f} MiB", flush=True)
    return size / MB / put_seconds, size / MB / get_seconds


def md5_references(size):
    started = time.perf_counter()
    digest = hashlib.md5()
    for chunk in chunks(size):
        digest.update(chunk)
    hashlib_rate = size / MB / (time.perf_counter() - started)
    started = time.perf_counter()
    openssl = subprocess.Popen(["openssl", "md5"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for chunk in chunks(size):
        openssl.stdin.write(chunk)
    openssl.stdin.close()
    out = openssl.stdout.read().decode()
    openssl.wait()
    openssl_rate = size / MB / (time.perf_counter() - started)
    if digest.hexdigest() not in out:
        sys.exit(f"openssl md5 disagrees with hashlib: {out!r}")
    print(f"md5 over the same bytes: hashlib {hashlib_rate:.0f} MB/s, openssl md5 (piped) {openssl_rate:.0f} MB/s",
          flush=True)
    return digest.hexdigest(), hashlib_rate, openssl_rate


def moto_server_path():
    """The real script, not the pyenv shim, so that the pid is moto's own."""
    try:
        return subprocess.run(["pyenv", "which", "moto_server"], capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return shutil.which("moto_server") or "moto_server"


def start(args, tmp, kind):
    port = free_port()
    if kind == "skybox":
        cmd = [args.skybox, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", os.path.join(tmp, "data"),
               "--log-level", "warn"]
    else:
        cmd = [moto_server_path(), "-p", str(port)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=open(os.path.join(tmp, f"{kind}.log"), "w"))
    wait_http(port, proc)
    return proc, f"http://127.0.0.1:{port}"


def stop(proc):
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--skybox", default=os.path.join(ROOT, "build", "release", "src", "main", "skybox"))
    parser.add_argument("--with-moto", action="store_true")
    parser.add_argument("--endpoint", help="an already running S3 server instead of starting skybox")
    parser.add_argument("--pid", type=int, help="the --endpoint server's pid, for its memory figures")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so `finally` stops the server
    size = args.size_mib * 1024 * 1024
    load_before = open("/proc/loadavg").read().split()[:3]
    md5_hex, hashlib_rate, openssl_rate = md5_references(size)
    tmp = tempfile.mkdtemp(prefix="skybox-s3-large-")
    results = {}
    try:
        if args.endpoint:
            results["server"] = measure("server", args.endpoint, args.pid, size, md5_hex)
        else:
            for kind in ["skybox"] + (["moto_server"] if args.with_moto else []):
                proc, endpoint = start(args, tmp, kind)
                try:
                    results[kind] = measure(kind, endpoint, proc.pid, size, md5_hex)
                finally:
                    stop(proc)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{args.size_mib} MiB object; load average before {' '.join(load_before)}, after "
          f"{' '.join(open('/proc/loadavg').read().split()[:3])}; {os.cpu_count()} cores shared by client and server")
    for label, (put_rate, get_rate) in results.items():
        print(f"{label} / hashlib md5: PutObject {put_rate / hashlib_rate:.2f}x, GetObject {get_rate / hashlib_rate:.2f}x; "
              f"/ openssl md5: PutObject {put_rate / openssl_rate:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
