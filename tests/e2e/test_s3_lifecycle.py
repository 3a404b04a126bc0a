"""S3 lifecycle rules applied by Skybox's background worker (every 5 s; S3 runs daily)."""
import datetime
import time
import unittest

from s3_endpoint import S3TestCase

PAST_MIDNIGHT = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)


class LifecycleExpiryTest(S3TestCase):
    def wait_until(self, predicate, seconds=15):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.5)
        return False

    def keys(self, bucket):
        return [o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket).get("Contents", [])]

    def test_transition_default_minimum_object_size(self):
        # Kept and reported (transitions are not applied): S3's default since September 2024 when
        # the Put leaves it out, the value sent otherwise, echoed by the Put; anything else 400.
        b = self.make_bucket("lcmin")
        rules = {"Rules": [{"ID": "r", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, "Expiration": {"Days": 30}}]}
        put = self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration=rules)
        self.assertEqual(put["TransitionDefaultMinimumObjectSize"], "all_storage_classes_128K")
        got = self.s3.get_bucket_lifecycle_configuration(Bucket=b)
        self.assertEqual(got["TransitionDefaultMinimumObjectSize"], "all_storage_classes_128K")
        self.assertEqual(got["Rules"][0]["ID"], "r")
        put = self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration=rules,
                                                         TransitionDefaultMinimumObjectSize="varies_by_storage_class")
        self.assertEqual(put["TransitionDefaultMinimumObjectSize"], "varies_by_storage_class")
        self.assert_error(self.s3.put_bucket_lifecycle_configuration, "InvalidRequest", 400,
                          "Invalid TransitionDefaultMinimumObjectSize found: 64K", Bucket=b,
                          LifecycleConfiguration=rules, TransitionDefaultMinimumObjectSize="64K")
        self.assertEqual(self.s3.get_bucket_lifecycle_configuration(Bucket=b)["TransitionDefaultMinimumObjectSize"],
                         "varies_by_storage_class")

    def test_transitions_are_validated_as_s3_does(self):
        # Stored, not applied; but what S3 refuses is refused (Terraform and CDK users meet these).
        b = self.make_bucket("lctrans")

        def put(rule):
            rule = {"ID": "r", "Status": "Enabled", "Filter": {"Prefix": "logs/"}, **rule}
            return self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [rule]})

        self.assert_error(put, "InvalidArgument", 400, "'Days' in Transition action must be greater than or equal to "
                          "30 for storageClass 'STANDARD_IA'",
                          rule={"Transitions": [{"Days": 7, "StorageClass": "STANDARD_IA"}]})
        self.assert_error(put, "InvalidArgument", 400, "'Days' in the Expiration action for filter '(prefix=logs/)' "
                          "must be greater than 'Days' in the Transition action",
                          rule={"Transitions": [{"Days": 90, "StorageClass": "GLACIER"}], "Expiration": {"Days": 60}})
        self.assert_error(put, "InvalidArgument", 400, "'StorageClass' must be different for 'Transition' actions in "
                          "same 'Rule'", rule={"Transitions": [{"Days": 30, "StorageClass": "GLACIER"},
                                                               {"Days": 60, "StorageClass": "GLACIER"}]})
        self.assert_error(put, "MalformedXML", 400, rule={"Transitions": [{"Days": 30, "StorageClass": "STANDARD"}]})
        rule = {"Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
                "NoncurrentVersionTransitions": [{"NoncurrentDays": 30, "StorageClass": "GLACIER_IR"}],
                "Expiration": {"Days": 365}}
        put(rule)
        got = self.s3.get_bucket_lifecycle_configuration(Bucket=b)["Rules"][0]
        self.assertEqual((got["Transitions"], got["NoncurrentVersionTransitions"], got["Expiration"]),
                         (rule["Transitions"], rule["NoncurrentVersionTransitions"], rule["Expiration"]))

    def test_abort_date_of_incomplete_uploads(self):
        # x-amz-abort-date / x-amz-abort-rule-id on CreateMultipartUpload and ListParts: the
        # earliest AbortIncompleteMultipartUpload rule matching the key, due at the first midnight
        # UTC at least DaysAfterInitiation after the upload began.
        b = self.make_bucket("lcabort")
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "week", "Status": "Enabled", "Filter": {"Prefix": "up/"},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}},
            {"ID": "two-days", "Status": "Enabled", "Filter": {"Prefix": "up/"},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 2}}]})
        started = datetime.datetime.now(datetime.timezone.utc)
        created = self.s3.create_multipart_upload(Bucket=b, Key="up/file")
        due = (started + datetime.timedelta(days=3)).replace(hour=0, minute=0, second=0, microsecond=0)
        self.assertEqual((created["AbortDate"], created["AbortRuleId"]), (due, "two-days"))
        parts = self.s3.list_parts(Bucket=b, Key="up/file", UploadId=created["UploadId"])
        self.assertEqual((parts["AbortDate"], parts["AbortRuleId"]), (due, "two-days"))
        other = self.s3.create_multipart_upload(Bucket=b, Key="elsewhere/file")
        self.assertNotIn("AbortDate", other)
        self.assertNotIn("x-amz-abort-rule-id", other["ResponseMetadata"]["HTTPHeaders"])

    def test_expiration_date_deletes_matching_current_objects(self):
        b = self.make_bucket("lc")
        self.s3.put_object(Bucket=b, Key="tmp/a", Body=b"1")
        self.s3.put_object(Bucket=b, Key="tmp/b", Body=b"2")
        self.s3.put_object(Bucket=b, Key="keep/c", Body=b"3")
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "expire-tmp", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled",
             "Expiration": {"Date": PAST_MIDNIGHT}}]})
        self.assertTrue(self.wait_until(lambda: self.keys(b) == ["keep/c"]), self.keys(b))
        self.assertEqual(self.s3.get_object(Bucket=b, Key="keep/c")["Body"].read(), b"3")

    def test_the_deprecated_lifecycle_operations_are_answered_too(self):
        # PutBucketLifecycle / GetBucketLifecycle (a rule's Prefix, no Filter) are the same
        # requests as their successors: stored, returned and applied the same way.
        b = self.make_bucket("lcold")
        self.s3.put_object(Bucket=b, Key="old/a", Body=b"1")
        self.s3.put_object(Bucket=b, Key="new/b", Body=b"2")
        rule = {"ID": "legacy", "Prefix": "old/", "Status": "Enabled", "Expiration": {"Date": PAST_MIDNIGHT}}
        self.s3.put_bucket_lifecycle(Bucket=b, LifecycleConfiguration={"Rules": [rule]})
        got = self.s3.get_bucket_lifecycle(Bucket=b)["Rules"]
        self.assertEqual([(r["ID"], r["Prefix"], r["Status"], r["Expiration"]["Date"]) for r in got],
                         [("legacy", "old/", "Enabled", PAST_MIDNIGHT)])
        self.assertEqual(self.s3.get_bucket_lifecycle_configuration(Bucket=b)["Rules"][0]["Prefix"], "old/")
        self.assertTrue(self.wait_until(lambda: self.keys(b) == ["new/b"]), self.keys(b))

    def test_versioned_bucket_gets_a_delete_marker(self):
        b = self.make_bucket("lcv", versioned=True)
        v1 = self.s3.put_object(Bucket=b, Key="tmp/x", Body=b"old")["VersionId"]
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "expire", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled",
             "Expiration": {"Date": PAST_MIDNIGHT}}]})
        self.assertTrue(self.wait_until(lambda: self.keys(b) == []))
        versions = self.s3.list_object_versions(Bucket=b, Prefix="tmp/")
        self.assertEqual([v["VersionId"] for v in versions["Versions"]], [v1])
        self.assertFalse(versions["Versions"][0]["IsLatest"])
        self.assertTrue(versions["DeleteMarkers"][0]["IsLatest"])
        self.assertEqual(self.s3.get_object(Bucket=b, Key="tmp/x", VersionId=v1)["Body"].read(), b"old")

    def test_expiration_header_names_the_rule_and_date(self):
        b = self.make_bucket("lch")
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "thirty-days", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 30}}]})
        put = self.s3.put_object(Bucket=b, Key="logs/a", Body=b"1")
        self.assertNotIn("Expiration", self.s3.put_object(Bucket=b, Key="keep/b", Body=b"2"))
        head = self.s3.head_object(Bucket=b, Key="logs/a")
        created = head["LastModified"]
        # 30 days after creation, rounded up to the next midnight UTC.
        due = (created + datetime.timedelta(days=31)).replace(hour=0, minute=0, second=0, microsecond=0)
        expected = f'expiry-date="{due.strftime("%a, %d %b %Y %H:%M:%S GMT")}", rule-id="thirty-days"'
        self.assertEqual(head["Expiration"], expected)
        self.assertEqual(put["Expiration"], expected)  # PutObject reports it too
        self.assertEqual(self.s3.get_object(Bucket=b, Key="logs/a")["Expiration"], expected)
        self.assertNotIn("Expiration", self.s3.head_object(Bucket=b, Key="keep/b"))

    def test_expiration_header_on_copy_and_complete_multipart(self):
        b = self.make_bucket("lcx")
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "ten-days", "Filter": {"Prefix": "logs/"}, "Status": "Enabled", "Expiration": {"Days": 10}}]})
        self.s3.put_object(Bucket=b, Key="src", Body=b"1")

        def expected(key):
            created = self.s3.head_object(Bucket=b, Key=key)["LastModified"]
            due = (created + datetime.timedelta(days=11)).replace(hour=0, minute=0, second=0, microsecond=0)
            return f'expiry-date="{due.strftime("%a, %d %b %Y %H:%M:%S GMT")}", rule-id="ten-days"'

        copied = self.s3.copy_object(Bucket=b, Key="logs/copy", CopySource={"Bucket": b, "Key": "src"})
        self.assertEqual(copied["Expiration"], expected("logs/copy"))
        self.assertNotIn("Expiration", self.s3.copy_object(Bucket=b, Key="other/copy",
                                                           CopySource={"Bucket": b, "Key": "src"}))
        for key in ("logs/mpu", "other/mpu"):
            upload = self.s3.create_multipart_upload(Bucket=b, Key=key)["UploadId"]
            part = self.s3.upload_part(Bucket=b, Key=key, UploadId=upload, PartNumber=1, Body=b"p")
            done = self.s3.complete_multipart_upload(Bucket=b, Key=key, UploadId=upload, MultipartUpload={
                "Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
            if key.startswith("logs/"):
                self.assertEqual(done["Expiration"], expected(key))
            else:
                self.assertNotIn("Expiration", done)

    def test_disabled_rule_does_nothing(self):
        b = self.make_bucket("lcd")
        self.s3.put_object(Bucket=b, Key="tmp/a", Body=b"1")
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": [
            {"ID": "off", "Filter": {"Prefix": "tmp/"}, "Status": "Disabled",
             "Expiration": {"Date": PAST_MIDNIGHT}}]})
        time.sleep(6)  # more than one worker interval
        self.assertEqual(self.keys(b), ["tmp/a"])


if __name__ == "__main__":
    unittest.main()
