#!/usr/bin/env python3
"""Storage crash test: kill -9 a committing process at random moments and check that every
acknowledged batch survived whole, no batch is partly present, and no value is corrupt.

Runs storage_crash_writer (tests/crash/storage_crash_writer.cc) against one data dir for
several cycles; the data dir is kept across cycles, so each cycle also checks recovery from
every previous kill. Seeded and bounded: the default 8 cycles take well under 30 s.
Exit status 0 means no violation; anything else is a failure (details on stderr).
"""
import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time


def run_cycle(writer, data_dir, cycle, threads, run_for):
    """Runs the writer for `run_for` seconds, kills it, returns the batch ids it ACKed."""
    proc = subprocess.Popen(
        [writer, "--dir", data_dir, "--cycle", str(cycle), "--threads", str(threads)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout.read().splitlines(True)))
    reader.start()
    time.sleep(run_for)
    exited_early = proc.poll()
    proc.kill()  # SIGKILL: no destructors, no flushes
    proc.wait()
    reader.join()
    stderr = proc.stderr.read().decode(errors="replace")
    if exited_early is not None:
        raise AssertionError(f"cycle {cycle}: writer exited by itself ({exited_early}): {stderr}")
    acked = set()
    for raw in lines:
        line = raw.decode()
        if line.endswith("\n") and line.startswith("ACK "):  # a torn last line is no ACK
            acked.add(line[4:].strip())
    return acked


def verify(writer, data_dir):
    """Reopens the data dir; returns ({batch id: keys found}, [corruption lines], keys per batch)."""
    out = subprocess.run([writer, "--dir", data_dir, "--verify"], capture_output=True,
                         text=True, timeout=60)
    if out.returncode != 0:
        raise AssertionError(f"verify failed to run ({out.returncode}): {out.stderr}")
    found, corrupt, per_batch = {}, [], None
    for line in out.stdout.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "BATCH":
            batch_id, count = rest.split()
            found[batch_id] = int(count)
        elif kind == "CORRUPT":
            corrupt.append(rest)
        elif kind == "SUMMARY":
            per_batch = int(rest.split("keys_per_batch=")[1])
    if per_batch is None:
        raise AssertionError(f"verify printed no SUMMARY: {out.stdout[-500:]} {out.stderr}")
    return found, corrupt, per_batch


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--writer", required=True, help="path to storage_crash_writer")
    parser.add_argument("--cycles", type=int, default=8)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the data dir for inspection")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    data_dir = tempfile.mkdtemp(prefix="skybox-crash-")
    acked_total = set()
    violations = []
    started = time.monotonic()
    try:
        for cycle in range(args.cycles):
            acked = run_cycle(args.writer, data_dir, cycle, args.threads, rng.uniform(0.2, 1.5))
            acked_total |= acked
            found, corrupt, per_batch = verify(args.writer, data_dir)
            lost = sorted(acked_total - found.keys())
            partial = sorted(b for b, n in found.items() if n != per_batch)
            for what, items in (("acknowledged but lost", lost), ("partially present", partial),
                                ("corrupt", corrupt)):
                if items:
                    violations.append(f"cycle {cycle}: {len(items)} {what}: {items[:5]}")
            print(f"cycle {cycle}: acked {len(acked)} (total {len(acked_total)}), "
                  f"present {len(found)}, lost {len(lost)}, partial {len(partial)}, "
                  f"corrupt {len(corrupt)}", flush=True)
        if not acked_total:
            violations.append("the writer never acknowledged a batch: the test proved nothing")
    finally:
        if args.keep:
            print(f"data dir kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)
    print(f"{args.cycles} cycles in {time.monotonic() - started:.1f} s, seed {args.seed}")
    for v in violations:
        print("VIOLATION " + v, file=sys.stderr)
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
