"""S3 through rclone (Debian's package; the AWS SDK for Go underneath, SigV4, path style, its
remote defined by environment variables): mkdir, copy and sync of a tree with small files and
multipart uploads, check (sizes and MD5s), hashes and modification times kept in metadata,
ranged reads, server-side copy and move (CopyObject, and UploadPartCopy above the copy cutoff),
object versions, delete and purge; every result cross-checked with boto3."""
import base64
import hashlib
import json
import os
import subprocess
import unittest

from s3_endpoint import ACCESS_KEY, REGION, SECRET_KEY, MiB, ToolTestCase, md5_hex, unique_name

# Uploads above 5 MiB go in 5 MiB parts, and server-side copies above 5 MiB in part copies: small
# files keep the test fast while every path rclone has is taken.
CUTOFFS = ["--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", "--s3-copy-cutoff", "5M"]


class RcloneTest(ToolTestCase):
    tool = "rclone"

    def setUp(self):
        super().setUp()
        # Only this remote's settings: an AWS_* variable of the caller's (AWS_CA_BUNDLE, a
        # profile) would change how the Go SDK under rclone connects.
        environ = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "RCLONE_"))}
        self.env = dict(environ, HOME=self.dir,
                        RCLONE_CONFIG=os.path.join(self.dir, "rclone.conf"),
                        RCLONE_CONFIG_SKY_TYPE="s3", RCLONE_CONFIG_SKY_PROVIDER="Other",
                        RCLONE_CONFIG_SKY_ACCESS_KEY_ID=ACCESS_KEY,
                        RCLONE_CONFIG_SKY_SECRET_ACCESS_KEY=SECRET_KEY,
                        RCLONE_CONFIG_SKY_REGION=REGION, RCLONE_CONFIG_SKY_ENDPOINT=self.endpoint.url,
                        RCLONE_CONFIG_SKY_FORCE_PATH_STYLE="true")

    def rclone(self, *args, ok=True):
        r = subprocess.run([self.binary, "--retries", "1", "--low-level-retries", "1", *CUTOFFS, *args],
                           capture_output=True, timeout=180, stdin=subprocess.DEVNULL, env=self.env)
        if ok:
            self.assertEqual(r.returncode, 0, f"rclone {' '.join(args)}\n{r.stdout[-2000:]}\n{r.stderr[-4000:]}")
        return r

    def remote_objects(self, bucket):
        """{key: (size, md5 hex of the bytes)} read back through boto3."""
        out = {}
        for page in self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
            for o in page.get("Contents", []):
                body = self.s3.get_object(Bucket=bucket, Key=o["Key"])["Body"].read()
                out[o["Key"]] = (o["Size"], md5_hex(body))
        return out

    def test_copy_check_sync_and_purge_a_tree(self):
        b = self.track_bucket(unique_name("rclone"))
        self.rclone("mkdir", f"sky:{b}")
        self.s3.head_bucket(Bucket=b)
        files = {"docs/readme.txt": b"rclone was here\n", "docs/empty.txt": b"",
                 "data/one.bin": os.urandom(100 * 1024), "data/deep/two.bin": os.urandom(3 * MiB),
                 "big/video.bin": os.urandom(12 * MiB + 12345), "odd name/ü & +.txt": b"key with spaces"}
        for rel, data in files.items():
            self.write(f"src/{rel}", data)
        src = os.path.join(self.dir, "src")
        self.rclone("copy", src, f"sky:{b}/tree")
        self.assertEqual(self.remote_objects(b),
                         {f"tree/{rel}": (len(data), md5_hex(data)) for rel, data in files.items()})
        # The 12 MiB file went up in three parts; rclone keeps its MD5 in metadata.
        head = self.s3.head_object(Bucket=b, Key="tree/big/video.bin")
        self.assertTrue(head["ETag"].endswith('-3"'), head["ETag"])
        self.assertEqual(head["Metadata"]["md5chksum"],
                         base64.b64encode(hashlib.md5(files["big/video.bin"]).digest()).decode())
        # check compares every size and MD5 (ETags, and the metadata for the multipart one).
        r = self.rclone("check", src, f"sky:{b}/tree")
        self.assertIn(b"0 differences found", r.stderr)
        hashes = dict(line.split("  ", 1)[::-1]
                      for line in self.rclone("md5sum", f"sky:{b}/tree").stdout.decode().splitlines())
        self.assertEqual(hashes, {rel: md5_hex(data) for rel, data in files.items()})
        # Modification times travel in x-amz-meta-mtime and come back in listings.
        os.utime(os.path.join(src, "docs/readme.txt"), (1_600_000_000, 1_600_000_000))
        self.rclone("copy", src, f"sky:{b}/tree")  # only the time changed: rclone updates it in place
        listed = {e["Path"]: e for e in json.loads(self.rclone("lsjson", "-R", "--files-only", f"sky:{b}/tree").stdout)}
        self.assertTrue(listed["docs/readme.txt"]["ModTime"].startswith("2020-09-13T12:26:40"),
                        listed["docs/readme.txt"])
        self.assertEqual(listed["big/video.bin"]["Size"], len(files["big/video.bin"]))

        # sync: a changed file is uploaded again, a removed one deleted, a new one added.
        changed = os.urandom(200 * 1024)
        self.write("src/data/one.bin", changed)
        os.remove(os.path.join(src, "docs/empty.txt"))
        self.write("src/new/added.txt", b"added later")
        self.rclone("sync", src, f"sky:{b}/tree")
        expected = {f"tree/{rel}": (len(data), md5_hex(data)) for rel, data in files.items() if rel != "docs/empty.txt"}
        expected["tree/data/one.bin"] = (len(changed), md5_hex(changed))
        expected["tree/new/added.txt"] = (11, md5_hex(b"added later"))
        self.assertEqual(self.remote_objects(b), expected)
        self.assertIn(b"0 differences found", self.rclone("check", src, f"sky:{b}/tree").stderr)

        # Back down: a fresh copy of the remote tree is byte for byte the source.
        back = os.path.join(self.dir, "back")
        self.rclone("copy", f"sky:{b}/tree", back)
        self.assertIn(b"0 differences found", self.rclone("check", src, back).stderr)

        self.rclone("purge", f"sky:{b}")
        self.assert_error(self.s3.head_bucket, "404", 404, Bucket=b)

    def test_signature_version_2(self):
        # rclone's --s3-v2-auth signs a Date header in Go's RFC1123 form, "... UTC".
        bucket = self.make_bucket("rclone-v2")
        src = os.path.join(self.dir, "v2.txt")
        with open(src, "wb") as f:
            f.write(b"signed with version 2")
        self.rclone("--s3-v2-auth", "copyto", src, f"sky:{bucket}/v2/a.txt")
        listed = self.rclone("--s3-v2-auth", "lsf", "-R", f"sky:{bucket}").stdout.decode().split()
        self.assertEqual(sorted(listed), ["v2/", "v2/a.txt"])
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="v2/a.txt")["Body"].read(), b"signed with version 2")

    def test_server_side_copy_move_and_ranged_reads(self):
        b = self.make_bucket("rclone-cp")
        small, large = b"0123456789" * 100, os.urandom(11 * MiB)
        self.s3.put_object(Bucket=b, Key="src/small.txt", Body=small)
        self.write("large.bin", large)
        self.rclone("copyto", os.path.join(self.dir, "large.bin"), f"sky:{b}/src/large.bin")
        # copyto within the remote copies on the server: CopyObject, and UploadPartCopy in 5 MiB
        # parts for the 11 MiB object (above --s3-copy-cutoff).
        self.rclone("copyto", f"sky:{b}/src/small.txt", f"sky:{b}/dst/small.txt")
        self.rclone("copyto", f"sky:{b}/src/large.bin", f"sky:{b}/dst/large.bin")
        self.assertEqual(self.s3.get_object(Bucket=b, Key="dst/small.txt")["Body"].read(), small)
        copied = self.s3.get_object(Bucket=b, Key="dst/large.bin")
        self.assertEqual(hashlib.sha256(copied["Body"].read()).hexdigest(), hashlib.sha256(large).hexdigest())
        self.assertTrue(copied["ETag"].endswith('-3"'), copied["ETag"])
        self.assertIn(b"0 differences found", self.rclone("check", f"sky:{b}/src", f"sky:{b}/dst").stderr)
        # moveto: a copy, then the source is deleted.
        self.rclone("moveto", f"sky:{b}/dst/small.txt", f"sky:{b}/moved/small.txt")
        self.assert_error(self.s3.head_object, "404", 404, Bucket=b, Key="dst/small.txt")
        self.assertEqual(self.s3.get_object(Bucket=b, Key="moved/small.txt")["Body"].read(), small)
        # cat with an offset and a count reads a byte range.
        self.assertEqual(self.rclone("cat", "--offset", "25", "--count", "10", f"sky:{b}/moved/small.txt").stdout,
                         small[25:35])
        self.assertEqual(self.rclone("cat", "--offset", str(5 * MiB - 3), "--count", "6",
                                     f"sky:{b}/src/large.bin").stdout, large[5 * MiB - 3:5 * MiB + 3])
        # deletefile; then the object is gone for rclone and for boto3.
        self.rclone("deletefile", f"sky:{b}/moved/small.txt")
        self.assertEqual(self.rclone("lsf", f"sky:{b}/moved/").stdout, b"")
        self.assert_error(self.s3.head_object, "404", 404, Bucket=b, Key="moved/small.txt")

    def test_versions_of_a_versioned_bucket(self):
        b = self.make_bucket("rclone-v", versioned=True)
        for text in (b"first", b"second"):
            self.write("v.txt", text)
            self.rclone("copyto", os.path.join(self.dir, "v.txt"), f"sky:{b}/v.txt")
        # --s3-versions lists the older version beside the current one, with its time in the name.
        names = self.rclone("lsf", "--s3-versions", f"sky:{b}").stdout.decode().split()
        self.assertEqual(len(names), 2, names)
        self.assertIn("v.txt", names)
        older = next(n for n in names if n != "v.txt")
        self.assertRegex(older, r"^v-v\d{4}-\d{2}-\d{2}-\d{6}-\d{3}\.txt$")
        self.assertEqual(self.rclone("cat", "--s3-versions", f"sky:{b}/{older}").stdout, b"first")
        self.assertEqual(self.rclone("cat", f"sky:{b}/v.txt").stdout, b"second")
        versions = self.s3.list_object_versions(Bucket=b)["Versions"]
        self.assertEqual(sorted(self.s3.get_object(Bucket=b, Key="v.txt", VersionId=v["VersionId"])["Body"].read()
                                for v in versions), [b"first", b"second"])


if __name__ == "__main__":
    unittest.main()
