"""The ACL a write sets (x-amz-acl, x-amz-grant-*) on CopyObject and CreateMultipartUpload, as on
PutObject, through boto3: under BucketOwnerEnforced (the default) any ACL but the owner's is 400
AccessControlListNotSupported and nothing is written; on a bucket with ACLs on (ObjectWriter) the
copy or the completed upload has the ACL asked for, which GetObjectAcl reports and an anonymous
GET obeys; under BlockPublicAcls a public ACL is 403 AccessDenied. (That an aborted upload's ACL
goes with it is checked in src/services/s3/upload_acl_test.cc, where the stored record is seen.)"""
import unittest

from s3_endpoint import MiB, S3TestCase

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
NOT_SUPPORTED = "The bucket does not allow ACLs"


def everyone_reads(acl):
    return any(g["Grantee"].get("URI") == ALL_USERS and g["Permission"] in ("READ", "FULL_CONTROL")
               for g in acl["Grants"])


class WriteAclTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.enforced = cls.make_bucket("acle")
        cls.acls_on = cls.make_bucket("aclo", public=True, ObjectOwnership="ObjectWriter")
        for bucket in (cls.enforced, cls.acls_on):
            cls.s3.put_object(Bucket=bucket, Key="source", Body=b"source bytes")

    def anonymous_get(self, bucket, key):
        return self.endpoint.request("GET", f"/{bucket}/{key}", sign=False)

    def keys(self, bucket):
        return [o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket).get("Contents", [])]

    def multipart(self, bucket, key, **acl):
        upload = self.s3.create_multipart_upload(Bucket=bucket, Key=key, **acl)["UploadId"]
        part = self.s3.upload_part(Bucket=bucket, Key=key, UploadId=upload, PartNumber=1, Body=b"p" * MiB)
        self.s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload,
                                          MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})

    def test_acls_off_refuses_them(self):
        b = self.enforced
        source = {"Bucket": b, "Key": "source"}
        self.assert_error(self.s3.copy_object, "AccessControlListNotSupported", 400, NOT_SUPPORTED,
                          Bucket=b, Key="copy", CopySource=source, ACL="public-read")
        self.assert_error(self.s3.copy_object, "AccessControlListNotSupported", 400, NOT_SUPPORTED,
                          Bucket=b, Key="copy", CopySource=source, GrantRead=f'uri="{ALL_USERS}"')
        self.assert_error(self.s3.create_multipart_upload, "AccessControlListNotSupported", 400, NOT_SUPPORTED,
                          Bucket=b, Key="mpu", ACL="public-read")
        self.assertEqual(self.keys(b), ["source"])
        self.assertEqual(self.s3.list_multipart_uploads(Bucket=b).get("Uploads", []), [])
        # A canned ACL S3 does not know: its empty message, with the header and the value named.
        err = self.assert_error(self.s3.put_object, "InvalidArgument", 400, Bucket=b, Key="bad-acl", Body=b"x", ACL="foo")
        self.assertIn(err.get("Message"), (None, ""))  # botocore reads an empty <Message/> as absent
        self.assertEqual((err.get("ArgumentName"), err.get("ArgumentValue")), ("x-amz-acl", "foo"))
        # The owner's full control is what every object has here: allowed.
        self.s3.copy_object(Bucket=b, Key="copy", CopySource=source, ACL="bucket-owner-full-control")
        self.multipart(b, "mpu", ACL="bucket-owner-full-control")
        self.assertEqual(self.keys(b), ["copy", "mpu", "source"])

    def test_acls_on_apply_to_the_new_object(self):
        b = self.acls_on
        source = {"Bucket": b, "Key": "source"}
        self.assertEqual(self.anonymous_get(b, "source").status_code, 403)
        self.s3.copy_object(Bucket=b, Key="public-copy", CopySource=source, ACL="public-read")
        self.assertTrue(everyone_reads(self.s3.get_object_acl(Bucket=b, Key="public-copy")))
        r = self.anonymous_get(b, "public-copy")
        self.assertEqual((r.status_code, r.content), (200, b"source bytes"))

        self.s3.copy_object(Bucket=b, Key="granted-copy", CopySource=source, GrantRead=f'uri="{ALL_USERS}"')
        self.assertTrue(everyone_reads(self.s3.get_object_acl(Bucket=b, Key="granted-copy")))

        # A copy without an ACL is private, whatever the source's ACL.
        self.s3.copy_object(Bucket=b, Key="private-copy", CopySource={"Bucket": b, "Key": "public-copy"})
        self.assertFalse(everyone_reads(self.s3.get_object_acl(Bucket=b, Key="private-copy")))
        self.assertEqual(self.anonymous_get(b, "private-copy").status_code, 403)

        self.multipart(b, "public-mpu", ACL="public-read")
        self.assertTrue(everyone_reads(self.s3.get_object_acl(Bucket=b, Key="public-mpu")))
        r = self.anonymous_get(b, "public-mpu")
        self.assertEqual((r.status_code, len(r.content)), (200, MiB))
        self.multipart(b, "private-mpu")
        self.assertFalse(everyone_reads(self.s3.get_object_acl(Bucket=b, Key="private-mpu")))
        self.assertEqual(self.anonymous_get(b, "private-mpu").status_code, 403)


    def test_block_public_acls(self):
        b = self.make_bucket("aclb", public=True, ObjectOwnership="ObjectWriter")
        self.s3.put_object(Bucket=b, Key="source", Body=b"x")
        self.s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={
            "BlockPublicAcls": True, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False})
        self.assert_error(self.s3.copy_object, "AccessDenied", 403, Bucket=b, Key="copy",
                          CopySource={"Bucket": b, "Key": "source"}, ACL="public-read")
        self.assert_error(self.s3.create_multipart_upload, "AccessDenied", 403, Bucket=b, Key="mpu", ACL="public-read")
        self.assertEqual(self.keys(b), ["source"])
        self.assertEqual(self.s3.list_multipart_uploads(Bucket=b).get("Uploads", []), [])


if __name__ == "__main__":
    unittest.main()
