#!/usr/bin/env python3
"""Startup latency and idle memory of skybox versus moto_server.

For each server: spawn it, then connect + send one GET in a tight loop (0.2 ms apart) until an HTTP response
arrives; the time from just before the spawn to that response is the "start" time. After the
first response the server idles for --idle seconds and VmRSS is read from /proc/<pid>/status.
The server is then stopped (SIGTERM, SIGKILL after 5 s). Every run uses a fresh port. skybox
without --ephemeral is measured twice: with a fresh (not yet existing) data directory each run,
and reopening one existing data directory (created by an unmeasured first start), which is how a
durable server usually starts.

--with-floor also builds bench/rss_floor.cc (g++, Debian's librocksdb.a and libcrypto, linked as
skybox links those two; without skybox's mimalloc, which would only add to it) and measures it
the same way, ready when it prints "ready": the idle memory of opening a RocksDB store and
hashing once, below which no durable skybox can go.

Usage: bench/startup.py [--skybox PATH] [--runs 20] [--moto-runs N] [--idle 1.0] [--no-moto]
                        [--with-floor]
"""
import argparse
import os
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

DEFAULT_SKYBOX = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build",
                              "release", "src", "main", "skybox")
START_TIMEOUT_S = 30.0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def try_get(port, path):
    """One connect + GET; True once any HTTP status line comes back."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2.0) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                      "Connection: close\r\n\r\n".encode())
            return s.recv(16).startswith(b"HTTP/")
    except OSError:
        return False


def http_ready(path):
    """Ready once an HTTP status line comes back for GET `path`."""
    return lambda proc, port: try_get(port, path)


def stdout_ready(proc, port):
    """Ready once the program printed "ready" (bench/rss_floor.cc)."""
    readable, _, _ = select.select([proc.stdout], [], [], 0)
    return bool(readable) and proc.stdout.readline().strip() == b"ready"


def stop(proc):
    if proc.stdout:
        proc.stdout.close()
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def vm_rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def one_run(make_cmd, ready, idle_s, workdir):
    """Returns (start seconds, idle RSS KiB) for one spawn of the server."""
    port = free_port()
    cmd = make_cmd(port, workdir)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE if ready is stdout_ready else subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while not ready(proc, port):
            if proc.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited with {proc.returncode}: {' '.join(cmd)}")
            if time.perf_counter() - t0 > START_TIMEOUT_S:
                raise RuntimeError(f"not ready within {START_TIMEOUT_S}s: {' '.join(cmd)}")
            time.sleep(0.0002)  # keep polling resolution fine without starving the server's CPU
        started = time.perf_counter() - t0
        time.sleep(idle_s)
        return started, vm_rss_kib(proc.pid)
    finally:
        stop(proc)


def resolve_moto():
    """The real moto_server script, not a pyenv shim (the shim adds ~100 ms of bash)."""
    moto = shutil.which("moto_server") or sys.exit("moto_server not on PATH")
    if "/shims/" in moto and shutil.which("pyenv"):
        moto = subprocess.run(["pyenv", "which", "moto_server"], capture_output=True,
                              text=True, check=True).stdout.strip()
    return moto


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(name, make_cmd, ready, runs, idle_s):
    starts, rss = [], []
    for i in range(runs):
        workdir = tempfile.mkdtemp(prefix="skybox-bench-")
        try:
            s, r = one_run(make_cmd, ready, idle_s, workdir)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        starts.append(s)
        rss.append(r)
    row = {"name": name, "runs": runs, "start_med": statistics.median(starts),
           "start_p90": percentile(starts, 90), "start_min": min(starts),
           "rss_med": statistics.median(rss), "rss_max": max(rss)}
    print(f"  measured {name}: {row['start_med'] * 1e3:.1f} ms, {row['rss_med'] / 1024:.1f} MiB",
          file=sys.stderr)
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--skybox", default=DEFAULT_SKYBOX)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--moto-runs", type=int, default=None, help="default: --runs")
    ap.add_argument("--idle", type=float, default=1.0, help="seconds idle before reading VmRSS")
    ap.add_argument("--no-moto", action="store_true")
    ap.add_argument("--no-skybox", action="store_true")
    ap.add_argument("--with-floor", action="store_true", help="also build and measure bench/rss_floor.cc")
    a = ap.parse_args()

    skybox = os.path.abspath(a.skybox)
    serve = lambda port: [skybox, "serve", "--listen", f"127.0.0.1:{port}", "--log-level", "warn"]
    targets = []
    existing = tempfile.mkdtemp(prefix="skybox-bench-existing-")
    if not a.no_skybox:
        health = http_ready("/_skybox/health")
        one_run(lambda p, w: serve(p) + ["--data-dir", existing], health, 0, existing)
        targets += [
            ("skybox (fresh data dir)",
             lambda p, w: serve(p) + ["--data-dir", os.path.join(w, "data")], health),
            ("skybox (existing data dir)",
             lambda p, w: serve(p) + ["--data-dir", existing], health),
            ("skybox --ephemeral",
             lambda p, w: serve(p) + ["--data-dir", os.path.join(w, "data"), "--ephemeral"], health),
            ("skybox --ephemeral --threads 1",
             lambda p, w: serve(p) + ["--data-dir", os.path.join(w, "data"), "--ephemeral",
                                      "--threads", "1"], health),
        ]
    if a.with_floor:
        floor_dir = tempfile.mkdtemp(prefix="skybox-bench-floor-")
        floor = os.path.join(floor_dir, "rss_floor")
        source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rss_floor.cc")
        subprocess.run(["g++", "-O2", "-std=c++20", source, "-o", floor, "-Wl,-Bstatic", "-lrocksdb",
                        "-Wl,-Bdynamic", "-lcrypto", "-lsnappy", "-llz4", "-lzstd", "-lbz2", "-lz", "-lpthread",
                        "-ldl"], check=True)
        targets.append(("floor: RocksDB open + one SHA-256 (rss_floor.cc)",
                        lambda p, w: [floor, os.path.join(w, "data")], stdout_ready))
    if not a.no_moto:
        moto = resolve_moto()
        targets.append(("moto_server 5.x", lambda p, w: [moto, "-p", str(p)], http_ready("/")))

    load_before = open("/proc/loadavg").read().split()[:3]
    rows = []
    for name, make_cmd, ready in targets:
        runs = a.moto_runs if (name.startswith("moto") and a.moto_runs) else a.runs
        rows.append(measure(name, make_cmd, ready, runs, a.idle))

    shutil.rmtree(existing, ignore_errors=True)
    if a.with_floor:
        shutil.rmtree(floor_dir, ignore_errors=True)
    load_after = open("/proc/loadavg").read().split()[:3]
    sys.stderr.flush()
    print(f"\nload average (1/5/15 min) before: {' '.join(load_before)}, "
          f"after: {' '.join(load_after)}")
    print(f"\n| server | runs | start median (ms) | start p90 (ms) | start min (ms) "
          f"| idle RSS median (MiB) | idle RSS max (MiB) |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['name']} | {r['runs']} | {r['start_med'] * 1e3:.1f} | "
              f"{r['start_p90'] * 1e3:.1f} | {r['start_min'] * 1e3:.1f} | "
              f"{r['rss_med'] / 1024:.1f} | {r['rss_max'] / 1024:.1f} |")

    by_name = {r["name"]: r for r in rows}
    moto_row = next((r for r in rows if r["name"].startswith("moto")), None)
    print()
    for name in ("skybox (fresh data dir)", "skybox (existing data dir)", "skybox --ephemeral"):
        r = by_name.get(name)
        if not r:
            continue
        verdict_start = "meets" if r["start_med"] < 0.020 else "MISSES"
        verdict_rss = "meets" if r["rss_med"] < 10 * 1024 else "MISSES"
        print(f"{name}: start {r['start_med'] * 1e3:.1f} ms ({verdict_start} target < 20 ms), "
              f"idle RSS {r['rss_med'] / 1024:.1f} MiB ({verdict_rss} target < 10 MiB)")
        if moto_row:
            print(f"  vs moto_server: start {moto_row['start_med'] / r['start_med']:.1f}x faster, "
                  f"RSS {moto_row['rss_med'] / r['rss_med']:.1f}x smaller")


if __name__ == "__main__":
    main()
