"""S3 through the AWS CLI: `aws s3 mb/cp/ls/sync/rm/rb` (including a multipart cp above the CLI's
8 MiB threshold) and `aws s3api` calls with JSON output, cross-checked with boto3."""
import hashlib
import json
import os
import tempfile
import unittest

from s3_endpoint import write_file, MiB, S3TestCase, md5_hex, multipart_etag, unique_name


class AwsCliTest(S3TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def aws(self, *args, ok=True):
        r = self.endpoint.aws(*args)
        if ok:
            self.assertEqual(r.returncode, 0, f"aws {' '.join(args)}\n{r.stdout}\n{r.stderr}")
        return r

    def write(self, rel, data):
        return write_file(self.dir, rel, data)

    def new_bucket(self):
        name = self.track_bucket(unique_name("cli"))
        r = self.aws("s3", "mb", f"s3://{name}")
        self.assertEqual(r.stdout.strip(), f"make_bucket: {name}")
        return name

    def test_cp_ls_and_multipart(self):
        b = self.new_bucket()
        small = self.write("up/small.txt", b"hello from the cli\n")
        r = self.aws("s3", "cp", small, f"s3://{b}/dir/small.txt")
        self.assertIn("upload: ", r.stdout)
        self.assertIn(f"s3://{b}/dir/small.txt", r.stdout)
        big_data = os.urandom(12 * MiB)
        big = self.write("up/big.bin", big_data)
        self.aws("s3", "cp", big, f"s3://{b}/big.bin")
        head = self.s3.head_object(Bucket=b, Key="big.bin")
        self.assertEqual(head["ContentLength"], len(big_data))
        # The CLI splits at 8 MiB by default.
        self.assertEqual(head["ETag"], multipart_etag([big_data[:8 * MiB], big_data[8 * MiB:]]))
        self.assertEqual(self.s3.head_object(Bucket=b, Key="dir/small.txt")["ContentType"], "text/plain")

        out = os.path.join(self.dir, "down/big.bin")
        self.aws("s3", "cp", f"s3://{b}/big.bin", out)
        with open(out, "rb") as f:
            self.assertEqual(hashlib.md5(f.read()).hexdigest(), md5_hex(big_data))

        top = self.aws("s3", "ls", f"s3://{b}/").stdout.splitlines()
        self.assertIn("PRE dir/", [line.strip() for line in top])
        self.assertTrue(any(line.endswith(f" {len(big_data)} big.bin") for line in top), top)
        rec = self.aws("s3", "ls", "--recursive", f"s3://{b}").stdout.splitlines()
        self.assertEqual([line.split()[-1] for line in rec], ["big.bin", "dir/small.txt"])
        self.assertEqual([int(line.split()[2]) for line in rec], [len(big_data), 19])
        buckets = self.aws("s3", "ls").stdout
        self.assertIn(f" {b}\n", buckets)

    def test_sync_up_delete_and_down(self):
        b = self.new_bucket()
        files = {"a.txt": b"a", "sub/b.txt": b"bb", "sub/deep/c.txt": b"ccc"}
        for rel, data in files.items():
            # Written a while ago: S3 keeps times to the second, so a file changed within the
            # second of its upload would look newer than its object (on AWS as here).
            os.utime(self.write(f"src/{rel}", data), (1_600_000_000, 1_600_000_000))
        src = os.path.join(self.dir, "src")
        self.aws("s3", "sync", src, f"s3://{b}/backup")
        keys = sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"])
        self.assertEqual(keys, sorted(f"backup/{k}" for k in files))
        # Re-syncing unchanged files uploads nothing.
        self.assertEqual(self.aws("s3", "sync", src, f"s3://{b}/backup").stdout.strip(), "")

        os.remove(os.path.join(src, "a.txt"))
        self.write("src/sub/b.txt", b"changed content")
        r = self.aws("s3", "sync", "--delete", src, f"s3://{b}/backup")
        self.assertIn(f"delete: s3://{b}/backup/a.txt", r.stdout)
        self.assertEqual(self.s3.get_object(Bucket=b, Key="backup/sub/b.txt")["Body"].read(), b"changed content")
        keys = sorted(o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"])
        self.assertEqual(keys, ["backup/sub/b.txt", "backup/sub/deep/c.txt"])

        dst = os.path.join(self.dir, "dst")
        self.aws("s3", "sync", f"s3://{b}/backup", dst)
        with open(os.path.join(dst, "sub/deep/c.txt"), "rb") as f:
            self.assertEqual(f.read(), b"ccc")
        with open(os.path.join(dst, "sub/b.txt"), "rb") as f:
            self.assertEqual(f.read(), b"changed content")
        # The CLI gives a download its object's time (whole seconds, from GET); the listing must
        # say the same time, or --exact-timestamps downloads everything again.
        self.assertEqual(self.aws("s3", "sync", "--exact-timestamps", f"s3://{b}/backup", dst).stdout.strip(), "")

        r = self.aws("s3", "rm", "--recursive", f"s3://{b}/backup/sub/deep")
        self.assertIn(f"delete: s3://{b}/backup/sub/deep/c.txt", r.stdout)
        self.assertEqual([o["Key"] for o in self.s3.list_objects_v2(Bucket=b)["Contents"]], ["backup/sub/b.txt"])

    def test_rb(self):
        b = self.new_bucket()
        self.s3.put_object(Bucket=b, Key="x", Body=b"x")
        r = self.aws("s3", "rb", f"s3://{b}", ok=False)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("BucketNotEmpty", r.stderr)
        r = self.aws("s3", "rb", "--force", f"s3://{b}")
        self.assertIn(f"remove_bucket: {b}", r.stdout)
        self.assertNotIn(b, [x["Name"] for x in self.s3.list_buckets()["Buckets"]])

    def test_s3api(self):
        b = self.track_bucket(unique_name("api"))
        created = json.loads(self.aws("s3api", "create-bucket", "--bucket", b).stdout)
        self.assertEqual(created["Location"], f"/{b}")
        body = self.write("api/doc.json", b'{"k": 1}')
        put = json.loads(self.aws("s3api", "put-object", "--bucket", b, "--key", "docs/doc.json", "--body", body,
                                  "--content-type", "application/json", "--metadata", "owner=cli").stdout)
        self.assertEqual(put["ETag"], '"%s"' % md5_hex(b'{"k": 1}'))
        out = os.path.join(self.dir, "api/out.json")
        got = json.loads(self.aws("s3api", "get-object", "--bucket", b, "--key", "docs/doc.json", out).stdout)
        self.assertEqual((got["ContentType"], got["Metadata"], got["ContentLength"]), ("application/json", {"owner": "cli"}, 8))
        with open(out, "rb") as f:
            self.assertEqual(f.read(), b'{"k": 1}')
        listed = json.loads(self.aws("s3api", "list-objects-v2", "--bucket", b, "--prefix", "docs/").stdout)
        self.assertEqual([(o["Key"], o["Size"]) for o in listed["Contents"]], [("docs/doc.json", 8)])
        tagged = self.aws("s3api", "put-object-tagging", "--bucket", b, "--key", "docs/doc.json",
                          "--tagging", "TagSet=[{Key=a,Value=b}]")
        self.assertEqual(tagged.returncode, 0)
        tags = json.loads(self.aws("s3api", "get-object-tagging", "--bucket", b, "--key", "docs/doc.json").stdout)
        self.assertEqual(tags["TagSet"], [{"Key": "a", "Value": "b"}])
        missing = self.aws("s3api", "get-object", "--bucket", b, "--key", "nope", out, ok=False)
        self.assertNotEqual(missing.returncode, 0)
        self.assertIn("NoSuchKey", missing.stderr)
        head = self.aws("s3api", "head-object", "--bucket", b, "--key", "nope", ok=False)
        self.assertNotEqual(head.returncode, 0)
        self.assertIn("404", head.stderr)
        self.aws("s3api", "delete-object", "--bucket", b, "--key", "docs/doc.json")
        self.aws("s3api", "delete-bucket", "--bucket", b)
        self.assertNotIn(b, [x["Name"] for x in self.s3.list_buckets()["Buckets"]])


if __name__ == "__main__":
    unittest.main()
