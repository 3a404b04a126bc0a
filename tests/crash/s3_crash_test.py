#!/usr/bin/env python3
"""S3 crash test: concurrent PutObjects (small, and ~3 MiB) and multipart uploads against the real
skybox binary, kill -9 at a random moment, restart on the same data dir, repeat. After every
restart, and once more at the end over everything, it checks that

  - every object whose PutObject / CompleteMultipartUpload was acknowledged reads back whole:
    GET returns exactly its bytes (MD5) and HEAD its length and ETag;
  - nothing partial is visible: a key whose write was cut off by the kill is either absent
    (404 on HEAD and GET) or the complete object, never a prefix or a mix;
  - the listing agrees with the reads: every acknowledged key is listed, every listed key was
    written by this test and GETs as listed (size and ETag), nothing is listed twice.

Every body is derived from its key (seeded bytes), so the expected content of a key is known
whether or not its write was acknowledged. Keys are never rewritten, so an acknowledged object
has exactly one right content. A request that fails while the server is up (before the kill)
is a violation too: only the kill may cut requests off.

Seeded and bounded (default 5 cycles, well under 90 s). Uses the e2e harness (tests/e2e) and
boto3. Exit status 0 means no violation.
"""
import argparse
import functools
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

BUCKET = "crash"
MiB = 1024 * 1024
PART = 5 * MiB  # the smallest part S3 accepts (all but the last)


def body_for(key):
    """The one content a key ever gets: seeded by the key, sized by its kind."""
    rng = random.Random(key)
    kind = key.split("/")[1]
    size = {"small": rng.randint(0, 64 * 1024), "large": 3 * MiB + rng.randint(0, 64 * 1024),
            "mpu": PART + rng.randint(1, MiB)}[kind]
    return rng.randbytes(size)


def multipart_etag(body):
    parts = [body[i:i + PART] for i in range(0, len(body), PART)]
    digest = hashlib.md5(b"".join(hashlib.md5(p).digest() for p in parts)).hexdigest()
    return f'"{digest}-{len(parts)}"'


@functools.lru_cache(maxsize=None)
def expected(key):
    """(size, MD5 digest, ETag) of the key's body; cached, as the checks ask for it repeatedly."""
    body = body_for(key)
    etag = multipart_etag(body) if key.split("/")[1] == "mpu" else f'"{hashlib.md5(body).hexdigest()}"'
    return len(body), hashlib.md5(body).digest(), etag


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.attempted = set()  # a write was started (it may or may not have happened)
        self.acked = set()      # the server acknowledged the write
        self.errors = []        # requests that failed while the server was up


def client(server):
    return server.client("s3", connect_timeout=2, read_timeout=20)


def writer(server, kind, prefix, ledger, killed):
    s3 = client(server)
    n = 0
    while not killed.is_set():
        key = f"{prefix}/{kind}/{n}"
        n += 1
        body = body_for(key)
        with ledger.lock:
            ledger.attempted.add(key)
        try:
            if kind == "mpu":
                upload = s3.create_multipart_upload(Bucket=BUCKET, Key=key)["UploadId"]
                parts = []
                for number, start in enumerate(range(0, len(body), PART), 1):
                    out = s3.upload_part(Bucket=BUCKET, Key=key, UploadId=upload, PartNumber=number,
                                         Body=body[start:start + PART])
                    parts.append({"PartNumber": number, "ETag": out["ETag"]})
                s3.complete_multipart_upload(Bucket=BUCKET, Key=key, UploadId=upload,
                                             MultipartUpload={"Parts": parts})
            else:
                s3.put_object(Bucket=BUCKET, Key=key, Body=body)
            with ledger.lock:
                ledger.acked.add(key)
        except Exception as err:  # the kill cut the request off: not acknowledged
            if not killed.is_set():
                with ledger.lock:
                    ledger.errors.append(f"{key}: {err!r}")
            return


def read_object(s3, key):
    """(head, body) of a key, or None when it does not exist (both HEAD and GET say 404)."""
    try:
        head = s3.head_object(Bucket=BUCKET, Key=key)
    except botocore.exceptions.ClientError as err:
        if err.response["Error"]["Code"] not in ("404", "NoSuchKey"):
            raise
        head = None
    try:
        body = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    except botocore.exceptions.ClientError as err:
        if err.response["Error"]["Code"] != "NoSuchKey":
            raise
        body = None
    if (head is None) != (body is None):
        raise AssertionError(f"{key}: HEAD {'found' if head else 'missing'} but GET {'found' if body is not None else 'missing'}")
    return None if head is None else (head, body)


def check_object(s3, key, acked, failures):
    """Checks one key's HEAD and GET; returns whether it exists."""
    found = read_object(s3, key)
    if found is None:
        if acked:
            failures.append(f"acknowledged {key} is missing")
        return False
    head, body = found
    size, md5, etag = expected(key)
    if hashlib.md5(body).digest() != md5:
        failures.append(f"{key}: GET returned {len(body)} bytes that are not its {size}-byte body"
                        f"{' (acknowledged)' if acked else ' (partial write visible)'}")
    if head["ContentLength"] != size or head["ETag"] != etag:
        failures.append(f"{key}: HEAD says {head['ContentLength']} bytes, ETag {head['ETag']}; "
                        f"expected {size}, {etag}")
    return True


def check(server, ledger, keys, failures):
    """Reads `keys` back, then checks the whole listing against the ledger and those reads."""
    s3 = client(server)
    with ledger.lock:
        attempted, acked = set(ledger.attempted), set(ledger.acked)
    exists = {key: check_object(s3, key, key in acked, failures) for key in sorted(keys)}
    listed = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for entry in page.get("Contents", []):
            if entry["Key"] in listed:
                failures.append(f"{entry['Key']} listed twice")
            listed[entry["Key"]] = entry
    for key in sorted(acked - listed.keys()):
        failures.append(f"acknowledged {key} is not listed")
    for key, entry in sorted(listed.items()):
        if key not in attempted:
            failures.append(f"{key} is listed but was never written")
        elif (entry["Size"], entry["ETag"]) != (expected(key)[0], expected(key)[2]):
            failures.append(f"{key} listed with {entry['Size']} bytes, ETag {entry['ETag']}; "
                            f"expected {expected(key)[0]}, {expected(key)[2]}")
    for key, found in exists.items():
        if found != (key in listed):
            failures.append(f"{key}: HEAD/GET say {'present' if found else 'absent'} but the listing "
                            f"{'does not list' if found else 'lists'} it")
    return listed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=5)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    data_dir = tempfile.mkdtemp(prefix="skybox-s3-crash-")
    ledger = Ledger()
    failures = []
    started = time.monotonic()
    server = None
    try:
        server = SkyboxServer(data_dir=data_dir)
        client(server).create_bucket(Bucket=BUCKET)
        for cycle in range(args.cycles):
            killed = threading.Event()
            kinds = ["small", "small", "small", "large", "large", "mpu"]
            threads = [threading.Thread(target=writer, args=(server, kind, f"c{cycle}w{i}", ledger, killed))
                       for i, kind in enumerate(kinds)]
            for t in threads:
                t.start()
            time.sleep(rng.uniform(0.4, 2.5))
            killed.set()
            server.kill()  # SIGKILL mid-load
            for t in threads:
                t.join(30)
            server.start()
            with ledger.lock:
                this_cycle = {k for k in ledger.attempted if k.startswith(f"c{cycle}w")}
            check(server, ledger, this_cycle, failures)
        with ledger.lock:
            everything = set(ledger.attempted)
        listed = check(server, ledger, everything, failures)
        # Uploads the kills interrupted stay open until aborted; aborting them must work.
        s3 = client(server)
        for upload in s3.list_multipart_uploads(Bucket=BUCKET).get("Uploads", []):
            s3.abort_multipart_upload(Bucket=BUCKET, Key=upload["Key"], UploadId=upload["UploadId"])
        left = s3.list_multipart_uploads(Bucket=BUCKET).get("Uploads", [])
        if left:
            failures.append(f"{len(left)} multipart uploads still listed after AbortMultipartUpload")
        server.close()
        kinds_acked = {kind: sum(1 for k in ledger.acked if k.split("/")[1] == kind) for kind in ("small", "large", "mpu")}
        print(f"cycles={args.cycles} attempted={len(ledger.attempted)} acknowledged={len(ledger.acked)} "
              f"{kinds_acked} listed={len(listed)} in {time.monotonic() - started:.1f} s")
    finally:
        if server is not None:
            server.kill()  # still running only if a check raised; close() stopped it otherwise
        shutil.rmtree(data_dir, ignore_errors=True)
        failures.extend(f"request failed while skybox was up: {e}" for e in ledger.errors)
        for f in failures[:20]:
            print("VIOLATION:", f, file=sys.stderr)
        if len(failures) > 20:
            print(f"... and {len(failures) - 20} more violations", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
