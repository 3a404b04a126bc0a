"""S3's bucket owner condition through boto3 and the AWS CLI: x-amz-expected-bucket-owner
(ExpectedBucketOwner) on object, bucket, multipart and configuration operations, and
x-amz-source-expected-bucket-owner (ExpectedSourceBucketOwner) on the source of CopyObject and
UploadPartCopy. As S3 answers: another account is 403 AccessDenied "Access Denied" and nothing is
read or changed; a value that is not a 12-digit account ID is 400 InvalidBucketOwnerAWSAccountID;
a bucket that does not exist is still 404 NoSuchBucket. Skybox's one account (000000000000)
owns every bucket."""
import json
import unittest

from s3_endpoint import MiB, S3TestCase

OWNER = "000000000000"
OTHER = "111111111111"


class BucketOwnerConditionTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("ebo")
        cls.s3.put_object(Bucket=cls.bucket, Key="kept", Body=b"kept bytes")

    def denied(self, fn, **kwargs):
        self.assert_error(fn, "AccessDenied", 403, "Access Denied", **kwargs)

    def keys(self):
        return [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket).get("Contents", [])]

    def test_another_account_is_refused_and_nothing_changes(self):
        b = self.bucket
        self.denied(self.s3.put_object, Bucket=b, Key="never", Body=b"x", ExpectedBucketOwner=OTHER)
        # A body larger than the socket buffers, refused before it is read: the connection is
        # answered, and the next request on the client works.
        self.denied(self.s3.put_object, Bucket=b, Key="never-big", Body=b"y" * (6 * MiB), ExpectedBucketOwner=OTHER)
        self.denied(self.s3.get_object, Bucket=b, Key="kept", ExpectedBucketOwner=OTHER)
        self.denied(self.s3.delete_object, Bucket=b, Key="kept", ExpectedBucketOwner=OTHER)
        self.denied(self.s3.delete_objects, Bucket=b, Delete={"Objects": [{"Key": "kept"}]}, ExpectedBucketOwner=OTHER)
        self.denied(self.s3.list_objects_v2, Bucket=b, ExpectedBucketOwner=OTHER)
        self.denied(self.s3.list_object_versions, Bucket=b, ExpectedBucketOwner=OTHER)
        self.denied(self.s3.create_multipart_upload, Bucket=b, Key="never-mp", ExpectedBucketOwner=OTHER)
        self.denied(self.s3.put_object_tagging, Bucket=b, Key="kept", ExpectedBucketOwner=OTHER,
                    Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
        self.denied(self.s3.put_bucket_tagging, Bucket=b, ExpectedBucketOwner=OTHER,
                    Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
        self.denied(self.s3.get_bucket_versioning, Bucket=b, ExpectedBucketOwner=OTHER)
        self.denied(self.s3.delete_bucket, Bucket=b, ExpectedBucketOwner=OTHER)
        # HEAD answers carry no body: the status says it.
        _, status, _ = self.client_error(self.s3.head_object, Bucket=b, Key="kept", ExpectedBucketOwner=OTHER)
        self.assertEqual(status, 403)
        _, status, _ = self.client_error(self.s3.head_bucket, Bucket=b, ExpectedBucketOwner=OTHER)
        self.assertEqual(status, 403)

        self.assertEqual(self.keys(), ["kept"])
        self.assertEqual(self.s3.get_object(Bucket=b, Key="kept")["Body"].read(), b"kept bytes")
        self.assertEqual(self.s3.get_object_tagging(Bucket=b, Key="kept")["TagSet"], [])
        self.assertEqual(self.s3.list_multipart_uploads(Bucket=b).get("Uploads", []), [])
        self.assert_error(self.s3.get_bucket_tagging, "NoSuchTagSet", 404, Bucket=b)

    def test_the_owning_account_is_served(self):
        b = self.bucket
        self.s3.put_object(Bucket=b, Key="owned", Body=b"mine", ExpectedBucketOwner=OWNER)
        got = self.s3.get_object(Bucket=b, Key="owned", ExpectedBucketOwner=OWNER)
        self.assertEqual(got["Body"].read(), b"mine")
        self.s3.head_bucket(Bucket=b, ExpectedBucketOwner=OWNER)
        listed = self.s3.list_objects_v2(Bucket=b, Prefix="owned", ExpectedBucketOwner=OWNER)
        self.assertEqual([o["Key"] for o in listed["Contents"]], ["owned"])
        self.s3.put_bucket_tagging(Bucket=b, ExpectedBucketOwner=OWNER, Tagging={"TagSet": [{"Key": "team", "Value": "a"}]})
        self.assertEqual(self.s3.get_bucket_tagging(Bucket=b, ExpectedBucketOwner=OWNER)["TagSet"],
                         [{"Key": "team", "Value": "a"}])
        self.s3.delete_bucket_tagging(Bucket=b, ExpectedBucketOwner=OWNER)
        self.s3.delete_object(Bucket=b, Key="owned", ExpectedBucketOwner=OWNER)

    def test_copy_source_owner(self):
        b = self.bucket
        source = {"Bucket": b, "Key": "kept"}
        self.denied(self.s3.copy_object, Bucket=b, Key="copy", CopySource=source, ExpectedSourceBucketOwner=OTHER)
        self.denied(self.s3.copy_object, Bucket=b, Key="copy", CopySource=source,
                    ExpectedBucketOwner=OTHER, ExpectedSourceBucketOwner=OWNER)
        self.assertNotIn("copy", self.keys())
        self.s3.copy_object(Bucket=b, Key="copy", CopySource=source, ExpectedBucketOwner=OWNER,
                            ExpectedSourceBucketOwner=OWNER)
        self.assertEqual(self.s3.get_object(Bucket=b, Key="copy")["Body"].read(), b"kept bytes")
        self.s3.delete_object(Bucket=b, Key="copy")

        upload = self.s3.create_multipart_upload(Bucket=b, Key="parts")["UploadId"]
        try:
            self.denied(self.s3.upload_part_copy, Bucket=b, Key="parts", UploadId=upload, PartNumber=1,
                        CopySource=source, ExpectedSourceBucketOwner=OTHER)
            self.assertEqual(self.s3.list_parts(Bucket=b, Key="parts", UploadId=upload).get("Parts", []), [])
            part = self.s3.upload_part_copy(Bucket=b, Key="parts", UploadId=upload, PartNumber=1,
                                            CopySource=source, ExpectedSourceBucketOwner=OWNER)
            self.assertIn("ETag", part["CopyPartResult"])
        finally:
            self.s3.abort_multipart_upload(Bucket=b, Key="parts", UploadId=upload)

    def test_a_value_that_is_no_account_id(self):
        for value in ("abc", "0000", "0000000000000", "00000000000a"):
            with self.subTest(value=value):
                self.assert_error(self.s3.get_object, "InvalidBucketOwnerAWSAccountID", 400,
                                  f"The value of the expected bucket owner parameter must be an AWS Account ID... [{value}]",
                                  Bucket=self.bucket, Key="kept", ExpectedBucketOwner=value)
                self.assert_error(self.s3.get_bucket_versioning, "InvalidBucketOwnerAWSAccountID", 400,
                                  Bucket=self.bucket, ExpectedBucketOwner=value)

    def test_a_missing_bucket_is_no_such_bucket(self):
        self.assert_error(self.s3.get_object, "NoSuchBucket", 404, Bucket="no-such-bucket-ebo", Key="k",
                          ExpectedBucketOwner=OTHER)
        self.assert_error(self.s3.get_bucket_versioning, "NoSuchBucket", 404, Bucket="no-such-bucket-ebo",
                          ExpectedBucketOwner=OTHER)

    def test_aws_cli(self):
        r = self.endpoint.aws("s3api", "list-objects-v2", "--bucket", self.bucket, "--expected-bucket-owner", OTHER)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("AccessDenied", r.stderr)
        r = self.endpoint.aws("s3api", "list-objects-v2", "--bucket", self.bucket, "--expected-bucket-owner", OWNER)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("kept", [o["Key"] for o in json.loads(r.stdout)["Contents"]])


if __name__ == "__main__":
    unittest.main()
