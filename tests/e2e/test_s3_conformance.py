"""S3 behaviours found by running an external conformance suite against Skybox, each checked here
in our own words: a retried CompleteMultipartUpload after a completion that succeeded,
ListObjects (v1) leaving Prefix unencoded under encoding-type=url while v2 encodes it, and
GetBucketPolicyStatus."""
import json
import unittest

from s3_endpoint import MiB, S3TestCase, multipart_etag

NO_SUCH_UPLOAD = ("The specified upload does not exist. The upload ID may be invalid, "
                  "or the upload may have been aborted or completed.")


class RetriedCompleteTest(S3TestCase):
    """A client whose CompleteMultipartUpload answer was lost retries it; S3 answers the retry
    with the object the first call made, as long as the listed parts are that object's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("recomplete")
        cls.versioned = cls.make_bucket("recomplete-v", versioned=True)

    def upload_two_parts(self, bucket, key):
        uid = self.s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        bodies = [b"a" * (5 * MiB), b"tail"]
        parts = [{"PartNumber": n + 1, "ETag": self.s3.upload_part(Bucket=bucket, Key=key, UploadId=uid,
                                                                    PartNumber=n + 1, Body=body)["ETag"]}
                 for n, body in enumerate(bodies)]
        return uid, parts, bodies

    def complete(self, bucket, key, uid, parts):
        return self.s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=uid,
                                                 MultipartUpload={"Parts": parts})

    def test_retry_answers_the_object_already_made(self):
        uid, parts, bodies = self.upload_two_parts(self.bucket, "retry/same")
        first = self.complete(self.bucket, "retry/same", uid, parts)
        again = self.complete(self.bucket, "retry/same", uid, parts)
        self.assertEqual(again["ETag"], multipart_etag(bodies))
        self.assertEqual((again["Bucket"], again["Key"], again["ETag"]), (first["Bucket"], first["Key"], first["ETag"]))
        self.assertTrue(again["Location"].endswith("/retry/same"), again["Location"])
        body = self.s3.get_object(Bucket=self.bucket, Key="retry/same")["Body"].read()
        self.assertEqual(body, b"".join(bodies))

    def test_retry_in_versioned_bucket_makes_no_second_version(self):
        uid, parts, _ = self.upload_two_parts(self.versioned, "retry/versioned")
        first = self.complete(self.versioned, "retry/versioned", uid, parts)
        again = self.complete(self.versioned, "retry/versioned", uid, parts)
        self.assertEqual(again["VersionId"], first["VersionId"])
        versions = self.s3.list_object_versions(Bucket=self.versioned, Prefix="retry/versioned")["Versions"]
        self.assertEqual([v["VersionId"] for v in versions], [first["VersionId"]])

    def test_retry_listing_other_parts_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/other")
        self.complete(self.bucket, "retry/other", uid, parts)
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/other", uid=uid, parts=parts[:1])

    def test_retry_after_the_key_was_overwritten_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/overwritten")
        self.complete(self.bucket, "retry/overwritten", uid, parts)
        self.s3.put_object(Bucket=self.bucket, Key="retry/overwritten", Body=b"newer")
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/overwritten", uid=uid, parts=parts)

    def test_retry_after_the_object_was_deleted_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/deleted")
        self.complete(self.bucket, "retry/deleted", uid, parts)
        self.s3.delete_object(Bucket=self.bucket, Key="retry/deleted")
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/deleted", uid=uid, parts=parts)


class ListPrefixEncodingTest(S3TestCase):
    """boto3 sends encoding-type=url on every listing and decodes only the elements S3 encodes:
    in ListObjects (v1) that excludes Prefix, in ListObjectsV2 it includes it."""

    PREFIX = "dir one/+x\n"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("prefixenc")
        cls.s3.put_object(Bucket=cls.bucket, Key=cls.PREFIX + "key", Body=b"x")

    def raw_listing(self, operation, **kwargs):
        bodies = []
        event = f"after-call.s3.{operation}"
        handler = lambda http_response, **_: bodies.append(http_response.content.decode())  # noqa: E731
        self.s3.meta.events.register(event, handler)
        try:
            parsed = getattr(self.s3, "list_objects" if operation == "ListObjects" else "list_objects_v2")(**kwargs)
        finally:
            self.s3.meta.events.unregister(event, handler)
        return parsed, bodies[0]

    def test_v1_prefix_is_returned_as_given(self):
        parsed, raw = self.raw_listing("ListObjects", Bucket=self.bucket, Prefix=self.PREFIX)
        self.assertEqual(parsed["Prefix"], self.PREFIX)
        self.assertEqual([o["Key"] for o in parsed["Contents"]], [self.PREFIX + "key"])
        self.assertIn("<Prefix>dir one/+x\n</Prefix>", raw)
        self.assertIn("<Key>dir%20one/%2Bx%0Akey</Key>", raw)

    def test_v2_prefix_is_url_encoded(self):
        parsed, raw = self.raw_listing("ListObjectsV2", Bucket=self.bucket, Prefix=self.PREFIX)
        self.assertEqual(parsed["Prefix"], self.PREFIX)
        self.assertEqual([o["Key"] for o in parsed["Contents"]], [self.PREFIX + "key"])
        self.assertIn("<Prefix>dir%20one/%2Bx%0A</Prefix>", raw)


class PolicyStatusTest(S3TestCase):
    """GetBucketPolicyStatus reports whether the bucket policy grants access to anyone; with no
    policy it answers NoSuchBucketPolicy like GetBucketPolicy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("policystatus")

    def put_policy(self, statement):
        statement = dict({"Effect": "Allow", "Action": "s3:GetObject",
                          "Resource": f"arn:aws:s3:::{self.bucket}/*"}, **statement)
        self.s3.put_bucket_policy(Bucket=self.bucket,
                                  Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))

    def is_public(self):
        return self.s3.get_bucket_policy_status(Bucket=self.bucket)["PolicyStatus"]["IsPublic"]

    def test_policy_status(self):
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucketPolicy", 404,
                          "The bucket policy does not exist", Bucket=self.bucket)
        self.put_policy({"Principal": "*"})
        self.assertIs(self.is_public(), True)
        self.put_policy({"Principal": {"AWS": "*"}, "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/32"}}})
        self.assertIs(self.is_public(), False)
        self.put_policy({"NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}})
        self.assertIs(self.is_public(), True)
        self.put_policy({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
        self.assertIs(self.is_public(), False)
        self.s3.delete_bucket_policy(Bucket=self.bucket)
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucketPolicy", 404, Bucket=self.bucket)

    def test_missing_bucket(self):
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucket", 404, Bucket="no-such-bucket-policystatus")


if __name__ == "__main__":
    unittest.main()
