"""The digests S3 checks on request bodies that are not objects (bucket and object
configurations, Multi-Object Delete), through boto3 with the headers it sends rewritten before
signing: a Content-MD5 or x-amz-checksum-* that does not match the body is 400 BadDigest and
nothing is applied; a malformed one is 400 InvalidDigest (Content-MD5) or InvalidRequest (a
checksum); two checksum algorithms are InvalidRequest; a Multi-Object Delete that sends no digest
at all is 400 InvalidRequest "Missing required header for this request: Content-MD5", as S3
documents ("The Content-MD5 or x-amz-sdk-checksum-algorithm header is required for all
Multi-Object Delete requests")."""
import base64
import contextlib
import hashlib
import unittest
import zlib

from s3_endpoint import S3TestCase, aws_chunked

DIGEST_HEADERS = ("Content-MD5", "x-amz-checksum-crc32", "x-amz-checksum-crc32c", "x-amz-checksum-crc64nvme",
                  "x-amz-checksum-sha1", "x-amz-checksum-sha256", "x-amz-sdk-checksum-algorithm")


def b64(raw):
    return base64.b64encode(raw).decode()


def body_of(request):
    return request.body if isinstance(request.body, bytes) else (request.body or "").encode()


class PayloadDigestTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("dig")

    @contextlib.contextmanager
    def sending(self, **headers):
        """Within the block the client's requests carry exactly these digest headers (values: a
        string, or a function of the body), set before signing."""
        def rewrite(request, **_):
            for name in DIGEST_HEADERS:
                while name in request.headers:
                    del request.headers[name]
            for name, value in headers.items():
                request.headers[name.replace("_", "-")] = value(body_of(request)) if callable(value) else value
        self.s3.meta.events.register("before-sign.s3.*", rewrite, unique_id="digests")
        try:
            yield
        finally:
            self.s3.meta.events.unregister("before-sign.s3.*", unique_id="digests")

    def tags(self):
        return self.s3.get_bucket_tagging(Bucket=self.bucket)["TagSet"]

    def put_tags(self, value):
        return self.s3.put_bucket_tagging(Bucket=self.bucket, Tagging={"TagSet": [{"Key": "k", "Value": value}]})

    def test_configuration_bodies(self):
        self.put_tags("before")
        with self.sending(Content_MD5=b64(hashlib.md5(b"something else").digest())):
            err = self.assert_error(self.put_tags, "BadDigest", 400,
                                    "The Content-MD5 you specified did not match what we received.", value="after")
            self.assertEqual(err.get("ExpectedDigest"), hashlib.md5(b"something else").hexdigest())
            self.assertEqual(len(base64.b64decode(err.get("CalculatedDigest"))), 16)
        with self.sending(x_amz_checksum_crc32=b64(b"\0\0\0\0")):
            self.assert_error(self.put_tags, "BadDigest", 400, "The CRC32 you specified did not match the calculated checksum.",
                              value="after")
        with self.sending(x_amz_checksum_sha256=b64(hashlib.sha256(b"other").digest())):
            self.assert_error(self.put_tags, "BadDigest", 400, "The SHA256 you specified did not match the calculated checksum.",
                              value="after")
        with self.sending(Content_MD5="not base64 of 16 bytes"):
            err = self.assert_error(self.put_tags, "InvalidDigest", 400, "The Content-MD5 you specified was invalid.",
                                    value="after")
            self.assertEqual(err.get("Content-MD5"), "not base64 of 16 bytes")
        with self.sending(x_amz_checksum_crc32="AAAA"):
            self.assert_error(self.put_tags, "InvalidRequest", 400, "Value for x-amz-checksum-crc32 header is invalid.",
                              value="after")
        with self.sending(x_amz_checksum_crc32=lambda body: b64(zlib.crc32(body).to_bytes(4, "big")),
                          x_amz_checksum_sha1=lambda body: b64(hashlib.sha1(body).digest())):
            self.assert_error(self.put_tags, "InvalidRequest", 400,
                              "Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.",
                              value="after")
        self.assertEqual(self.tags(), [{"Key": "k", "Value": "before"}], "a refused body must not be applied")

        # Digests that match are accepted: Content-MD5, a CRC32 computed here, or none at all.
        with self.sending(Content_MD5=lambda body: b64(hashlib.md5(body).digest())):
            self.put_tags("md5")
        self.assertEqual(self.tags(), [{"Key": "k", "Value": "md5"}])
        with self.sending(x_amz_checksum_crc32=lambda body: b64(zlib.crc32(body).to_bytes(4, "big"))):
            self.put_tags("crc32")
        self.assertEqual(self.tags(), [{"Key": "k", "Value": "crc32"}])
        with self.sending():
            self.put_tags("none")
        self.assertEqual(self.tags(), [{"Key": "k", "Value": "none"}])

    def test_multi_object_delete(self):
        for key in ("a", "b"):
            self.s3.put_object(Bucket=self.bucket, Key=f"del/{key}", Body=b"x")
        delete = {"Objects": [{"Key": "del/a"}, {"Key": "del/b"}]}
        with self.sending():
            self.assert_error(self.s3.delete_objects, "InvalidRequest", 400,
                              "Missing required header for this request: Content-MD5", Bucket=self.bucket, Delete=delete)
        with self.sending(Content_MD5=b64(hashlib.md5(b"<Delete/>").digest())):
            self.assert_error(self.s3.delete_objects, "BadDigest", 400, Bucket=self.bucket, Delete=delete)
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="del/")
        self.assertEqual([o["Key"] for o in listed["Contents"]], ["del/a", "del/b"])

        with self.sending(x_amz_checksum_sha256=lambda body: b64(hashlib.sha256(body).digest())):
            deleted = self.s3.delete_objects(Bucket=self.bucket, Delete=delete)["Deleted"]
        self.assertEqual(sorted(d["Key"] for d in deleted), ["del/a", "del/b"])
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="del/"))

    def test_checksum_in_an_aws_chunked_trailer(self):
        # A Multi-Object Delete whose CRC32 comes as an aws-chunked trailer: checked like the header.
        self.s3.put_object(Bucket=self.bucket, Key="trailer/a", Body=b"x")
        xml = (b'<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>trailer/a</Key></Object>'
               b'</Delete>')

        def delete(crc):
            body = aws_chunked(xml, 64 * 1024, [("x-amz-checksum-crc32", crc)])
            return self.endpoint.request(
                "POST", f"/{self.bucket}", params={"delete": ""}, body=body,
                payload_hash="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                headers={"Content-Encoding": "aws-chunked", "x-amz-decoded-content-length": str(len(xml)),
                         "x-amz-trailer": "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm": "CRC32"})

        r = delete(b64(b"\0\0\0\0"))
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("<Code>BadDigest</Code>", r.text)
        self.assertEqual(self.s3.list_objects_v2(Bucket=self.bucket, Prefix="trailer/")["KeyCount"], 1)
        r = delete(b64(zlib.crc32(xml).to_bytes(4, "big")))
        self.assertEqual(r.status_code, 200, r.text)
        self.assertIn("<Deleted><Key>trailer/a</Key>", r.text)
        self.assertEqual(self.s3.list_objects_v2(Bucket=self.bucket, Prefix="trailer/")["KeyCount"], 0)

    def test_clients_as_they_are(self):
        # boto3 and the AWS CLI send their own digests (a CRC32 by default now): they just work.
        self.s3.put_object(Bucket=self.bucket, Key="cli/x", Body=b"x")
        r = self.endpoint.aws("s3", "rm", f"s3://{self.bucket}/cli/", "--recursive")
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.endpoint.aws("s3api", "put-bucket-tagging", "--bucket", self.bucket,
                              "--tagging", "TagSet=[{Key=cli,Value=yes}]")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.tags(), [{"Key": "cli", "Value": "yes"}])


if __name__ == "__main__":
    unittest.main()
