"""Archived storage classes and RestoreObject: GLACIER and DEEP_ARCHIVE objects can be listed and
HEADed but not read or copied (403 InvalidObjectState) until restore-object makes a temporary copy
readable; the first restore answers 202, a repeated one 200 and moves the expiry, which is the
requested number of days rounded up to the next midnight UTC; the restore is reported in
x-amz-restore and survives a restart. Objects in other classes are not restorable. Clients: boto3
and the AWS CLI."""
import datetime
import email.utils
import json
import os
import time
import unittest

from s3_endpoint import S3TestCase
from skybox_harness import SkyboxServer

NOT_RESTORED = "The operation is not valid for the object's storage class"


def expected_expiry(days, before, after):
    """The expiry dates S3 may report for a restore of `days` requested between two instants."""
    def round_up(t):
        t = t + datetime.timedelta(days=days)
        midnight = t.replace(hour=0, minute=0, second=0, microsecond=0)
        return midnight if midnight == t else midnight + datetime.timedelta(days=1)
    return {round_up(before), round_up(after)}


def restore_expiry(header):
    """The expiry-date of an x-amz-restore value, and its ongoing-request flag."""
    ongoing, _, expiry = header.partition(", ")
    assert expiry.startswith('expiry-date="') and expiry.endswith('"'), header
    return ongoing, email.utils.parsedate_to_datetime(expiry[len('expiry-date="'):-1])


class RestoreObjectTest(S3TestCase):
    def setUp(self):
        self.bucket = self.make_bucket("restore")

    def put(self, key, storage_class, body=b"cold bytes"):
        self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, StorageClass=storage_class)

    def test_archived_objects_are_described_but_not_read_until_restored(self):
        for storage_class in ("GLACIER", "DEEP_ARCHIVE"):
            key = f"frozen-{storage_class}"
            self.put(key, storage_class)
            head = self.s3.head_object(Bucket=self.bucket, Key=key)
            self.assertEqual((head["StorageClass"], head["ContentLength"]), (storage_class, 10))
            self.assertNotIn("Restore", head)
            err = self.assert_error(self.s3.get_object, "InvalidObjectState", 403, NOT_RESTORED,
                                    Bucket=self.bucket, Key=key)
            self.assertEqual(err.get("StorageClass"), storage_class)
            listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix=key)["Contents"]
            self.assertEqual([(o["Key"], o["StorageClass"]) for o in listed], [(key, storage_class)])

    def test_instant_and_frequent_classes_read_without_a_restore_and_are_not_restorable(self):
        for storage_class in ("STANDARD", "GLACIER_IR", "STANDARD_IA"):
            key = f"warm-{storage_class}"
            self.put(key, storage_class, body=b"warm")
            self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read(), b"warm")
            err = self.assert_error(self.s3.restore_object, "InvalidObjectState", 403,
                                    "Restore is not allowed for the object's current storage class",
                                    Bucket=self.bucket, Key=key, RestoreRequest={"Days": 1})
            self.assertEqual(err.get("StorageClass"), storage_class)

    def test_restore_makes_the_bytes_readable_until_the_next_midnight_after_the_days(self):
        self.put("doc", "GLACIER", body=b"archived document")
        before = datetime.datetime.now(datetime.timezone.utc)
        first = self.s3.restore_object(Bucket=self.bucket, Key="doc",
                                       RestoreRequest={"Days": 2, "GlacierJobParameters": {"Tier": "Bulk"}})
        after = datetime.datetime.now(datetime.timezone.utc)
        self.assertEqual(first["ResponseMetadata"]["HTTPStatusCode"], 202)
        head = self.s3.head_object(Bucket=self.bucket, Key="doc")
        ongoing, expiry = restore_expiry(head["Restore"])
        self.assertEqual(ongoing, 'ongoing-request="false"')
        self.assertIn(expiry, expected_expiry(2, before, after))
        got = self.s3.get_object(Bucket=self.bucket, Key="doc")
        self.assertEqual((got["Body"].read(), got["StorageClass"]), (b"archived document", "GLACIER"))
        self.assertEqual(got["Restore"], head["Restore"])

        again = self.s3.restore_object(Bucket=self.bucket, Key="doc", RestoreRequest={"Days": 30})
        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 200)
        _, longer = restore_expiry(self.s3.head_object(Bucket=self.bucket, Key="doc")["Restore"])
        self.assertIn(longer, expected_expiry(30, before, datetime.datetime.now(datetime.timezone.utc)))

    def test_a_restore_for_more_days_than_the_clock_counts_never_expires(self):
        self.put("far", "GLACIER")
        for days in (100000, 2147483647):
            self.s3.restore_object(Bucket=self.bucket, Key="far", RestoreRequest={"Days": days})
            self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="far")["Body"].read(), b"cold bytes")
            _, expiry = restore_expiry(self.s3.head_object(Bucket=self.bucket, Key="far")["Restore"])
            self.assertGreater(expiry.year, 2200)

    def test_listings_report_restore_status_when_asked(self):
        bucket = self.make_bucket("restorelist", versioned=True)
        self.s3.put_object(Bucket=bucket, Key="a", Body=b"1", StorageClass="GLACIER")
        self.s3.put_object(Bucket=bucket, Key="b", Body=b"2", StorageClass="DEEP_ARCHIVE")
        self.s3.put_object(Bucket=bucket, Key="c", Body=b"3")
        self.s3.restore_object(Bucket=bucket, Key="a", RestoreRequest={"Days": 1})
        expiry = restore_expiry(self.s3.head_object(Bucket=bucket, Key="a")["Restore"])[1]
        want = {"a": {"IsRestoreInProgress": False, "RestoreExpiryDate": expiry}}

        def statuses(entries):
            return {e["Key"]: e["RestoreStatus"] for e in entries if "RestoreStatus" in e}

        for listing in (self.s3.list_objects_v2, self.s3.list_objects):
            self.assertEqual(statuses(listing(Bucket=bucket, OptionalObjectAttributes=["RestoreStatus"])["Contents"]),
                             want)
            self.assertEqual(statuses(listing(Bucket=bucket)["Contents"]), {})
        versions = self.s3.list_object_versions(Bucket=bucket, OptionalObjectAttributes=["RestoreStatus"])
        self.assertEqual(statuses(versions["Versions"]), want)
        # A newer version of "a" is not restored, so the listing of current objects says nothing of it.
        self.s3.put_object(Bucket=bucket, Key="a", Body=b"new", StorageClass="GLACIER")
        self.assertEqual(statuses(self.s3.list_objects_v2(Bucket=bucket, OptionalObjectAttributes=["RestoreStatus"])
                                  ["Contents"]), {})
        versions = self.s3.list_object_versions(Bucket=bucket, OptionalObjectAttributes=["RestoreStatus"])
        self.assertEqual(statuses(versions["Versions"]), want)  # the restored version is still listed

    def test_copies_need_a_restored_source_and_are_not_restored_themselves(self):
        self.put("src", "DEEP_ARCHIVE", body=b"deep")
        source = {"Bucket": self.bucket, "Key": "src"}
        self.assert_error(self.s3.copy_object, "InvalidObjectState", 403,
                          "Operation is not valid for the source object's storage class",
                          Bucket=self.bucket, Key="dst", CopySource=source)
        upload = self.s3.create_multipart_upload(Bucket=self.bucket, Key="mp")["UploadId"]
        self.assert_error(self.s3.upload_part_copy, "InvalidObjectState", 403, Bucket=self.bucket, Key="mp",
                          UploadId=upload, PartNumber=1, CopySource=source)
        self.s3.abort_multipart_upload(Bucket=self.bucket, Key="mp", UploadId=upload)

        self.s3.restore_object(Bucket=self.bucket, Key="src", RestoreRequest={"Days": 1})
        self.s3.copy_object(Bucket=self.bucket, Key="dst", CopySource=source)
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="dst")["Body"].read(), b"deep")
        self.s3.copy_object(Bucket=self.bucket, Key="dst-cold", CopySource=source, StorageClass="GLACIER")
        head = self.s3.head_object(Bucket=self.bucket, Key="dst-cold")
        self.assertNotIn("Restore", head)  # a new archived object: its own restore is still due
        self.assert_error(self.s3.get_object, "InvalidObjectState", 403, Bucket=self.bucket, Key="dst-cold")

    def test_versions_are_restored_one_by_one(self):
        bucket = self.make_bucket("restorever", versioned=True)
        old = self.s3.put_object(Bucket=bucket, Key="k", Body=b"v1", StorageClass="GLACIER")["VersionId"]
        new = self.s3.put_object(Bucket=bucket, Key="k", Body=b"v2", StorageClass="GLACIER")["VersionId"]
        self.assertEqual(self.s3.restore_object(Bucket=bucket, Key="k", VersionId=old,
                                                RestoreRequest={"Days": 1})["ResponseMetadata"]["HTTPStatusCode"], 202)
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k", VersionId=old)["Body"].read(), b"v1")
        self.assert_error(self.s3.get_object, "InvalidObjectState", 403, Bucket=bucket, Key="k", VersionId=new)
        self.assert_error(self.s3.get_object, "InvalidObjectState", 403, Bucket=bucket, Key="k")

    def test_bad_requests(self):
        self.put("bad", "GLACIER")
        malformed = "The XML you provided was not well-formed or did not validate against our published schema"
        for request in ({}, {"Days": 0}, {"Days": 1, "OutputLocation": {"S3": {"BucketName": self.bucket,
                                                                               "Prefix": "out/"}}},
                        {"Days": 1, "GlacierJobParameters": {"Tier": "Fast"}}, {"Days": 1, "Tier": "standard"}):
            self.assert_error(self.s3.restore_object, "MalformedXML", 400, malformed,
                              Bucket=self.bucket, Key="bad", RestoreRequest=request)
        self.assert_error(self.s3.restore_object, "NoSuchKey", 404, Bucket=self.bucket, Key="absent",
                          RestoreRequest={"Days": 1})
        self.assert_error(self.s3.get_object, "InvalidObjectState", 403, Bucket=self.bucket, Key="bad")

    def test_aws_cli_restore_object(self):
        self.put("cli", "GLACIER", body=b"via cli")
        done = self.endpoint.aws("s3api", "restore-object", "--bucket", self.bucket, "--key", "cli",
                                 "--restore-request", json.dumps({"Days": 3}))
        self.assertEqual(done.returncode, 0, done.stderr)
        head = self.endpoint.aws("s3api", "head-object", "--bucket", self.bucket, "--key", "cli")
        self.assertEqual(head.returncode, 0, head.stderr)
        self.assertTrue(json.loads(head.stdout)["Restore"].startswith('ongoing-request="false", expiry-date="'))


@unittest.skipIf(os.environ.get("S3_TEST_ENDPOINT"), "restarts its own server")
class RestoreDurabilityTest(unittest.TestCase):
    def test_a_restore_survives_a_restart(self):
        server = SkyboxServer()
        try:
            s3 = server.client("s3")
            s3.create_bucket(Bucket="cold")
            s3.put_object(Bucket="cold", Key="a", Body=b"kept", StorageClass="GLACIER")
            s3.restore_object(Bucket="cold", Key="a", RestoreRequest={"Days": 1})
            restore = s3.head_object(Bucket="cold", Key="a")["Restore"]
            self.assertEqual(server.stop(), 0)
            server.start()
            s3 = server.client("s3")
            self.assertEqual(s3.head_object(Bucket="cold", Key="a")["Restore"], restore)
            self.assertEqual(s3.get_object(Bucket="cold", Key="a")["Body"].read(), b"kept")
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
