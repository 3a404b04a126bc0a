"""S3 Object Lock through boto3: buckets created with Object Lock (versioning comes with it),
PutObjectLockConfiguration and its errors, default retention applied to PutObject, CopyObject
and multipart uploads, explicit x-amz-object-lock-* headers, Put/GetObjectRetention (extend,
shorten, bypass), Put/GetObjectLegalHold, and the protection itself: DeleteObject(s) by version
id refused with 403 AccessDenied unless the lock allows it; delete markers still allowed."""
import datetime
import os
import unittest

import botocore.exceptions

from s3_endpoint import S3TestCase, md5_b64
from skybox_harness import SkyboxServer

# Far enough ahead to stay locked for the test. On a real endpoint (S3_TEST_ENDPOINT) COMPLIANCE
# retention is never undone, so the tests that use it run only against their own Skybox.
FUTURE = datetime.datetime(2040, 2, 1, tzinfo=datetime.timezone.utc)
LATER = datetime.datetime(2040, 4, 1, tzinfo=datetime.timezone.utc)
MISSING_LOCK = "Bucket is missing Object Lock Configuration"
PROTECTED = "Access Denied because object protected by object lock."


class ObjectLockTest(S3TestCase):
    def lock_bucket(self, default=None):
        name = self.make_bucket("lock", ObjectLockEnabledForBucket=True)
        if default is not None:
            self.s3.put_object_lock_configuration(
                Bucket=name, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                                      "Rule": {"DefaultRetention": default}})
        return name

    def put(self, bucket, key, body=b"data", **kwargs):
        return self.s3.put_object(Bucket=bucket, Key=key, Body=body, **kwargs)["VersionId"]

    def assert_protected(self, bucket, key, version_id, s3=None):
        s3 = s3 or self.s3
        self.assert_error(s3.delete_object, "AccessDenied", 403, PROTECTED, Bucket=bucket, Key=key, VersionId=version_id)
        self.assertEqual(s3.head_object(Bucket=bucket, Key=key, VersionId=version_id)["VersionId"], version_id)

    def test_bucket_created_with_lock_is_versioned_and_reports_it(self):
        bucket = self.lock_bucket()
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=bucket)["Status"], "Enabled")
        got = self.s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]
        self.assertEqual(got, {"ObjectLockEnabled": "Enabled"})
        self.assert_error(self.s3.put_bucket_versioning, "InvalidBucketState", 409,
                          Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=bucket)["Status"], "Enabled")
        rule = {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Years": 1}}}
        self.s3.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration=rule)
        self.assertEqual(self.s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"], rule)

    def test_lock_configuration_errors(self):
        plain = self.make_bucket("nolock")
        self.assert_error(self.s3.get_object_lock_configuration, "ObjectLockConfigurationNotFoundError", 404,
                          "Object Lock configuration does not exist for this bucket", Bucket=plain)
        # Only a bucket with versioning Enabled can get Object Lock afterwards.
        self.assert_error(self.s3.put_object_lock_configuration, "InvalidBucketState", 409, Bucket=plain,
                          ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        self.s3.put_bucket_versioning(Bucket=plain, VersioningConfiguration={"Status": "Enabled"})
        self.s3.put_object_lock_configuration(Bucket=plain, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
        self.assertEqual(self.s3.get_object_lock_configuration(Bucket=plain)["ObjectLockConfiguration"],
                         {"ObjectLockEnabled": "Enabled"})
        bucket = self.lock_bucket()
        for retention, code in [({"Mode": "GOVERNANCE", "Days": 1, "Years": 1}, "MalformedXML"),
                                ({"Mode": "invalid", "Days": 1}, "MalformedXML"),
                                ({"Mode": "GOVERNANCE", "Days": 0}, "InvalidArgument"),
                                ({"Mode": "GOVERNANCE", "Years": -1}, "InvalidArgument")]:
            self.assert_error(self.s3.put_object_lock_configuration, code, 400, Bucket=bucket,
                              ObjectLockConfiguration={"ObjectLockEnabled": "Enabled",
                                                       "Rule": {"DefaultRetention": retention}})
        err = self.assert_error(self.s3.put_object_lock_configuration, "InvalidArgument", 400,
                                "Default retention period must be a positive integer value.", Bucket=bucket,
                                ObjectLockConfiguration={"ObjectLockEnabled": "Enabled", "Rule": {
                                    "DefaultRetention": {"Mode": "COMPLIANCE", "Days": 0}}})
        self.assertEqual(err.get("ArgumentName"), "Days")

    def test_default_retention_protects_new_versions(self):
        bucket = self.lock_bucket({"Mode": "GOVERNANCE", "Days": 1})
        before = datetime.datetime.now(datetime.timezone.utc)
        version = self.put(bucket, "doc")
        head = self.s3.head_object(Bucket=bucket, Key="doc")
        self.assertEqual(head["ObjectLockMode"], "GOVERNANCE")
        until = head["ObjectLockRetainUntilDate"]
        self.assertLess(abs((until - before - datetime.timedelta(days=1)).total_seconds()), 60)
        got = self.s3.get_object(Bucket=bucket, Key="doc")
        self.assertEqual((got["ObjectLockMode"], got["ObjectLockRetainUntilDate"]), ("GOVERNANCE", until))
        self.assert_protected(bucket, "doc", version)
        # A delete marker is still allowed on top, and the locked version stays.
        marker = self.s3.delete_object(Bucket=bucket, Key="doc")
        self.assertTrue(marker["DeleteMarker"])
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="doc", VersionId=version)["Body"].read(), b"data")
        self.s3.delete_object(Bucket=bucket, Key="doc", VersionId=marker["VersionId"])
        # DeleteObjects reports the refusal per key; the bypass header lets GOVERNANCE go.
        out = self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "doc", "VersionId": version}]})
        self.assertEqual([(e["Key"], e["Code"]) for e in out["Errors"]], [("doc", "AccessDenied")])
        out = self.s3.delete_objects(Bucket=bucket, BypassGovernanceRetention=True,
                                     Delete={"Objects": [{"Key": "doc", "VersionId": version}]})
        self.assertEqual([d["VersionId"] for d in out["Deleted"]], [version])
        self.assertNotIn("Versions", self.s3.list_object_versions(Bucket=bucket, Prefix="doc"))

    def test_copy_and_multipart_get_the_destination_default(self):
        source = self.lock_bucket({"Mode": "GOVERNANCE", "Days": 1})
        target = self.lock_bucket()
        self.put(source, "src")
        copy = self.s3.copy_object(Bucket=target, Key="copy", CopySource={"Bucket": source, "Key": "src"})
        self.assertNotIn("ObjectLockMode", self.s3.head_object(Bucket=target, Key="copy"))
        self.s3.delete_object(Bucket=target, Key="copy", VersionId=copy["VersionId"])
        copied = self.s3.copy_object(Bucket=source, Key="copy", CopySource={"Bucket": source, "Key": "src"})
        self.assertEqual(self.s3.head_object(Bucket=source, Key="copy")["ObjectLockMode"], "GOVERNANCE")
        self.assert_protected(source, "copy", copied["VersionId"])
        upload = self.s3.create_multipart_upload(Bucket=source, Key="mp")["UploadId"]
        part = self.s3.upload_part(Bucket=source, Key="mp", UploadId=upload, PartNumber=1, Body=b"x" * 1024)
        done = self.s3.complete_multipart_upload(
            Bucket=source, Key="mp", UploadId=upload,
            MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        self.assertEqual(self.s3.head_object(Bucket=source, Key="mp")["ObjectLockMode"], "GOVERNANCE")
        self.assert_protected(source, "mp", done["VersionId"])
        self.s3.delete_object(Bucket=source, Key="mp", VersionId=done["VersionId"], BypassGovernanceRetention=True)

    @unittest.skipIf(os.environ.get("S3_TEST_ENDPOINT"), "COMPLIANCE retention until 2040 cannot be undone there")
    def test_explicit_lock_headers_on_put(self):
        bucket = self.lock_bucket()
        version = self.put(bucket, "c", ObjectLockMode="COMPLIANCE", ObjectLockRetainUntilDate=FUTURE,
                           ObjectLockLegalHoldStatus="ON")
        head = self.s3.head_object(Bucket=bucket, Key="c")
        self.assertEqual((head["ObjectLockMode"], head["ObjectLockRetainUntilDate"], head["ObjectLockLegalHoldStatus"]),
                         ("COMPLIANCE", FUTURE, "ON"))
        # COMPLIANCE ignores the bypass header.
        self.assert_error(self.s3.delete_object, "AccessDenied", 403, PROTECTED, Bucket=bucket, Key="c",
                          VersionId=version, BypassGovernanceRetention=True)
        past = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        self.assert_error(self.s3.put_object, "InvalidArgument", 400, "The retain until date must be in the future!",
                          Bucket=bucket, Key="p", Body=b"x", ObjectLockMode="GOVERNANCE",
                          ObjectLockRetainUntilDate=past)
        self.assert_error(self.s3.put_object, "InvalidArgument", 400, Bucket=bucket, Key="p", Body=b"x",
                          ObjectLockMode="GOVERNANCE")
        plain = self.make_bucket("plain", versioned=True)
        self.assert_error(self.s3.put_object, "InvalidRequest", 400, MISSING_LOCK, Bucket=plain, Key="p", Body=b"x",
                          ObjectLockLegalHoldStatus="ON")

    def test_lock_parameters_need_an_integrity_header(self):
        bucket = self.lock_bucket({"Mode": "GOVERNANCE", "Days": 1})
        raw = self.endpoint.request("PUT", f"/{bucket}/raw", body=b"no checksum")
        self.assertEqual(raw.status_code, 400, raw.text)
        self.assertIn("<Code>InvalidRequest</Code>", raw.text)
        ok = self.endpoint.request("PUT", f"/{bucket}/raw", body=b"with md5",
                                   headers={"Content-MD5": md5_b64(b"with md5")})
        self.assertEqual(ok.status_code, 200, ok.text)
        self.s3.delete_object(Bucket=bucket, Key="raw", VersionId=ok.headers["x-amz-version-id"],
                              BypassGovernanceRetention=True)
        # The Object Lock settings themselves need a digest of their body too (the model's
        # requestChecksumRequired), as S3 answers them.
        version = self.put(bucket, "settings")
        bodies = {
            ("legal-hold", "PUT"): b'<LegalHold xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Status>ON</Status></LegalHold>',
            ("retention", "PUT"): (b'<Retention xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Mode>GOVERNANCE</Mode>'
                                   b'<RetainUntilDate>2099-01-01T00:00:00Z</RetainUntilDate></Retention>'),
        }
        for (sub, method), body in bodies.items():
            for headers, status in (({}, 400), ({"Content-MD5": md5_b64(body)}, 200)):
                with self.subTest(subresource=sub, digest=bool(headers)):
                    r = self.endpoint.request(method, f"/{bucket}/settings", params={sub: "", "versionId": version},
                                              body=body, headers=headers)
                    self.assertEqual(r.status_code, status, r.text)
                    if status == 400:
                        self.assertIn("<Message>Missing required header for this request: Content-MD5 OR "
                                      "x-amz-checksum-*</Message>", r.text)
        config = (b'<ObjectLockConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
                  b'<ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>')
        r = self.endpoint.request("PUT", f"/{bucket}", params={"object-lock": ""}, body=config)
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("Content-MD5 OR x-amz-checksum-*", r.text)
        self.s3.put_object_legal_hold(Bucket=bucket, Key="settings", VersionId=version, LegalHold={"Status": "OFF"})

    def test_retention_can_grow_and_shrinks_only_with_bypass(self):
        bucket = self.lock_bucket()
        version = self.put(bucket, "r")
        self.assert_error(self.s3.get_object_retention, "NoSuchObjectLockConfiguration", 404, Bucket=bucket, Key="r")
        self.s3.put_object_retention(Bucket=bucket, Key="r", Retention={"Mode": "GOVERNANCE", "RetainUntilDate": FUTURE})
        self.assertEqual(self.s3.get_object_retention(Bucket=bucket, Key="r")["Retention"],
                         {"Mode": "GOVERNANCE", "RetainUntilDate": FUTURE})
        self.s3.put_object_retention(Bucket=bucket, Key="r", VersionId=version,
                                     Retention={"Mode": "GOVERNANCE", "RetainUntilDate": LATER})
        self.assert_error(self.s3.put_object_retention, "AccessDenied", 403, Bucket=bucket, Key="r",
                          Retention={"Mode": "GOVERNANCE", "RetainUntilDate": FUTURE})
        self.assert_error(self.s3.put_object_retention, "AccessDenied", 403, Bucket=bucket, Key="r",
                          Retention={"Mode": "COMPLIANCE", "RetainUntilDate": LATER})
        self.s3.put_object_retention(Bucket=bucket, Key="r", BypassGovernanceRetention=True,
                                     Retention={"Mode": "GOVERNANCE", "RetainUntilDate": FUTURE})
        self.assertEqual(self.s3.get_object_retention(Bucket=bucket, Key="r")["Retention"]["RetainUntilDate"], FUTURE)
        self.assert_protected(bucket, "r", version)
        self.assert_error(self.s3.put_object_retention, "MalformedXML", 400, Bucket=bucket, Key="r",
                          Retention={"Mode": "invalid", "RetainUntilDate": LATER})
        self.s3.delete_object(Bucket=bucket, Key="r", VersionId=version, BypassGovernanceRetention=True)

    @unittest.skipIf(os.environ.get("S3_TEST_ENDPOINT"), "COMPLIANCE retention until 2040 cannot be undone there")
    def test_compliance_retention_only_extends(self):
        bucket = self.lock_bucket()
        version = self.put(bucket, "k")
        self.s3.put_object_retention(Bucket=bucket, Key="k", Retention={"Mode": "COMPLIANCE", "RetainUntilDate": FUTURE})
        for retention in ({"Mode": "COMPLIANCE", "RetainUntilDate": FUTURE - datetime.timedelta(days=1)},
                          {"Mode": "GOVERNANCE", "RetainUntilDate": LATER}):
            self.assert_error(self.s3.put_object_retention, "AccessDenied", 403, Bucket=bucket, Key="k",
                              BypassGovernanceRetention=True, Retention=retention)
        self.s3.put_object_retention(Bucket=bucket, Key="k", Retention={"Mode": "COMPLIANCE", "RetainUntilDate": LATER})
        self.assert_protected(bucket, "k", version)

    def test_legal_hold(self):
        bucket = self.lock_bucket()
        version = self.put(bucket, "h")
        self.assert_error(self.s3.get_object_legal_hold, "NoSuchObjectLockConfiguration", 404, Bucket=bucket, Key="h")
        self.s3.put_object_legal_hold(Bucket=bucket, Key="h", LegalHold={"Status": "ON"})
        self.assertEqual(self.s3.get_object_legal_hold(Bucket=bucket, Key="h")["LegalHold"], {"Status": "ON"})
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="h")["ObjectLockLegalHoldStatus"], "ON")
        self.assert_error(self.s3.delete_object, "AccessDenied", 403, PROTECTED, Bucket=bucket, Key="h",
                          VersionId=version, BypassGovernanceRetention=True)
        self.assert_error(self.s3.put_object_legal_hold, "MalformedXML", 400, Bucket=bucket, Key="h",
                          LegalHold={"Status": "abc"})
        self.s3.put_object_legal_hold(Bucket=bucket, Key="h", LegalHold={"Status": "OFF"})
        self.assertEqual(self.s3.get_object_legal_hold(Bucket=bucket, Key="h")["LegalHold"], {"Status": "OFF"})
        self.s3.delete_object(Bucket=bucket, Key="h", VersionId=version)

    def test_object_operations_on_a_bucket_without_lock(self):
        plain = self.make_bucket("plain", versioned=True)
        self.put(plain, "o")
        for fn, kwargs in [(self.s3.put_object_retention, {"Retention": {"Mode": "GOVERNANCE", "RetainUntilDate": FUTURE}}),
                           (self.s3.get_object_retention, {}),
                           (self.s3.put_object_legal_hold, {"LegalHold": {"Status": "ON"}}),
                           (self.s3.get_object_legal_hold, {})]:
            self.assert_error(fn, "InvalidRequest", 400, MISSING_LOCK, Bucket=plain, Key="o", **kwargs)
        self.assert_error(self.s3.get_object_retention, "NoSuchBucket", 404, Bucket="no-such-bucket-lock", Key="o")


@unittest.skipIf(os.environ.get("S3_TEST_ENDPOINT"), "kills its own server")
class ObjectLockDurabilityTest(unittest.TestCase):
    def test_locks_survive_kill_9(self):
        server = SkyboxServer()
        try:
            s3 = server.client("s3")
            s3.create_bucket(Bucket="locked", ObjectLockEnabledForBucket=True)
            s3.put_object_lock_configuration(Bucket="locked", ObjectLockConfiguration={
                "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": "COMPLIANCE", "Days": 3}}})
            defaulted = s3.put_object(Bucket="locked", Key="a", Body=b"a")["VersionId"]
            held = s3.put_object(Bucket="locked", Key="b", Body=b"b")["VersionId"]
            s3.put_object_legal_hold(Bucket="locked", Key="b", LegalHold={"Status": "ON"})
            server.kill()
            server.start()
            s3 = server.client("s3")
            self.assertEqual(s3.get_object_retention(Bucket="locked", Key="a")["Retention"]["Mode"], "COMPLIANCE")
            self.assertEqual(s3.get_object_legal_hold(Bucket="locked", Key="b")["LegalHold"]["Status"], "ON")
            for key, version in (("a", defaulted), ("b", held)):
                with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                    s3.delete_object(Bucket="locked", Key=key, VersionId=version, BypassGovernanceRetention=True)
                self.assertEqual(ctx.exception.response["Error"]["Code"], "AccessDenied")
            self.assertEqual(s3.put_object(Bucket="locked", Key="c", Body=b"c", ChecksumAlgorithm="CRC32")
                             ["ResponseMetadata"]["HTTPStatusCode"], 200)
            self.assertEqual(s3.head_object(Bucket="locked", Key="c")["ObjectLockMode"], "COMPLIANCE")
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
