"""S3 header authentication of signature version 2 (`Authorization: AWS id:signature`): requests
signed by hand with Python's hmac (Date and x-amz-date forms, sub-resources, a wrong signature,
an unknown key, a stale date, bucket requests signed with and without a trailing slash), boto3
with signature_version='s3', and s3cmd with --signature-v2."""
import base64
import email.utils
import hashlib
import hmac
import os
import shutil
import subprocess
import tempfile
import time
import unittest

import requests

from s3_endpoint import ACCESS_KEY, SECRET_KEY, S3TestCase, unique_name, write_file


def http_date(offset_seconds=0):
    return email.utils.formatdate(time.time() + offset_seconds, usegmt=True)


def sigv2(string_to_sign, secret=SECRET_KEY):
    return base64.b64encode(hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha1).digest()).decode()


class SigV2HeaderTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("v2")

    def send(self, method, path, *, body=b"", headers=None, date=None, access_key=ACCESS_KEY, secret=SECRET_KEY,
             resource=None):
        """A request signed with SigV2 over the Date header (or x-amz-date when given in headers)."""
        headers = dict(headers or {})
        if "x-amz-date" not in headers:
            headers["Date"] = date or http_date()
        amz = "".join(f"{k.lower()}:{v}\n" for k, v in sorted(headers.items(), key=lambda kv: kv[0].lower())
                      if k.lower().startswith("x-amz-"))
        string_to_sign = "\n".join([method, headers.get("Content-MD5", ""), headers.get("Content-Type", ""),
                                    "" if "x-amz-date" in headers else headers["Date"]]) + "\n" + amz + (resource or path)
        headers["Authorization"] = f"AWS {access_key}:{sigv2(string_to_sign, secret)}"
        return requests.request(method, self.endpoint.url + path, data=body, headers=headers, timeout=30)

    def test_put_get_with_date_and_amz_date(self):
        path = f"/{self.bucket}/hand/signed.txt"
        md5 = base64.b64encode(hashlib.md5(b"hello v2").digest()).decode()
        r = self.send("PUT", path, body=b"hello v2",
                      headers={"Content-Type": "text/plain", "Content-MD5": md5, "x-amz-meta-color": "blue"})
        self.assertEqual(r.status_code, 200, r.text)
        r = self.send("GET", path, headers={"x-amz-date": http_date()})
        self.assertEqual((r.status_code, r.content), (200, b"hello v2"), r.text)
        self.assertEqual(r.headers["x-amz-meta-color"], "blue")
        # A sub-resource is part of the signed resource.
        r = self.send("GET", path + "?tagging", resource=path + "?tagging")
        self.assertEqual(r.status_code, 200, r.text)
        self.assertIn("<Tagging", r.text)
        got = self.s3.get_object(Bucket=self.bucket, Key="hand/signed.txt")
        self.assertEqual((got["Body"].read(), got["ContentType"]), (b"hello v2", "text/plain"))

    def test_rejections(self):
        path = f"/{self.bucket}/hand/absent"
        r = self.send("GET", path, secret="wrong-secret")
        self.assertEqual(r.status_code, 403)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", r.text)
        r = self.send("GET", path, access_key="AKIDUNKNOWN")
        self.assertEqual(r.status_code, 403)
        self.assertIn("<Code>InvalidAccessKeyId</Code>", r.text)
        r = self.send("GET", path, date=http_date(-3600))
        self.assertEqual(r.status_code, 403)
        self.assertIn("<Code>RequestTimeTooSkewed</Code>", r.text)
        # Signed for another resource: the signature does not match this one.
        r = self.send("GET", path, resource=f"/{self.bucket}/other")
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", r.text)
        r = requests.get(self.endpoint.url + path, headers={"Date": http_date(), "Authorization": f"AWS {ACCESS_KEY}"},
                         timeout=30)
        self.assertEqual(r.status_code, 400)
        self.assertIn("<Code>InvalidArgument</Code>", r.text)
        # Authenticated but absent: the request got past authentication.
        r = self.send("GET", path)
        self.assertEqual(r.status_code, 404)
        self.assertIn("<Code>NoSuchKey</Code>", r.text)

    def test_bucket_request_signed_with_or_without_trailing_slash(self):
        # AWS's resource for a bucket is "/bucket/" (what botocore signs for a path-style
        # "/bucket"); a signer that signs the path as sent is accepted too.
        for resource in (f"/{self.bucket}/", f"/{self.bucket}"):
            r = self.send("GET", f"/{self.bucket}", resource=resource)
            self.assertEqual(r.status_code, 200, r.text)
            self.assertIn("<ListBucketResult", r.text)
        r = self.send("GET", f"/{self.bucket}", resource=f"/{self.bucket}//")
        self.assertEqual(r.status_code, 403)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", r.text)
        # An object's resource is its path exactly: no slash is added.
        r = self.send("GET", f"/{self.bucket}/hand/absent", resource=f"/{self.bucket}/hand/absent/")
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", r.text)

    def test_date_before_the_epoch_is_undated(self):
        r = self.send("GET", f"/{self.bucket}/hand/absent", headers={"x-amz-date": "Fri, 07 Jul 1950 21:53:04 GMT"})
        self.assertEqual(r.status_code, 403)
        self.assertIn("<Code>AccessDenied</Code>", r.text)
        self.assertIn("AWS authentication requires a valid Date or x-amz-date header", r.text)

    def test_boto3_signature_version_s3(self):
        v2 = self.endpoint.client(signature_version="s3")
        bucket = self.track_bucket(unique_name("v2boto"))
        v2.create_bucket(Bucket=bucket)
        v2.head_bucket(Bucket=bucket)
        v2.put_object(Bucket=bucket, Key="dir/k.txt", Body=b"v2 body", ContentType="text/plain")
        got = v2.get_object(Bucket=bucket, Key="dir/k.txt")
        self.assertEqual((got["Body"].read(), got["ContentType"]), (b"v2 body", "text/plain"))
        self.assertEqual([o["Key"] for o in v2.list_objects(Bucket=bucket)["Contents"]], ["dir/k.txt"])
        self.assertEqual(v2.list_objects_v2(Bucket=bucket, Prefix="dir/")["KeyCount"], 1)
        # A presigned bucket-level URL is signed over "/bucket/" too.
        url = v2.generate_presigned_url("list_objects", Params={"Bucket": bucket}, ExpiresIn=60)
        self.assertIn("AWSAccessKeyId=", url)
        listing = requests.get(url, timeout=30)
        self.assertEqual(listing.status_code, 200, listing.text)
        self.assertIn("<Key>dir/k.txt</Key>", listing.text)
        v2.put_object_tagging(Bucket=bucket, Key="dir/k.txt", Tagging={"TagSet": [{"Key": "a", "Value": "1"}]})
        self.assertEqual(v2.get_object_tagging(Bucket=bucket, Key="dir/k.txt")["TagSet"], [{"Key": "a", "Value": "1"}])
        v2.delete_object(Bucket=bucket, Key="dir/k.txt")
        self.assertNotIn("Contents", v2.list_objects(Bucket=bucket))
        v2.delete_bucket(Bucket=bucket)
        self.assertEqual(self.client_error(self.s3.head_bucket, Bucket=bucket)[1], 404)

    def test_s3cmd_signature_v2(self):
        binary = shutil.which("s3cmd")
        if binary is None:
            self.fail("s3cmd is not installed (apt-get install -y s3cmd)")
        with tempfile.TemporaryDirectory() as home:
            netloc = self.endpoint.netloc
            config = write_file(home, "s3cfg", (
                "[default]\n"
                f"access_key = {ACCESS_KEY}\nsecret_key = {SECRET_KEY}\n"
                f"host_base = {netloc}\nhost_bucket = {netloc}\n"
                "use_https = False\nsignature_v2 = True\n").encode())
            local = write_file(home, "up.bin", os.urandom(1000))

            def s3cmd(*args):
                r = subprocess.run([binary, "-c", config, "--no-progress", *args], capture_output=True, text=True,
                                   timeout=120, stdin=subprocess.DEVNULL, env=dict(os.environ, HOME=home))
                self.assertEqual(r.returncode, 0, f"s3cmd {' '.join(args)}\n{r.stdout}\n{r.stderr}")
                return r.stdout

            s3cmd("put", local, f"s3://{self.bucket}/cmd/up.bin")
            self.assertIn("cmd/up.bin", s3cmd("ls", f"s3://{self.bucket}/cmd/"))
            s3cmd("get", f"s3://{self.bucket}/cmd/up.bin", os.path.join(home, "down.bin"))
            with open(local, "rb") as a, open(os.path.join(home, "down.bin"), "rb") as b:
                self.assertEqual(a.read(), b.read())
            s3cmd("del", f"s3://{self.bucket}/cmd/up.bin")
            self.assertEqual(self.s3.list_objects_v2(Bucket=self.bucket, Prefix="cmd/")["KeyCount"], 0)


if __name__ == "__main__":
    unittest.main()
