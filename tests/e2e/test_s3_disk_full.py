"""S3 on a full disk: Skybox's data directory sits on a 96 MiB tmpfs that also holds 16 MiB of
someone else's file, and is filled with PutObject (bodies kept inline in the LSM tree and bodies
in blob files, alternately) until writes fail. A write that finds no space is answered 500
InternalError and leaves nothing behind; the server stays up and every acknowledged object stays
readable, byte for byte, and listed; deleting objects makes room and writes succeed again without
a restart; a SIGTERM restart keeps everything. Killed (kill -9) on the full disk, the server may
not start again until there is room (replaying its log writes tables; it then exits saying "No
space left on device"); once the other file is removed it starts, and every acknowledged object
is there and nothing else is listed. Needs root (it mounts the tmpfs); without the right to
mount, the test is skipped, saying so."""
import hashlib
import os
import subprocess
import tempfile
import unittest

import botocore.exceptions

from skybox_harness import SkyboxServer

INLINE_BODY = 180 * 1024   # below the 256 KiB inline limit: stored in the LSM tree
BLOB_BODY = 420 * 1024     # above it: a blob file
BUCKET = "full-disk"


class DiskFullTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.mnt = os.path.join(self.tmp.name, "disk")
        os.makedirs(self.mnt)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", self.mnt],
                           capture_output=True, text=True)
        if r.returncode != 0:
            self.tmp.cleanup()
            self.skipTest(f"cannot mount a tmpfs (needs root): {r.stderr.strip()}")
        self.server = None
        self.acked = {}  # key -> sha256 of every acknowledged PutObject still expected
        self.other_file = os.path.join(self.mnt, "someone-elses-file")
        with open(self.other_file, "wb") as f:
            f.write(os.urandom(16 * 1024 * 1024))

    def tearDown(self):
        try:
            if self.server is not None:
                self.server.kill()
        finally:
            subprocess.run(["umount", self.mnt], capture_output=True)
            self.tmp.cleanup()

    def start(self):
        self.server = SkyboxServer(data_dir=os.path.join(self.mnt, "data"))
        self.s3 = self.server.client("s3")

    def put(self, key, size):
        body = os.urandom(size)
        try:
            self.s3.put_object(Bucket=BUCKET, Key=key, Body=body)
        except botocore.exceptions.ClientError as e:
            return e.response["ResponseMetadata"]["HTTPStatusCode"], e.response["Error"]["Code"]
        self.acked[key] = hashlib.sha256(body).hexdigest()
        return 200, None

    def fill(self, prefix):
        """PUTs until 5 writes have failed (at most 800); returns the failures' (status, code)."""
        failures = []
        for i in range(800):
            status, code = self.put(f"{prefix}/{i:04d}", BLOB_BODY if i % 2 else INLINE_BODY)
            if status != 200:
                failures.append((status, code))
                if len(failures) == 5:
                    break
        return failures

    def verify(self):
        listed = set()
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            listed.update(o["Key"] for o in page.get("Contents", []))
        self.assertEqual(listed, set(self.acked), "the listing must hold exactly the acknowledged objects")
        for key, digest in self.acked.items():
            body = self.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
            self.assertEqual(hashlib.sha256(body).hexdigest(), digest, key)

    def test_full_disk_refuses_writes_and_loses_nothing(self):
        self.start()
        self.s3.create_bucket(Bucket=BUCKET)
        failures = self.fill("first")
        self.assertEqual(len(failures), 5, "the disk never filled up")
        self.assertEqual(set(failures), {(500, "InternalError")})
        self.assertGreater(len(self.acked), 50)
        self.assertTrue(self.server.alive())
        self.verify()

        # Space freed: writes work again, without a restart.
        for key in sorted(self.acked)[: len(self.acked) // 2]:
            self.s3.delete_object(Bucket=BUCKET, Key=key)
            del self.acked[key]
        for i in range(10):
            self.assertEqual(self.put(f"after/{i}", INLINE_BODY if i % 2 else BLOB_BODY), (200, None))
        self.verify()

        self.assertEqual(self.server.stop(), 0, self.server.logs())
        self.start()
        self.verify()

        # Full again, then killed. A restart may fail for want of room, and must say why; with
        # room made outside Skybox it starts, and what was acknowledged survives.
        self.assertEqual(len(self.fill("second")), 5)
        self.server.kill()
        try:
            self.start()
        except RuntimeError as e:
            self.assertIn("No space left on device", str(e))
            self.server = None
            os.remove(self.other_file)
            self.start()
        self.verify()


if __name__ == "__main__":
    unittest.main()
