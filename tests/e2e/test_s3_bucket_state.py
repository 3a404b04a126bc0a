"""Object requests follow bucket-level changes at once: versioning, lifecycle rules and
DeleteBucket/CreateBucket (Skybox caches this bucket state; each change must reach the next
request)."""
import datetime
import unittest

import botocore.exceptions

from s3_endpoint import S3TestCase

FAR_FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.timezone.utc)


class BucketStateTest(S3TestCase):
    def test_versioning_changes_reach_the_next_write(self):
        b = self.make_bucket("st")
        self.assertNotIn("VersionId", self.s3.put_object(Bucket=b, Key="k", Body=b"0"))
        self.assertNotIn("VersionId", self.s3.get_object(Bucket=b, Key="k"))
        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        v1 = self.s3.put_object(Bucket=b, Key="k", Body=b"1")["VersionId"]
        self.assertNotEqual(v1, "null")
        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Suspended"})
        self.s3.put_object(Bucket=b, Key="k", Body=b"2")
        current = self.s3.get_object(Bucket=b, Key="k")
        self.assertEqual((current["VersionId"], current["Body"].read()), ("null", b"2"))
        self.assertEqual(self.s3.get_object(Bucket=b, Key="k", VersionId=v1)["Body"].read(), b"1")

    def test_lifecycle_changes_reach_the_next_request(self):
        b = self.make_bucket("st")
        self.assertNotIn("Expiration", self.s3.put_object(Bucket=b, Key="logs/a", Body=b"a"))
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Date": FAR_FUTURE}}]})
        self.assertIn('rule-id="logs"', self.s3.put_object(Bucket=b, Key="logs/b", Body=b"b")["Expiration"])
        self.assertIn('rule-id="logs"', self.s3.head_object(Bucket=b, Key="logs/a")["Expiration"])
        self.s3.delete_bucket_lifecycle(Bucket=b)
        self.assertNotIn("Expiration", self.s3.put_object(Bucket=b, Key="logs/c", Body=b"c"))
        self.assertNotIn("Expiration", self.s3.get_object(Bucket=b, Key="logs/a"))

    def test_deleted_and_recreated_bucket_starts_fresh(self):
        b = self.make_bucket("st", versioned=True)
        vid = self.s3.put_object(Bucket=b, Key="k", Body=b"x")["VersionId"]
        self.s3.delete_object(Bucket=b, Key="k", VersionId=vid)
        self.s3.delete_bucket(Bucket=b)
        with self.assertRaises(botocore.exceptions.ClientError) as e:
            self.s3.put_object(Bucket=b, Key="k", Body=b"y")
        self.assertEqual(e.exception.response["Error"]["Code"], "NoSuchBucket")
        self.s3.create_bucket(Bucket=b)
        self.assertNotIn("VersionId", self.s3.put_object(Bucket=b, Key="k", Body=b"z"))
        self.assertNotIn("VersionId", self.s3.get_object(Bucket=b, Key="k"))
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=b).get("Status"), None)


if __name__ == "__main__":
    unittest.main()
