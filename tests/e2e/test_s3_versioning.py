"""S3 versioning through boto3: version ids, GET/HEAD/DELETE/COPY by versionId, delete markers
(404 with x-amz-delete-marker, 405 by id, removal restores the object), permanent version
deletion, suspended buckets and the "null" version, and ListObjectVersions with its markers."""
import email.utils
import unittest

from s3_endpoint import S3TestCase

METHOD_NOT_ALLOWED = "The specified method is not allowed against this resource."


def body_of(s3, bucket, key, **kwargs):
    return s3.get_object(Bucket=bucket, Key=key, **kwargs)["Body"].read()


class VersioningTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("ver", versioned=True)

    def put(self, key, body):
        return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body)["VersionId"]

    def test_versions_get_head_copy_by_id(self):
        v1, v2 = self.put("doc", b"one"), self.put("doc", b"two")
        self.assertNotEqual(v1, v2)
        self.assertNotIn("null", (v1, v2))
        latest = self.s3.get_object(Bucket=self.bucket, Key="doc")
        self.assertEqual((latest["Body"].read(), latest["VersionId"]), (b"two", v2))
        old = self.s3.get_object(Bucket=self.bucket, Key="doc", VersionId=v1)
        self.assertEqual((old["Body"].read(), old["VersionId"]), (b"one", v1))
        head = self.s3.head_object(Bucket=self.bucket, Key="doc", VersionId=v1)
        self.assertEqual((head["ContentLength"], head["VersionId"]), (3, v1))
        c = self.s3.copy_object(Bucket=self.bucket, Key="doc-copy",
                                CopySource={"Bucket": self.bucket, "Key": "doc", "VersionId": v1})
        self.assertEqual(c["CopySourceVersionId"], v1)
        self.assertNotIn(c["VersionId"], (v1, v2))
        self.assertEqual(body_of(self.s3, self.bucket, "doc-copy"), b"one")

    def test_delete_marker_lifecycle(self):
        v1 = self.put("dm", b"data")
        d = self.s3.delete_object(Bucket=self.bucket, Key="dm")
        self.assertTrue(d["DeleteMarker"])
        marker = d["VersionId"]
        self.assertNotEqual(marker, v1)
        err, status, headers = self.client_error(self.s3.get_object, Bucket=self.bucket, Key="dm")
        self.assertEqual((err["Code"], status), ("NoSuchKey", 404))
        self.assertEqual(headers.get("x-amz-delete-marker"), "true")
        self.assertEqual(headers.get("x-amz-version-id"), marker)
        err, status, headers = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="dm")
        self.assertEqual(status, 404)
        self.assertEqual(headers.get("x-amz-delete-marker"), "true")
        err, status, headers = self.client_error(self.s3.get_object, Bucket=self.bucket, Key="dm", VersionId=marker)
        self.assertEqual((err["Code"], status, err["Message"]), ("MethodNotAllowed", 405, METHOD_NOT_ALLOWED))
        self.assertEqual((err.get("Method"), err.get("ResourceType")), ("GET", "DeleteMarker"))
        self.assertEqual((headers.get("x-amz-delete-marker"), headers.get("allow")), ("true", "DELETE"))
        marker_time = next(m["LastModified"] for m in self.s3.list_object_versions(
            Bucket=self.bucket, Prefix="dm")["DeleteMarkers"] if m["VersionId"] == marker)
        self.assertEqual(email.utils.parsedate_to_datetime(headers.get("last-modified")), marker_time)
        err, status, headers = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="dm", VersionId=marker)
        self.assertEqual((status, headers.get("allow")), (405, "DELETE"))
        self.assertEqual(email.utils.parsedate_to_datetime(headers.get("last-modified")), marker_time)
        self.assertEqual(body_of(self.s3, self.bucket, "dm", VersionId=v1), b"data")
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="dm"))
        # Removing the marker brings the object back.
        r = self.s3.delete_object(Bucket=self.bucket, Key="dm", VersionId=marker)
        self.assertEqual((r["DeleteMarker"], r["VersionId"]), (True, marker))
        self.assertEqual(body_of(self.s3, self.bucket, "dm"), b"data")

    def test_delete_version_permanently(self):
        v1, v2 = self.put("perm", b"first"), self.put("perm", b"second")
        r = self.s3.delete_object(Bucket=self.bucket, Key="perm", VersionId=v2)
        self.assertEqual(r["VersionId"], v2)
        self.assertNotIn("DeleteMarker", r)
        self.assertEqual(body_of(self.s3, self.bucket, "perm"), b"first")
        err = self.assert_error(self.s3.get_object, "NoSuchVersion", 404, "The specified version does not exist.",
                                Bucket=self.bucket, Key="perm", VersionId=v2)
        self.assertEqual((err.get("Key"), err.get("VersionId")), ("perm", v2))
        versions = self.s3.list_object_versions(Bucket=self.bucket, Prefix="perm")["Versions"]
        self.assertEqual([(v["VersionId"], v["IsLatest"]) for v in versions], [(v1, True)])

    def test_malformed_version_id(self):
        self.put("mal", b"x")
        for bad in ("not-a-real-version-id", "xyz"):
            for op in (self.s3.get_object, self.s3.delete_object, self.s3.get_object_tagging):
                err = self.assert_error(op, "InvalidArgument", 400, "Invalid version id specified",
                                        Bucket=self.bucket, Key="mal", VersionId=bad)
                self.assertEqual((err.get("ArgumentName"), err.get("ArgumentValue")), ("versionId", bad))
            err, status, _ = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="mal", VersionId=bad)
            self.assertEqual((err["Code"], status), ("400", 400))  # HEAD: status only, no body
            # In a batch, a malformed id is a NoSuchVersion entry (DeleteObject alone: InvalidArgument).
            batch = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "mal", "VersionId": bad},
                                                                                   {"Key": "mal-other"}]})
            self.assertEqual([(e["Key"], e["Code"], e["Message"]) for e in batch["Errors"]],
                             [("mal", "NoSuchVersion", "The specified version does not exist.")])
            self.assertEqual([d["Key"] for d in batch["Deleted"]], ["mal-other"])
            self.assert_error(self.s3.copy_object, "InvalidArgument", 400, "Invalid version id specified",
                              Bucket=self.bucket, Key="mal-copy",
                              CopySource={"Bucket": self.bucket, "Key": "mal", "VersionId": bad})

    def test_unknown_well_formed_version_id(self):
        # An id of the shape AWS issues that names no version of an existing key: 404 NoSuchVersion
        # (HEAD: 404 without a body); DELETE of it succeeds and echoes the id, as on AWS.
        self.put("unknown", b"x")
        for vid in ("v5n1PPUjOCMHLyyfq0ayjoZ5RZLfVQKA", "KC0WuaPTHv7At3olS.BPuH.weAJqMkKJ"):
            err = self.assert_error(self.s3.get_object, "NoSuchVersion", 404, "The specified version does not exist.",
                                    Bucket=self.bucket, Key="unknown", VersionId=vid)
            self.assertEqual((err.get("Key"), err.get("VersionId")), ("unknown", vid))
            err, status, _ = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="unknown", VersionId=vid)
            self.assertEqual((err["Code"], status), ("404", 404))
            self.assert_error(self.s3.get_object_tagging, "NoSuchVersion", 404, Bucket=self.bucket, Key="unknown",
                              VersionId=vid)
            self.assert_error(self.s3.copy_object, "NoSuchVersion", 404, Bucket=self.bucket, Key="unknown-copy",
                              CopySource={"Bucket": self.bucket, "Key": "unknown", "VersionId": vid})
            r = self.s3.delete_object(Bucket=self.bucket, Key="unknown", VersionId=vid)
            self.assertEqual((r["ResponseMetadata"]["HTTPStatusCode"], r["VersionId"]), (204, vid))
            batch = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "unknown", "VersionId": vid}]})
            self.assertEqual(batch["Deleted"], [{"Key": "unknown", "VersionId": vid}])
        self.assertEqual(body_of(self.s3, self.bucket, "unknown"), b"x")

    def test_delete_objects_with_versions(self):
        v1 = self.put("batch", b"1")
        self.put("batch", b"2")
        r = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [
            {"Key": "batch", "VersionId": v1}, {"Key": "batch"}]})
        by_version = {d.get("VersionId"): d for d in r["Deleted"]}
        self.assertIn(v1, by_version)
        markers = [d for d in r["Deleted"] if d.get("DeleteMarker")]
        self.assertEqual(len(markers), 1)
        self.assertTrue(markers[0]["DeleteMarkerVersionId"])
        listing = self.s3.list_object_versions(Bucket=self.bucket, Prefix="batch")
        self.assertEqual(len(listing["Versions"]), 1)
        self.assertEqual([m["VersionId"] for m in listing["DeleteMarkers"]], [markers[0]["DeleteMarkerVersionId"]])


class VersioningConfigurationTest(S3TestCase):
    def test_empty_configuration_and_mfa_delete(self):
        bucket = self.make_bucket("vcfg")
        self.assert_error(self.s3.put_bucket_versioning, "IllegalVersioningConfigurationException", 400,
                          "The Versioning element must be specified", Bucket=bucket, VersioningConfiguration={})
        # MFA delete is turned on with the x-amz-mfa header only (Skybox checks no device code).
        self.assert_error(self.s3.put_bucket_versioning, "AccessDenied", 403,
                          "Mfa Authentication must be used for this request", Bucket=bucket,
                          VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
        self.assertNotIn("Status", self.s3.get_bucket_versioning(Bucket=bucket))
        self.s3.put_bucket_versioning(Bucket=bucket, MFA="arn:aws:iam::000000000000:mfa/root 123456",
                                      VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"})
        got = self.s3.get_bucket_versioning(Bucket=bucket)
        self.assertEqual((got["Status"], got["MFADelete"]), ("Enabled", "Enabled"))


class SuspendedAndNullVersionTest(S3TestCase):
    def test_null_version_lifecycle(self):
        b = self.make_bucket("susp")
        r = self.s3.put_object(Bucket=b, Key="k", Body=b"pre-versioning")
        self.assertNotIn("VersionId", r)
        self.assertNotIn("VersionId", self.s3.head_object(Bucket=b, Key="k"))  # never versioned: no ids
        versions = self.s3.list_object_versions(Bucket=b)["Versions"]
        self.assertEqual([(v["Key"], v["VersionId"], v["IsLatest"]) for v in versions], [("k", "null", True)])
        self.assertEqual(body_of(self.s3, b, "k", VersionId="null"), b"pre-versioning")

        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        venabled = self.s3.put_object(Bucket=b, Key="k", Body=b"enabled")["VersionId"]
        self.assertNotEqual(venabled, "null")
        self.assertEqual(body_of(self.s3, b, "k", VersionId="null"), b"pre-versioning")

        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Suspended"})
        self.s3.put_object(Bucket=b, Key="k", Body=b"suspended")  # replaces the null version
        versions = self.s3.list_object_versions(Bucket=b)["Versions"]
        self.assertEqual([(v["VersionId"], v["IsLatest"]) for v in versions], [("null", True), (venabled, False)])
        self.assertEqual(body_of(self.s3, b, "k"), b"suspended")
        self.assertEqual(body_of(self.s3, b, "k", VersionId="null"), b"suspended")
        # With versioning (suspended) the null version is named on GET and HEAD.
        self.assertEqual(self.s3.head_object(Bucket=b, Key="k")["VersionId"], "null")
        self.assertEqual(self.s3.get_object(Bucket=b, Key="k", VersionId="null")["VersionId"], "null")

        d = self.s3.delete_object(Bucket=b, Key="k")
        self.assertEqual((d["DeleteMarker"], d["VersionId"]), (True, "null"))
        listing = self.s3.list_object_versions(Bucket=b)
        self.assertEqual([(v["VersionId"], v["IsLatest"]) for v in listing["Versions"]], [(venabled, False)])
        self.assertEqual([(m["VersionId"], m["IsLatest"]) for m in listing["DeleteMarkers"]], [("null", True)])
        self.assert_error(self.s3.get_object, "NoSuchKey", 404, Bucket=b, Key="k")
        self.assertEqual(body_of(self.s3, b, "k", VersionId=venabled), b"enabled")


class ListObjectVersionsTest(S3TestCase):
    def test_order_flags_and_paging(self):
        b = self.make_bucket("lov", versioned=True)
        ids = {"a": [], "b": []}
        for key in ("a", "b"):
            for i in range(3):
                ids[key].append(self.s3.put_object(Bucket=b, Key=key, Body=f"{key}{i}".encode())["VersionId"])
        marker = self.s3.delete_object(Bucket=b, Key="b")["VersionId"]
        self.s3.put_object(Bucket=b, Key="c/nested", Body=b"x")

        r = self.s3.list_object_versions(Bucket=b)
        got = [(v["Key"], v["VersionId"], v["IsLatest"]) for v in r["Versions"]]
        expected = ([("a", v, i == 0) for i, v in enumerate(reversed(ids["a"]))] +
                    [("b", v, False) for v in reversed(ids["b"])])
        self.assertEqual(got[:6], expected)  # per key, newest first
        self.assertEqual(got[6][0], "c/nested")
        self.assertEqual([(m["Key"], m["VersionId"], m["IsLatest"]) for m in r["DeleteMarkers"]],
                         [("b", marker, True)])
        self.assertEqual(r["Versions"][0]["Size"], 2)
        self.assertEqual(r["Versions"][0]["StorageClass"], "STANDARD")
        self.assertTrue(r["Versions"][0]["ETag"].startswith('"'))
        self.assertFalse(r["IsTruncated"])

        page = self.s3.list_object_versions(Bucket=b, MaxKeys=2)
        self.assertTrue(page["IsTruncated"])
        self.assertEqual([v["VersionId"] for v in page["Versions"]], list(reversed(ids["a"]))[:2])
        self.assertEqual((page["NextKeyMarker"], page["NextVersionIdMarker"]), ("a", ids["a"][1]))
        page2 = self.s3.list_object_versions(Bucket=b, MaxKeys=2, KeyMarker="a", VersionIdMarker=ids["a"][1])
        self.assertEqual([v["VersionId"] for v in page2["Versions"]], [ids["a"][0]])
        # The delete marker is b's newest entry, so it comes before b's versions.
        self.assertEqual([m["VersionId"] for m in page2["DeleteMarkers"]], [marker])
        after_a = self.s3.list_object_versions(Bucket=b, KeyMarker="a")
        self.assertNotIn("a", [v["Key"] for v in after_a["Versions"]])

        nested = self.s3.list_object_versions(Bucket=b, Delimiter="/")
        self.assertEqual([p["Prefix"] for p in nested["CommonPrefixes"]], ["c/"])
        self.assertEqual({v["Key"] for v in nested["Versions"]}, {"a", "b"})
        only_c = self.s3.list_object_versions(Bucket=b, Prefix="c/")
        self.assertEqual([v["Key"] for v in only_c["Versions"]], ["c/nested"])
        self.assertNotIn("DeleteMarkers", only_c)

        paged = []
        for p in self.s3.get_paginator("list_object_versions").paginate(Bucket=b, PaginationConfig={"PageSize": 3}):
            paged += [v["VersionId"] for v in p.get("Versions", [])] + [m["VersionId"] for m in p.get("DeleteMarkers", [])]
        self.assertEqual(sorted(paged), sorted(ids["a"] + ids["b"] + [marker, got[6][1]]))


if __name__ == "__main__":
    unittest.main()
