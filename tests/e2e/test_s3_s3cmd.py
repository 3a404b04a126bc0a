"""S3 through s3cmd (Debian's package, SigV4, path style via a temporary config file): mb, put
(single and multipart), ls/la, info, get, sync, del and rb, cross-checked with boto3."""
import hashlib
import os
import subprocess
import unittest

from s3_endpoint import ACCESS_KEY, REGION, SECRET_KEY, MiB, ToolTestCase, md5_hex, multipart_etag, unique_name


class S3cmdTest(ToolTestCase):
    tool = "s3cmd"

    def setUp(self):
        super().setUp()
        self.config = os.path.join(self.dir, "s3cfg")
        netloc = self.endpoint.netloc
        with open(self.config, "w") as f:
            f.write("[default]\n"
                    f"access_key = {ACCESS_KEY}\nsecret_key = {SECRET_KEY}\n"
                    f"host_base = {netloc}\nhost_bucket = {netloc}\n"
                    f"bucket_location = {REGION}\n"
                    "use_https = False\nsignature_v2 = False\n"
                    "multipart_chunk_size_mb = 5\n"
                    "check_ssl_certificate = False\n")

    def s3cmd(self, *args, ok=True):
        r = subprocess.run([self.binary, "-c", self.config, "--no-progress", *args], capture_output=True,
                           text=True, timeout=120, stdin=subprocess.DEVNULL,
                           env=dict(os.environ, HOME=self.dir))
        if ok:
            self.assertEqual(r.returncode, 0, f"s3cmd {' '.join(args)}\n{r.stdout}\n{r.stderr}")
        return r

    def test_bucket_and_object_round_trip(self):
        b = self.track_bucket(unique_name("s3cmd"))
        self.assertIn(f"Bucket 's3://{b}/' created", self.s3cmd("mb", f"s3://{b}").stdout)
        small = self.write("in/note.txt", b"s3cmd was here\n")
        self.s3cmd("put", small, f"s3://{b}/notes/note.txt")
        self.assertEqual(self.s3.get_object(Bucket=b, Key="notes/note.txt")["Body"].read(), b"s3cmd was here\n")

        big_data = os.urandom(12 * MiB)
        big = self.write("in/big.bin", big_data)
        self.s3cmd("put", big, f"s3://{b}/big.bin")
        head = self.s3.head_object(Bucket=b, Key="big.bin")
        self.assertEqual(head["ContentLength"], len(big_data))
        chunks = [big_data[i:i + 5 * MiB] for i in range(0, len(big_data), 5 * MiB)]
        self.assertEqual(head["ETag"], multipart_etag(chunks))

        listing = self.s3cmd("ls", f"s3://{b}/").stdout
        self.assertIn(f"DIR  s3://{b}/notes/", listing)
        self.assertIn(f"s3://{b}/big.bin", listing)
        recursive = self.s3cmd("ls", "--recursive", f"s3://{b}").stdout.splitlines()
        self.assertEqual([line.split()[-1] for line in recursive], [f"s3://{b}/big.bin", f"s3://{b}/notes/note.txt"])
        self.assertIn(f"s3://{b}", self.s3cmd("ls").stdout)

        info = self.s3cmd("info", f"s3://{b}/notes/note.txt").stdout
        self.assertIn(md5_hex(b"s3cmd was here\n"), info)
        self.assertIn("15", info)  # File size

        out = os.path.join(self.dir, "out/big.bin")
        os.makedirs(os.path.dirname(out))
        self.s3cmd("get", f"s3://{b}/big.bin", out)
        with open(out, "rb") as f:
            self.assertEqual(hashlib.md5(f.read()).hexdigest(), md5_hex(big_data))

        self.s3cmd("del", f"s3://{b}/notes/note.txt")
        self.assertEqual([o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"]], ["big.bin"])
        missing = self.s3cmd("get", f"s3://{b}/notes/note.txt", os.path.join(self.dir, "x"), ok=False)
        self.assertNotEqual(missing.returncode, 0)

        self.s3cmd("del", "--recursive", "--force", f"s3://{b}")
        self.assertIn(f"Bucket 's3://{b}/' removed", self.s3cmd("rb", f"s3://{b}").stdout)
        self.assertNotIn(b, [x["Name"] for x in self.s3.list_buckets()["Buckets"]])

    def test_sync(self):
        b = self.make_bucket("s3cmds")
        files = {"a.txt": b"alpha", "d/b.txt": b"beta", "d/e/c.txt": b"gamma"}
        for rel, data in files.items():
            self.write(f"src/{rel}", data)
        self.s3cmd("sync", os.path.join(self.dir, "src") + "/", f"s3://{b}/mirror/")
        keys = sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"])
        self.assertEqual(keys, sorted(f"mirror/{k}" for k in files))
        for rel, data in files.items():
            self.assertEqual(self.s3.get_object(Bucket=b, Key=f"mirror/{rel}")["Body"].read(), data)
        os.remove(os.path.join(self.dir, "src/a.txt"))
        self.s3cmd("sync", "--delete-removed", os.path.join(self.dir, "src") + "/", f"s3://{b}/mirror/")
        keys = sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"])
        self.assertEqual(keys, ["mirror/d/b.txt", "mirror/d/e/c.txt"])
        dst = os.path.join(self.dir, "dst") + "/"
        self.s3cmd("sync", f"s3://{b}/mirror/", dst)
        with open(os.path.join(dst, "d/e/c.txt"), "rb") as f:
            self.assertEqual(f.read(), b"gamma")


if __name__ == "__main__":
    unittest.main()
