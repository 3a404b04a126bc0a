"""A bucket mounted as a file system: s3fs-fuse (Debian's package, libcurl, SigV4) writes, reads,
renames, chmods, appends to, rewrites and deletes files and folders in a Skybox bucket, and
everything it does is cross-checked through boto3; a second mount (virtual-host style) sees the
first one's files, their bytes and their times. Needs the kernel's FUSE device (/dev/fuse) and
root; without the device the tests are skipped, saying so."""
import hashlib
import os
import shutil
import subprocess
import time
import unittest

from s3_endpoint import ACCESS_KEY, SECRET_KEY, MiB, ToolTestCase, unique_name


def fuse_unavailable():
    try:
        os.close(os.open("/dev/fuse", os.O_RDWR))
    except OSError as e:
        return f"/dev/fuse cannot be opened ({e.strerror}): no FUSE on this kernel or not root"
    return None


class S3fsTest(ToolTestCase):
    tool = "s3fs"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fusermount = shutil.which("fusermount") or shutil.which("fusermount3")

    def setUp(self):
        super().setUp()
        reason = fuse_unavailable()
        if reason:
            self.skipTest(reason)
        self.passwd = os.path.join(self.dir, "passwd")
        with open(self.passwd, "w") as f:
            f.write(f"{ACCESS_KEY}:{SECRET_KEY}\n")
        os.chmod(self.passwd, 0o600)
        self.mounts = []

    def tearDown(self):
        for mnt, proc in reversed(self.mounts):
            self.unmount(mnt, proc)

    def mount(self, bucket, name, *options):
        mnt = os.path.join(self.dir, name)
        os.makedirs(mnt)
        log = open(os.path.join(self.dir, f"{name}.log"), "wb")
        proc = subprocess.Popen([self.binary, bucket, mnt, "-f", "-o", f"passwd_file={self.passwd}",
                                 "-o", "dbglevel=warn", *options],
                                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        self.mounts.append((mnt, proc))
        deadline = time.monotonic() + 15
        while not os.path.ismount(mnt):
            if proc.poll() is not None or time.monotonic() > deadline:
                with open(os.path.join(self.dir, f"{name}.log")) as f:
                    self.fail(f"s3fs did not mount {bucket}: {f.read()}")
            time.sleep(0.05)
        return mnt

    def unmount(self, mnt, proc):
        if os.path.ismount(mnt):
            subprocess.run([self.fusermount, "-u", mnt] if self.fusermount else ["umount", mnt],
                           capture_output=True, timeout=30)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def keys(self, bucket):
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return {o["Key"] for page in pages for o in page.get("Contents", [])}

    def body(self, bucket, key):
        return self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()

    def test_files_and_folders_through_a_mount(self):
        bucket = self.make_bucket("s3fs")
        self.s3.put_object(Bucket=bucket, Key="external/from-boto3.txt", Body=b"put by boto3\n")
        mnt = self.mount(bucket, "path", "-o", f"url={self.endpoint.url}", "-o", "use_path_request_style",
                         "-o", "multipart_size=5")

        # An object written by another client shows up as a file in an implied folder.
        self.assertIn("external", os.listdir(mnt))
        with open(os.path.join(mnt, "external", "from-boto3.txt"), "rb") as f:
            self.assertEqual(f.read(), b"put by boto3\n")

        note = os.path.join(mnt, "note.txt")
        with open(note, "wb") as f:
            f.write(b"written through FUSE\n")
        self.assertEqual(self.body(bucket, "note.txt"), b"written through FUSE\n")
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="note.txt")["Metadata"]["mode"],
                         str(os.stat(note).st_mode))

        # 18 MiB with 5 MiB parts allowed: a multipart upload (ETag "<md5 of part md5s>-<parts>").
        big = os.urandom(18 * MiB)
        with open(os.path.join(mnt, "big.bin"), "wb") as f:
            f.write(big)
        head = self.s3.head_object(Bucket=bucket, Key="big.bin")
        self.assertGreaterEqual(int(head["ETag"].strip('"').partition("-")[2] or 0), 2, head["ETag"])
        self.assertEqual(hashlib.sha256(self.body(bucket, "big.bin")).digest(), hashlib.sha256(big).digest())

        os.makedirs(os.path.join(mnt, "dir", "sub"))
        for i in range(5):
            with open(os.path.join(mnt, "dir", "sub", f"f{i}.txt"), "w") as f:
                f.write(f"file {i}\n")
        self.assertTrue({"dir/", "dir/sub/", "dir/sub/f0.txt", "dir/sub/f4.txt"} <= self.keys(bucket))

        # Renaming a folder copies every object under it and deletes the originals.
        os.rename(os.path.join(mnt, "dir"), os.path.join(mnt, "moved"))
        keys = self.keys(bucket)
        self.assertFalse({k for k in keys if k.startswith("dir/")}, keys)
        self.assertEqual(self.body(bucket, "moved/sub/f3.txt"), b"file 3\n")

        # chmod and utime rewrite the object's metadata (a copy onto itself, REPLACE).
        os.chmod(note, 0o600)
        os.utime(note, (1577934245, 1577934245))
        meta = self.s3.head_object(Bucket=bucket, Key="note.txt")["Metadata"]
        self.assertEqual(int(meta["mode"]) & 0o777, 0o600)
        self.assertEqual(meta["mtime"], "1577934245")
        self.assertEqual(self.body(bucket, "note.txt"), b"written through FUSE\n")

        with open(note, "ab") as f:
            f.write(b"and appended\n")
        self.assertEqual(self.body(bucket, "note.txt"), b"written through FUSE\nand appended\n")
        # Rewritten shorter (not truncate(2): Debian's s3fs 1.90 uploads a shrunk file it has not
        # read as zeros, a bug of that release fixed upstream since).
        with open(note, "wb") as f:
            f.write(b"written")
        os.utime(note, (1577934245, 1577934245))
        self.assertEqual(self.body(bucket, "note.txt"), b"written")
        os.symlink("note.txt", os.path.join(mnt, "link"))
        self.assertEqual(os.readlink(os.path.join(mnt, "link")), "note.txt")

        shutil.rmtree(os.path.join(mnt, "moved"))
        self.assertFalse({k for k in self.keys(bucket) if k.startswith("moved")})

        # A second mount, virtual-host style (<bucket>.localhost), sees what the first wrote.
        vhost = self.mount(bucket, "vhost", "-o", f"url=http://localhost:{self.endpoint.port}")
        self.assertEqual(sorted(os.listdir(vhost)), ["big.bin", "external", "link", "note.txt"])
        with open(os.path.join(vhost, "big.bin"), "rb") as f:
            self.assertEqual(hashlib.sha256(f.read()).digest(), hashlib.sha256(big).digest())
        st = os.stat(os.path.join(vhost, "note.txt"))
        self.assertEqual((st.st_size, st.st_mode & 0o777, int(st.st_mtime)), (7, 0o600, 1577934245))
        self.assertEqual(os.readlink(os.path.join(vhost, "link")), "note.txt")


if __name__ == "__main__":
    unittest.main()
