"""S3 object sub-resources through boto3 and raw signed HTTP: tagging (per version, S3's tag
rules, delete markers), GetObjectAttributes (unquoted ETag, checksums, ObjectParts paging) and
object ACLs (canned, AccessControlPolicy bodies, ownership controls, per version). Expected
values are AWS's."""
import base64
import datetime
import os
import unittest

import botocore.exceptions

from s3_endpoint import MiB, S3TestCase, checksum, md5_hex

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"


def tag_set(**tags):
    return {"TagSet": [{"Key": k, "Value": v} for k, v in tags.items()]}


class ObjectTaggingTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("tags")
        cls.versioned = cls.make_bucket("tagsv", versioned=True)

    def test_tags_leave_object_unchanged(self):
        body = os.urandom(300 * 1024)  # beyond the inline limit: bytes in a blob
        put = self.s3.put_object(Bucket=self.bucket, Key="big", Body=body, Metadata={"m": "1"})
        before = self.s3.head_object(Bucket=self.bucket, Key="big")
        r = self.s3.put_object_tagging(Bucket=self.bucket, Key="big", Tagging=tag_set(a="1", b="2"))
        self.assertNotIn("VersionId", r)  # the null version is not named
        got = self.s3.get_object(Bucket=self.bucket, Key="big")
        self.assertEqual(got["Body"].read(), body)
        self.assertEqual(got["ETag"], put["ETag"])
        self.assertEqual(got["LastModified"], before["LastModified"])
        self.assertEqual(got["Metadata"], {"m": "1"})
        self.assertEqual(got["TagCount"], 2)
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="big")["TagSet"],
                         tag_set(a="1", b="2")["TagSet"])

    def test_tag_rules(self):
        self.s3.put_object(Bucket=self.bucket, Key="rules", Body=b"x")
        cases = [
            ([{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}], "Cannot provide multiple Tags with the same key"),
            ([{"Key": "k" * 129, "Value": "v"}], "The TagKey you have provided is invalid"),
            ([{"Key": "k", "Value": "v" * 257}], "The TagValue you have provided is invalid"),
            ([{"Key": "aws:owner", "Value": "v"}], "Your TagKey cannot be prefixed with aws:"),
        ]
        for tags, message in cases:
            with self.subTest(message=message):
                self.assert_error(self.s3.put_object_tagging, "InvalidTag", 400, message,
                                  Bucket=self.bucket, Key="rules", Tagging={"TagSet": tags})
        # Outside S3's tag alphabet (letters, numbers, spaces, _ . : / = + - @); the error names the tag.
        err = self.assert_error(self.s3.put_object_tagging, "InvalidTag", 400, "The TagKey you have provided is invalid",
                                Bucket=self.bucket, Key="rules", Tagging={"TagSet": [{"Key": "ke&y", "Value": "v"}]})
        self.assertEqual(err.get("TagKey"), "ke&y")
        for value in ("a (b)", "metal,open", "x;y"):
            with self.subTest(value=value):
                err = self.assert_error(self.s3.put_object_tagging, "InvalidTag", 400,
                                        "The TagValue you have provided is invalid", Bucket=self.bucket, Key="rules",
                                        Tagging={"TagSet": [{"Key": "k", "Value": value}]})
                self.assertEqual((err.get("TagKey"), err.get("TagValue")), ("k", value))
        self.assert_error(self.s3.put_object, "InvalidTag", 400, "The TagValue you have provided is invalid",
                          Bucket=self.bucket, Key="rules2", Body=b"x", Tagging="platform=metal%2Copen")
        allowed = [{"Key": "a b_c.d:e/f=g+h-i@j", "Value": "Grüße 42"}]
        self.s3.put_object_tagging(Bucket=self.bucket, Key="rules", Tagging={"TagSet": allowed})
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="rules")["TagSet"], allowed)
        # The limits themselves are allowed, counted in characters.
        ok = [{"Key": "é" * 128, "Value": "ü" * 256}] + [{"Key": f"k{i}", "Value": ""} for i in range(9)]
        self.s3.put_object_tagging(Bucket=self.bucket, Key="rules", Tagging={"TagSet": ok})
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="rules")["TagSet"], ok)

    def test_missing_bucket_and_key(self):
        self.assert_error(self.s3.put_object_tagging, "NoSuchKey", 404, Bucket=self.bucket, Key="absent",
                          Tagging=tag_set(a="1"))
        self.assert_error(self.s3.delete_object_tagging, "NoSuchKey", 404, Bucket=self.bucket, Key="absent")
        self.assert_error(self.s3.get_object_tagging, "NoSuchBucket", 404, Bucket=self.bucket + "-none", Key="k")

    def test_versions_have_their_own_tags(self):
        v1 = self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"one", Tagging="gen=1")["VersionId"]
        v2 = self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"two")["VersionId"]
        r = self.s3.put_object_tagging(Bucket=self.versioned, Key="k", VersionId=v1, Tagging=tag_set(gen="first"))
        self.assertEqual(r["VersionId"], v1)
        current = self.s3.get_object_tagging(Bucket=self.versioned, Key="k")
        self.assertEqual((current["VersionId"], current["TagSet"]), (v2, []))
        old = self.s3.get_object_tagging(Bucket=self.versioned, Key="k", VersionId=v1)
        self.assertEqual((old["VersionId"], old["TagSet"]), (v1, [{"Key": "gen", "Value": "first"}]))
        r = self.s3.delete_object_tagging(Bucket=self.versioned, Key="k", VersionId=v1)
        self.assertEqual(r["VersionId"], v1)
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.versioned, Key="k", VersionId=v1)["TagSet"], [])
        self.assertEqual(self.s3.get_object(Bucket=self.versioned, Key="k", VersionId=v1)["Body"].read(), b"one")
        self.assert_error(self.s3.get_object_tagging, "NoSuchVersion", 404, Bucket=self.versioned, Key="k",
                          VersionId="0" * 32)
        self.assert_error(self.s3.get_object_tagging, "InvalidArgument", 400, "Invalid version id specified",
                          Bucket=self.versioned, Key="k", VersionId="not-a-version")

    def test_delete_marker(self):
        self.s3.put_object(Bucket=self.versioned, Key="dm", Body=b"x")
        marker = self.s3.delete_object(Bucket=self.versioned, Key="dm")["VersionId"]
        err, status, headers = self.client_error(self.s3.get_object_tagging, Bucket=self.versioned, Key="dm")
        self.assertEqual((err["Code"], status, headers.get("x-amz-delete-marker")), ("NoSuchKey", 404, "true"))
        self.assertEqual(headers.get("x-amz-version-id"), marker)
        err, status, headers = self.client_error(self.s3.put_object_tagging, Bucket=self.versioned, Key="dm",
                                                 VersionId=marker, Tagging=tag_set(a="1"))
        self.assertEqual((err["Code"], status, headers.get("x-amz-delete-marker")), ("MethodNotAllowed", 405, "true"))


class ObjectAttributesTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("attrs")
        cls.versioned = cls.make_bucket("attrsv", versioned=True)

    def attributes(self, key, *names, bucket=None, **kwargs):
        return self.s3.get_object_attributes(Bucket=bucket or self.bucket, Key=key,
                                             ObjectAttributes=list(names), **kwargs)

    def test_single_part_object(self):
        body = b"attributes of a plain object"
        self.s3.put_object(Bucket=self.bucket, Key="plain", Body=body, ChecksumAlgorithm="SHA256")
        r = self.attributes("plain", "ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize")
        self.assertEqual(r["ETag"], md5_hex(body))
        self.assertEqual(r["Checksum"], {"ChecksumSHA256": checksum("SHA256", body), "ChecksumType": "FULL_OBJECT"})
        self.assertNotIn("ObjectParts", r)  # only multipart objects have parts
        self.assertEqual((r["StorageClass"], r["ObjectSize"]), ("STANDARD", len(body)))
        self.assertNotIn("VersionId", r)
        head = self.s3.head_object(Bucket=self.bucket, Key="plain")
        self.assertEqual(r["LastModified"], head["LastModified"])

    def test_only_requested_attributes(self):
        self.s3.put_object(Bucket=self.bucket, Key="some", Body=b"12345")
        r = self.attributes("some", "ObjectSize")
        self.assertEqual(r["ObjectSize"], 5)
        for absent in ("ETag", "Checksum", "StorageClass", "ObjectParts"):
            self.assertNotIn(absent, r)
        self.assertIsInstance(r["LastModified"], datetime.datetime)

    def test_versions_and_delete_markers(self):
        v1 = self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"first")["VersionId"]
        self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"second!")
        r = self.attributes("k", "ObjectSize", bucket=self.versioned, VersionId=v1)
        self.assertEqual((r["VersionId"], r["ObjectSize"]), (v1, 5))
        marker = self.s3.delete_object(Bucket=self.versioned, Key="k")["VersionId"]
        err, status, headers = self.client_error(self.s3.get_object_attributes, Bucket=self.versioned, Key="k",
                                                 ObjectAttributes=["ETag"])
        self.assertEqual((err["Code"], status, headers.get("x-amz-delete-marker")), ("NoSuchKey", 404, "true"))
        err, status, headers = self.client_error(self.s3.get_object_attributes, Bucket=self.versioned, Key="k",
                                                 VersionId=marker, ObjectAttributes=["ETag"])
        self.assertEqual((status, headers.get("x-amz-delete-marker")), (405, "true"))
        self.assert_error(self.s3.get_object_attributes, "NoSuchVersion", 404, Bucket=self.versioned, Key="k",
                          VersionId="0" * 32, ObjectAttributes=["ETag"])

    def upload(self, key, parts, **create):
        try:
            uid = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key, **create)["UploadId"]
        except botocore.exceptions.ClientError as e:
            if e.response["Error"]["Code"] == "NotImplemented":
                self.skipTest("multipart uploads are not implemented in this build")
            raise
        algorithm = create.get("ChecksumAlgorithm")
        done = []
        for n, body in enumerate(parts, 1):
            extra = {"ChecksumAlgorithm": algorithm} if algorithm else {}
            r = self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=n, Body=body, **extra)
            entry = {"PartNumber": n, "ETag": r["ETag"]}
            if algorithm:
                entry[f"Checksum{algorithm}"] = r[f"Checksum{algorithm}"]
            done.append(entry)
        complete = {"ChecksumType": create["ChecksumType"]} if "ChecksumType" in create else {}
        if create.get("ChecksumType") == "FULL_OBJECT":
            complete[f"Checksum{algorithm}"] = checksum(algorithm, b"".join(parts))
        return self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=uid,
                                                 MultipartUpload={"Parts": done}, **complete)

    def test_composite_multipart_parts_pages(self):
        parts = [os.urandom(5 * MiB), os.urandom(5 * MiB), os.urandom(77)]
        c = self.upload("mpu/composite", parts, ChecksumAlgorithm="SHA256")
        r = self.attributes("mpu/composite", "ETag", "Checksum", "ObjectParts", "ObjectSize", MaxParts=2)
        self.assertEqual(r["ETag"], c["ETag"].strip('"'))
        joined = b"".join(base64.b64decode(checksum("SHA256", p)) for p in parts)
        self.assertEqual(r["Checksum"], {"ChecksumSHA256": checksum("SHA256", joined), "ChecksumType": "COMPOSITE"})
        self.assertEqual(r["ObjectSize"], sum(map(len, parts)))
        page = r["ObjectParts"]
        self.assertEqual((page["TotalPartsCount"], page["MaxParts"], page["IsTruncated"]), (3, 2, True))
        self.assertEqual((page["PartNumberMarker"], page["NextPartNumberMarker"]), (0, 2))
        self.assertEqual(page["Parts"], [{"PartNumber": n, "Size": len(p), "ChecksumSHA256": checksum("SHA256", p)}
                                         for n, p in enumerate(parts[:2], 1)])
        rest = self.attributes("mpu/composite", "ObjectParts", MaxParts=2, PartNumberMarker=2)["ObjectParts"]
        self.assertEqual((rest["IsTruncated"], rest["PartNumberMarker"], rest["NextPartNumberMarker"]), (False, 2, 3))
        self.assertEqual([p["PartNumber"] for p in rest["Parts"]], [3])

    def test_full_object_multipart_reports_count_only(self):
        parts = [os.urandom(5 * MiB), os.urandom(10)]
        self.upload("mpu/full", parts, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
        r = self.attributes("mpu/full", "Checksum", "ObjectParts")
        self.assertEqual(r["ObjectParts"], {"TotalPartsCount": 2})
        self.assertEqual(r["Checksum"], {"ChecksumCRC32": checksum("CRC32", b"".join(parts)),
                                         "ChecksumType": "FULL_OBJECT"})


class ObjectAclTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enforced = cls.make_bucket("acle")  # default ownership: BucketOwnerEnforced
        cls.writer = cls.make_bucket("aclw", public=True, ObjectOwnership="ObjectWriter")
        cls.versioned = cls.make_bucket("aclv", versioned=True, public=True, ObjectOwnership="ObjectWriter")
        cls.owner = cls.s3.get_bucket_acl(Bucket=cls.enforced)["Owner"]

    def owner_grant(self):
        grantee = {"Type": "CanonicalUser", "ID": self.owner["ID"]}
        if "DisplayName" in self.owner:
            grantee["DisplayName"] = self.owner["DisplayName"]
        return {"Grantee": grantee, "Permission": "FULL_CONTROL"}

    def test_default_is_owner_full_control(self):
        self.s3.put_object(Bucket=self.enforced, Key="o", Body=b"x")
        acl = self.s3.get_object_acl(Bucket=self.enforced, Key="o")
        self.assertEqual(acl["Owner"], self.owner)
        self.assertEqual(acl["Grants"], [self.owner_grant()])

    def test_enforced_ownership_allows_only_private(self):
        self.s3.put_object(Bucket=self.enforced, Key="p", Body=b"x")
        self.s3.put_object_acl(Bucket=self.enforced, Key="p", ACL="private")
        self.assert_error(self.s3.put_object_acl, "AccessControlListNotSupported", 400,
                          "The bucket does not allow ACLs", Bucket=self.enforced, Key="p", ACL="public-read")

    def test_canned_acl_and_back_to_private(self):
        self.s3.put_object(Bucket=self.writer, Key="c", Body=b"x")
        self.s3.put_object_acl(Bucket=self.writer, Key="c", ACL="public-read")
        grants = self.s3.get_object_acl(Bucket=self.writer, Key="c")["Grants"]
        self.assertEqual(len(grants), 2)
        self.assertIn({"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}, grants)
        self.s3.put_object_acl(Bucket=self.writer, Key="c", ACL="private")
        self.assertEqual(self.s3.get_object_acl(Bucket=self.writer, Key="c")["Grants"], [self.owner_grant()])
        self.assert_error(self.s3.put_object_acl, "InvalidArgument", 400, Bucket=self.writer, Key="c",
                          ACL="no-such-acl")

    def test_access_control_policy_body_and_grant_headers(self):
        self.s3.put_object(Bucket=self.writer, Key="b", Body=b"x")
        policy = {"Owner": self.owner,
                  "Grants": [self.owner_grant(),
                             {"Grantee": {"Type": "Group", "URI": AUTHENTICATED_USERS}, "Permission": "READ_ACP"}]}
        self.s3.put_object_acl(Bucket=self.writer, Key="b", AccessControlPolicy=policy)
        self.assertEqual(self.s3.get_object_acl(Bucket=self.writer, Key="b")["Grants"], policy["Grants"])
        self.s3.put_object_acl(Bucket=self.writer, Key="b", GrantRead=f'uri="{ALL_USERS}"')
        self.assertEqual(self.s3.get_object_acl(Bucket=self.writer, Key="b")["Grants"],
                         [{"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}])

    def test_missing_object(self):
        self.assert_error(self.s3.get_object_acl, "NoSuchKey", 404, Bucket=self.writer, Key="absent")
        self.assert_error(self.s3.put_object_acl, "NoSuchKey", 404, Bucket=self.writer, Key="absent",
                          ACL="public-read")

    def test_acl_belongs_to_a_version(self):
        v1 = self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"1")["VersionId"]
        self.s3.put_object_acl(Bucket=self.versioned, Key="k", VersionId=v1, ACL="public-read")
        self.s3.put_object(Bucket=self.versioned, Key="k", Body=b"2")
        self.assertEqual(self.s3.get_object_acl(Bucket=self.versioned, Key="k")["Grants"], [self.owner_grant()])
        self.assertEqual(len(self.s3.get_object_acl(Bucket=self.versioned, Key="k", VersionId=v1)["Grants"]), 2)

    def test_replaced_object_gets_the_default_acl(self):
        self.s3.put_object(Bucket=self.writer, Key="r", Body=b"1")
        self.s3.put_object_acl(Bucket=self.writer, Key="r", ACL="public-read")
        self.s3.put_object(Bucket=self.writer, Key="r", Body=b"2")
        self.assertEqual(self.s3.get_object_acl(Bucket=self.writer, Key="r")["Grants"], [self.owner_grant()])


if __name__ == "__main__":
    unittest.main()
