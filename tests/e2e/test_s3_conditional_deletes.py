"""S3 conditional deletes through boto3 and the AWS CLI: DeleteObject's If-Match,
x-amz-if-match-last-modified-time and x-amz-if-match-size, and the ETag, LastModifiedTime and
Size of a DeleteObjects entry. Expected values are AWS's (the S3 User Guide, "How to perform
conditional deletes"): a condition that does not hold is 412 PreconditionFailed and deletes
nothing; If-Match on a key with no object (or a delete marker as its current version) is 404
NoSuchKey."""
import json
import unittest

from s3_endpoint import S3TestCase, md5_hex

PRECONDITION_FAILED = "At least one of the pre-conditions you specified did not hold"
OTHER_ETAG = '"0123456789abcdef0123456789abcdef"'


class ConditionalDeleteTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("cdel")
        cls.versioned = cls.make_bucket("cdelv", versioned=True)

    def put(self, key, body, bucket=None):
        return self.s3.put_object(Bucket=bucket or self.bucket, Key=key, Body=body)

    def exists(self, key, bucket=None):
        listed = self.s3.list_objects_v2(Bucket=bucket or self.bucket, Prefix=key)
        return any(o["Key"] == key for o in listed.get("Contents", []))

    def delete(self, key, bucket=None, **kwargs):
        return self.s3.delete_object(Bucket=bucket or self.bucket, Key=key, **kwargs)

    def test_if_match_deletes_only_the_named_etag(self):
        etag = self.put("m/a", b"alpha")["ETag"]
        self.assertEqual(etag, f'"{md5_hex(b"alpha")}"')
        err = self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                                Bucket=self.bucket, Key="m/a", IfMatch=OTHER_ETAG)
        self.assertEqual(err["Condition"], "If-Match")
        self.assertTrue(self.exists("m/a"), "a failed condition must delete nothing")
        r = self.delete("m/a", IfMatch=etag)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertFalse(self.exists("m/a"))
        # Quotes are optional, and `*` names any object.
        self.put("m/b", b"beta")
        self.delete("m/b", IfMatch=md5_hex(b"beta"))
        self.assertFalse(self.exists("m/b"))
        self.put("m/c", b"gamma")
        self.delete("m/c", IfMatch="*")
        self.assertFalse(self.exists("m/c"))

    def test_if_match_on_a_missing_key_is_no_such_key(self):
        self.assert_error(self.s3.delete_object, "NoSuchKey", 404, Bucket=self.bucket, Key="m/never", IfMatch="*")
        self.assert_error(self.s3.delete_object, "NoSuchKey", 404, Bucket=self.bucket, Key="m/never",
                          IfMatch=OTHER_ETAG)
        # Without If-Match, deleting nothing still succeeds.
        self.assertEqual(self.delete("m/never")["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(self.delete("m/never", IfMatchSize=3)["ResponseMetadata"]["HTTPStatusCode"], 204)

    def test_size_and_last_modified_time(self):
        self.put("s/a", b"12345")
        head = self.s3.head_object(Bucket=self.bucket, Key="s/a")
        err = self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                                Bucket=self.bucket, Key="s/a", IfMatchSize=4)
        self.assertEqual(err["Condition"], "x-amz-if-match-size")
        earlier = head["LastModified"].replace(year=2001)
        err = self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                                Bucket=self.bucket, Key="s/a", IfMatchLastModifiedTime=earlier)
        self.assertEqual(err["Condition"], "x-amz-if-match-last-modified-time")
        # All three together, each holding.
        self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                          Bucket=self.bucket, Key="s/a", IfMatch=head["ETag"], IfMatchSize=5,
                          IfMatchLastModifiedTime=earlier)
        self.assertTrue(self.exists("s/a"))
        self.delete("s/a", IfMatch=head["ETag"], IfMatchSize=5, IfMatchLastModifiedTime=head["LastModified"])
        self.assertFalse(self.exists("s/a"))

    def test_versioned_bucket(self):
        v = self.versioned
        first = self.put("v/a", b"one", bucket=v)
        second = self.put("v/a", b"two", bucket=v)
        # The condition is checked against the current version.
        self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, Bucket=v, Key="v/a",
                          IfMatch=first["ETag"])
        r = self.delete("v/a", bucket=v, IfMatch=second["ETag"])
        self.assertTrue(r["DeleteMarker"])
        # A delete marker as the current version counts as no object.
        self.assert_error(self.s3.delete_object, "NoSuchKey", 404, Bucket=v, Key="v/a", IfMatch="*")
        # With a version id, the condition is checked against that version.
        self.assert_error(self.s3.delete_object, "PreconditionFailed", 412, Bucket=v, Key="v/a",
                          VersionId=first["VersionId"], IfMatch=second["ETag"])
        self.delete("v/a", bucket=v, VersionId=first["VersionId"], IfMatch=first["ETag"])
        ids = {x["VersionId"] for x in self.s3.list_object_versions(Bucket=v, Prefix="v/a").get("Versions", [])}
        self.assertEqual(ids, {second["VersionId"]})
        self.assert_error(self.s3.delete_object, "NoSuchKey", 404, Bucket=v, Key="v/a",
                          VersionId=r["VersionId"], IfMatch="*")

    def test_delete_objects_entries(self):
        keep = self.put("b/keep", b"keep")["ETag"]
        gone = self.put("b/gone", b"gone")["ETag"]
        self.put("b/sized", b"sized")
        self.put("b/timed", b"timed")
        timed = self.s3.head_object(Bucket=self.bucket, Key="b/timed")["LastModified"]
        r = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [
            {"Key": "b/keep", "ETag": gone},
            {"Key": "b/gone", "ETag": gone},
            {"Key": "b/absent", "ETag": "*"},
            {"Key": "b/sized", "Size": 99},
            {"Key": "b/timed", "LastModifiedTime": timed.replace(year=2001)},
        ]})
        self.assertEqual([d["Key"] for d in r["Deleted"]], ["b/gone"])
        errors = {e["Key"]: (e["Code"], e["Message"]) for e in r["Errors"]}
        self.assertEqual(errors, {
            "b/keep": ("PreconditionFailed", PRECONDITION_FAILED),
            "b/absent": ("NoSuchKey", "The specified key does not exist."),
            "b/sized": ("PreconditionFailed", PRECONDITION_FAILED),
            "b/timed": ("PreconditionFailed", PRECONDITION_FAILED),
        })
        self.assertTrue(self.exists("b/keep"))
        self.assertTrue(self.exists("b/sized"))
        self.assertTrue(self.exists("b/timed"))
        self.assertFalse(self.exists("b/gone"))
        r = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [
            {"Key": "b/timed", "LastModifiedTime": timed, "Size": 5}]})
        self.assertEqual([d["Key"] for d in r["Deleted"]], ["b/timed"])
        r = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "b/keep", "ETag": keep}]})
        self.assertEqual([d["Key"] for d in r["Deleted"]], ["b/keep"])
        self.assertFalse(self.exists("b/keep"))

    def test_aws_cli_delete_object_if_match(self):
        etag = self.put("cli/a", b"cli")["ETag"]
        p = self.endpoint.aws("s3api", "delete-object", "--bucket", self.bucket, "--key", "cli/a",
                              "--if-match", OTHER_ETAG)
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("PreconditionFailed", p.stderr)
        self.assertTrue(self.exists("cli/a"))
        p = self.endpoint.aws("s3api", "delete-object", "--bucket", self.bucket, "--key", "cli/a",
                              "--if-match", etag)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertFalse(self.exists("cli/a"))
        self.put("cli/b", b"cli")
        p = self.endpoint.aws("s3api", "delete-objects", "--bucket", self.bucket, "--delete",
                              json.dumps({"Objects": [{"Key": "cli/b", "ETag": OTHER_ETAG}]}))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["Errors"][0]["Code"], "PreconditionFailed")
        self.assertTrue(self.exists("cli/b"))


if __name__ == "__main__":
    unittest.main()
