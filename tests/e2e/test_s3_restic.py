"""S3 as a backup target: restic (Debian's package, minio-go underneath, SigV4 with streamed
payloads, path style) initialises a repository in a Skybox bucket, backs a tree up twice, checks
every byte of its packs (check --read-data), restores the tree byte for byte, and forgets and
prunes the first snapshot, deleting the packs only it needed."""
import json
import os
import subprocess
import unittest

from s3_endpoint import ACCESS_KEY, REGION, SECRET_KEY, MiB, ToolTestCase, unique_name, write_file


class ResticTest(ToolTestCase):
    tool = "restic"

    def setUp(self):
        super().setUp()
        self.bucket = self.make_bucket("restic")
        self.env = dict(os.environ, HOME=self.dir, AWS_ACCESS_KEY_ID=ACCESS_KEY,
                        AWS_SECRET_ACCESS_KEY=SECRET_KEY, AWS_DEFAULT_REGION=REGION,
                        RESTIC_PASSWORD="correct horse battery staple",
                        RESTIC_REPOSITORY=f"s3:{self.endpoint.url}/{self.bucket}",
                        RESTIC_CACHE_DIR=os.path.join(self.dir, "cache"))

    def restic(self, *args):
        r = subprocess.run([self.binary, *args], capture_output=True, text=True, timeout=180,
                           stdin=subprocess.DEVNULL, env=self.env, cwd=self.dir)
        self.assertEqual(r.returncode, 0, f"restic {' '.join(args)}\n{r.stdout}\n{r.stderr}")
        return r.stdout

    def keys_under(self, prefix):
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return {o["Key"] for page in pages for o in page.get("Contents", [])}

    def test_backup_check_restore_and_prune(self):
        tree = os.path.join(self.dir, "tree")
        files = {"big.bin": os.urandom(24 * MiB), "docs/readme.txt": b"restic was here\n", "empty": b""}
        for i in range(60):
            files[f"many/f{i:02d}.bin"] = os.urandom(1000 + 997 * i)
        for rel, data in files.items():
            write_file(tree, rel, data)

        self.restic("init")
        self.assertIn("config", self.keys_under(""))
        self.restic("backup", "tree")
        first_packs = self.keys_under("data/")
        self.assertGreater(len(first_packs), 0)

        # A second backup that adds a file and drops the big one: the first snapshot alone
        # needs the big file's packs.
        os.remove(os.path.join(tree, "big.bin"))
        write_file(tree, "later.txt", b"added after the first snapshot\n")
        self.restic("backup", "tree")
        snapshots = json.loads(self.restic("snapshots", "--json"))
        self.assertEqual(len(snapshots), 2)

        self.assertIn("no errors were found", self.restic("check", "--read-data"))

        target = os.path.join(self.dir, "restored")
        self.restic("restore", snapshots[0]["short_id"], "--target", target)
        for rel, data in files.items():
            with open(os.path.join(target, "tree", rel), "rb") as f:
                self.assertEqual(f.read(), data, rel)

        self.restic("forget", snapshots[0]["short_id"], "--prune")
        self.assertEqual(len(json.loads(self.restic("snapshots", "--json"))), 1)
        remaining = self.keys_under("data/")
        self.assertTrue(first_packs - remaining, "prune deleted no pack of the forgotten snapshot")
        self.assertIn("no errors were found", self.restic("check", "--read-data"))

        latest = os.path.join(self.dir, "latest")
        self.restic("restore", "latest", "--target", latest)
        self.assertFalse(os.path.exists(os.path.join(latest, "tree", "big.bin")))
        with open(os.path.join(latest, "tree", "later.txt"), "rb") as f:
            self.assertEqual(f.read(), b"added after the first snapshot\n")
        with open(os.path.join(latest, "tree", "many", "f59.bin"), "rb") as f:
            self.assertEqual(f.read(), files["many/f59.bin"])


if __name__ == "__main__":
    unittest.main()
