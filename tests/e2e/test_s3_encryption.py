"""S3 server-side encryption through boto3: SSE-S3 by default, SSE-KMS reported with its key ARN
(the request's, the bucket default's KMSMasterKeyID, or the account's AWS managed key), the bucket
default applied to PutObject, CopyObject and multipart uploads, S3's errors for bad combinations,
and SSE-C enforced: reads, copy sources and parts need the object's key (400 without it, 403 with
another), SSE-C parameters on other objects are refused, and all of it survives a restart without
the key ever reaching the disk. (Skybox stores the bytes unencrypted: only what clients see.)"""
import base64
import os
import re
import unittest

from s3_endpoint import MiB, S3TestCase, md5_b64
from skybox_harness import SkyboxServer

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
STORED_ENCRYPTED = ("The object was stored using a form of Server Side Encryption. The correct parameters must be "
                    "provided to retrieve the object.")
WRONG_KEY = "Requests specifying Server Side Encryption with Customer provided keys must provide the correct secret key."
NOT_APPLICABLE = "The encryption parameters are not applicable to this object."
MANAGED_KEY = re.compile(r"^arn:aws:kms:us-east-1:\d{12}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def sse_c(key=KEY):
    return {"SSECustomerAlgorithm": "AES256", "SSECustomerKey": key}


def copy_source_sse_c(key=KEY):
    return {"CopySourceSSECustomerAlgorithm": "AES256", "CopySourceSSECustomerKey": key}


def sse_c_headers(key=KEY, md5=None, algorithm="AES256"):
    return {"x-amz-server-side-encryption-customer-algorithm": algorithm,
            "x-amz-server-side-encryption-customer-key": base64.b64encode(key).decode(),
            "x-amz-server-side-encryption-customer-key-MD5": md5 or md5_b64(key)}


ALLOW_SSE_C = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                          "BlockedEncryptionTypes": {"EncryptionType": ["NONE"]}}]}


def allow_sse_c(s3, bucket):
    """What S3 has required since April 2026 before a bucket takes customer-provided keys."""
    s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=ALLOW_SSE_C)
    return bucket


class EncryptionTest(S3TestCase):
    def test_new_buckets_block_sse_c_until_unblocked(self):
        bucket = self.make_bucket("block")
        rule = self.s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["BlockedEncryptionTypes"], {"EncryptionType": ["SSE-C"]})
        self.s3.put_object(Bucket=bucket, Key="plain", Body=b"x")
        refused = [(self.s3.put_object, dict(Key="k", Body=b"x", **sse_c())),
                   (self.s3.copy_object, dict(Key="copy", CopySource={"Bucket": bucket, "Key": "plain"}, **sse_c())),
                   (self.s3.create_multipart_upload, dict(Key="mp", **sse_c())),
                   # refused before the key is judged: a malformed one changes nothing
                   (self.s3.put_object, dict(Key="k", Body=b"x", **sse_c(b"short")))]
        for call, args in refused:
            with self.subTest(call=call.__name__):
                self.assert_error(call, "AccessDenied", 403, "Access Denied", Bucket=bucket, **args)
        self.assertEqual([o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket)["Contents"]], ["plain"])
        allow_sse_c(self.s3, bucket)
        self.assertEqual(self.s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"], ALLOW_SSE_C)
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"secret", **sse_c())
        # Blocked again: new SSE-C writes are refused, the object already written stays readable.
        blocked = {"Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
                              "BlockedEncryptionTypes": {"EncryptionType": ["SSE-C"]}}]}
        self.s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration=blocked)
        self.assert_error(self.s3.put_object, "AccessDenied", 403, Bucket=bucket, Key="k2", Body=b"x", **sse_c())
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="k", **sse_c())["Body"].read(), b"secret")
        # Only NONE and SSE-C name encryption types.
        bad = {"Rules": [{"BlockedEncryptionTypes": {"EncryptionType": ["SSE-S3"]}}]}
        self.assert_error(self.s3.put_bucket_encryption, "MalformedXML", 400, Bucket=bucket,
                          ServerSideEncryptionConfiguration=bad)

    def test_objects_are_sse_s3_by_default(self):
        bucket = self.make_bucket("sses3")
        put = self.s3.put_object(Bucket=bucket, Key="k", Body=b"plain")
        self.assertEqual(put["ServerSideEncryption"], "AES256")
        self.assertNotIn("SSEKMSKeyId", put)
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="k")["ServerSideEncryption"], "AES256")
        got = self.s3.get_object(Bucket=bucket, Key="k")
        self.assertEqual((got["ServerSideEncryption"], got["Body"].read()), ("AES256", b"plain"))

    def test_kms_is_reported_with_its_key(self):
        bucket = self.make_bucket("kms")
        put = self.s3.put_object(Bucket=bucket, Key="named", Body=b"x", ServerSideEncryption="aws:kms",
                                 SSEKMSKeyId="my-key", BucketKeyEnabled=True)
        self.assertEqual(put["ServerSideEncryption"], "aws:kms")
        self.assertRegex(put["SSEKMSKeyId"], r"^arn:aws:kms:us-east-1:\d{12}:key/my-key$")
        self.assertTrue(put["BucketKeyEnabled"])
        head = self.s3.head_object(Bucket=bucket, Key="named")
        self.assertEqual((head["ServerSideEncryption"], head["SSEKMSKeyId"], head["BucketKeyEnabled"]),
                         ("aws:kms", put["SSEKMSKeyId"], True))
        managed = self.s3.put_object(Bucket=bucket, Key="managed", Body=b"x", ServerSideEncryption="aws:kms")
        self.assertRegex(managed["SSEKMSKeyId"], MANAGED_KEY)
        self.assertNotIn("BucketKeyEnabled", managed)
        again = self.s3.put_object(Bucket=bucket, Key="managed2", Body=b"x", ServerSideEncryption="aws:kms")
        self.assertEqual(again["SSEKMSKeyId"], managed["SSEKMSKeyId"])
        dsse = self.s3.put_object(Bucket=bucket, Key="dsse", Body=b"x", ServerSideEncryption="aws:kms:dsse",
                                  SSEKMSKeyId="arn:aws:kms:us-east-1:111122223333:key/d")
        self.assertEqual((dsse["ServerSideEncryption"], dsse["SSEKMSKeyId"]),
                         ("aws:kms:dsse", "arn:aws:kms:us-east-1:111122223333:key/d"))
        got = self.s3.get_object(Bucket=bucket, Key="dsse")
        self.assertEqual((got["ServerSideEncryption"], got["SSEKMSKeyId"]), ("aws:kms:dsse", dsse["SSEKMSKeyId"]))

    def test_kms_encryption_context_is_checked_and_echoed_by_writes(self):
        bucket = self.make_bucket("kmsctx")
        context = base64.b64encode(b'{"team":"payments"}').decode()
        kms = {"ServerSideEncryption": "aws:kms", "SSEKMSEncryptionContext": context}
        put = self.s3.put_object(Bucket=bucket, Key="k", Body=b"x", **kms)
        self.assertEqual(put["SSEKMSEncryptionContext"], context)
        other = base64.b64encode(b'{"team":"billing"}').decode()
        copy = self.s3.copy_object(Bucket=bucket, Key="copy", CopySource={"Bucket": bucket, "Key": "k"},
                                   ServerSideEncryption="aws:kms", SSEKMSEncryptionContext=other)
        self.assertEqual(copy["SSEKMSEncryptionContext"], other)
        upload = self.s3.create_multipart_upload(Bucket=bucket, Key="mp", **kms)
        self.assertEqual(upload["SSEKMSEncryptionContext"], context)
        self.s3.abort_multipart_upload(Bucket=bucket, Key="mp", UploadId=upload["UploadId"])
        # A write without one echoes none.
        self.assertNotIn("SSEKMSEncryptionContext",
                         self.s3.put_object(Bucket=bucket, Key="plain", Body=b"x", ServerSideEncryption="aws:kms"))
        message = ("The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding "
                   "JSON which represents a string-string map")
        for bad in ("bm90IGpzb24=", base64.b64encode(b'{"n":1}').decode(), "***"):
            self.assert_error(self.s3.put_object, "InvalidArgument", 400, message, Bucket=bucket, Key="bad",
                              Body=b"x", ServerSideEncryption="aws:kms", SSEKMSEncryptionContext=bad)
        self.assert_error(self.s3.head_object, "404", 404, Bucket=bucket, Key="bad")

    def test_bucket_default_kms_applies_to_every_write(self):
        bucket = self.make_bucket("dflt")
        arn = "arn:aws:kms:us-east-1:111122223333:key/default-key"
        self.s3.put_bucket_encryption(Bucket=bucket, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": arn},
             "BucketKeyEnabled": True}]})
        put = self.s3.put_object(Bucket=bucket, Key="a", Body=b"a")
        self.assertEqual((put["ServerSideEncryption"], put["SSEKMSKeyId"], put["BucketKeyEnabled"]),
                         ("aws:kms", arn, True))
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="a")["SSEKMSKeyId"], arn)
        copied = self.s3.copy_object(Bucket=bucket, Key="b", CopySource={"Bucket": bucket, "Key": "a"})
        self.assertEqual((copied["ServerSideEncryption"], copied["SSEKMSKeyId"]), ("aws:kms", arn))
        upload = self.s3.create_multipart_upload(Bucket=bucket, Key="m")
        self.assertEqual((upload["ServerSideEncryption"], upload["SSEKMSKeyId"]), ("aws:kms", arn))
        part = self.s3.upload_part(Bucket=bucket, Key="m", UploadId=upload["UploadId"], PartNumber=1, Body=b"p")
        self.assertEqual((part["ServerSideEncryption"], part["SSEKMSKeyId"]), ("aws:kms", arn))
        done = self.s3.complete_multipart_upload(Bucket=bucket, Key="m", UploadId=upload["UploadId"],
                                                 MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        self.assertEqual((done["ServerSideEncryption"], done["SSEKMSKeyId"]), ("aws:kms", arn))
        # The request's own choice overrides the default; aws:kms without a key id is the managed key.
        managed = self.s3.put_object(Bucket=bucket, Key="k", Body=b"k", ServerSideEncryption="aws:kms")
        self.assertEqual(managed["ServerSideEncryption"], "aws:kms")
        self.assertNotEqual(managed["SSEKMSKeyId"], arn)
        self.assertTrue(managed["SSEKMSKeyId"].startswith("arn:aws:kms:us-east-1:000000000000:"))
        own = self.s3.put_object(Bucket=bucket, Key="c", Body=b"c", ServerSideEncryption="AES256")
        self.assertEqual(own["ServerSideEncryption"], "AES256")
        self.assertNotIn("SSEKMSKeyId", own)
        self.s3.delete_bucket_encryption(Bucket=bucket)
        self.assertEqual(self.s3.put_object(Bucket=bucket, Key="d", Body=b"d")["ServerSideEncryption"], "AES256")
        # Objects written before keep their encryption.
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="a")["ServerSideEncryption"], "aws:kms")

    def test_bad_combinations_are_refused(self):
        bucket = allow_sse_c(self.s3, self.make_bucket("bad"))
        err = self.assert_error(self.s3.put_object, "InvalidArgument", 400,
                                "The encryption method specified is not supported",
                                Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="AES128")
        self.assertEqual(err.get("ArgumentValue"), "AES128")
        self.assert_error(self.s3.put_object, "InvalidArgument", 400,
                          "Server Side Encryption with Customer provided key is incompatible with the encryption "
                          "method specified",
                          Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="AES256", **sse_c())
        self.assert_error(self.s3.put_object, "InvalidArgument", 400,
                          "Server Side Encryption with AWS KMS managed key requires HTTP header "
                          "x-amz-server-side-encryption : aws:kms",
                          Bucket=bucket, Key="k", Body=b"x", SSEKMSKeyId="my-key")
        self.assert_error(self.s3.create_multipart_upload, "InvalidArgument", 400,
                          "The encryption method specified is not supported",
                          Bucket=bucket, Key="k", ServerSideEncryption="none")
        url = f"/{bucket}/raw"
        r = self.endpoint.request("PUT", url, body=b"x", headers=sse_c_headers(md5=md5_b64(b"other")))
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"The calculated MD5 hash of the key did not match the hash that was provided.", r.content)
        r = self.endpoint.request("PUT", url, body=b"x", headers=sse_c_headers(algorithm="AES128"))
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"<Code>InvalidEncryptionAlgorithmError</Code>", r.content)
        r = self.endpoint.request("PUT", url, body=b"x", headers=sse_c_headers(key=b"short"))
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"The secret key was invalid for the specified algorithm.", r.content)
        headers = sse_c_headers()
        del headers["x-amz-server-side-encryption-customer-algorithm"]
        r = self.endpoint.request("PUT", url, body=b"x", headers=headers)
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"must provide a valid encryption algorithm.", r.content)
        headers = sse_c_headers()
        del headers["x-amz-server-side-encryption-customer-key-MD5"]
        r = self.endpoint.request("PUT", url, body=b"x", headers=headers)
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"must provide the client calculated MD5 of the secret key.", r.content)
        self.assert_error(self.s3.head_object, "404", 404, Bucket=bucket, Key="raw")

    def test_sse_c_reads_need_the_key(self):
        bucket = allow_sse_c(self.s3, self.make_bucket("ssec"))
        put = self.s3.put_object(Bucket=bucket, Key="secret", Body=b"classified", **sse_c())
        self.assertEqual((put["SSECustomerAlgorithm"], put["SSECustomerKeyMD5"]), ("AES256", md5_b64(KEY)))
        self.assertNotIn("ServerSideEncryption", put)
        got = self.s3.get_object(Bucket=bucket, Key="secret", **sse_c())
        self.assertEqual(got["Body"].read(), b"classified")
        self.assertEqual((got["SSECustomerAlgorithm"], got["SSECustomerKeyMD5"]), ("AES256", md5_b64(KEY)))
        self.assertNotIn("ServerSideEncryption", got)
        head = self.s3.head_object(Bucket=bucket, Key="secret", **sse_c())
        self.assertEqual(head["SSECustomerKeyMD5"], md5_b64(KEY))
        self.assert_error(self.s3.get_object, "InvalidRequest", 400, STORED_ENCRYPTED, Bucket=bucket, Key="secret")
        self.assert_error(self.s3.get_object, "AccessDenied", 403, WRONG_KEY, Bucket=bucket, Key="secret",
                          **sse_c(OTHER_KEY))
        self.assert_error(self.s3.head_object, "400", 400, Bucket=bucket, Key="secret")
        self.assert_error(self.s3.head_object, "403", 403, Bucket=bucket, Key="secret", **sse_c(OTHER_KEY))
        self.assert_error(self.s3.get_object, "InvalidRequest", 400, STORED_ENCRYPTED, Bucket=bucket, Key="secret",
                          Range="bytes=0-3")
        self.s3.put_object(Bucket=bucket, Key="plain", Body=b"p")
        self.assert_error(self.s3.get_object, "InvalidRequest", 400, NOT_APPLICABLE, Bucket=bucket, Key="plain",
                          **sse_c())
        # Its attributes need the key too.
        self.assert_error(self.s3.get_object_attributes, "InvalidRequest", 400, STORED_ENCRYPTED, Bucket=bucket,
                          Key="secret", ObjectAttributes=["ObjectSize"])
        # (boto3 encodes SSE-C keys only for the object operations it knows: here the caller does.)
        attributes = self.s3.get_object_attributes(
            Bucket=bucket, Key="secret", ObjectAttributes=["ObjectSize"], SSECustomerAlgorithm="AES256",
            SSECustomerKey=base64.b64encode(KEY).decode(), SSECustomerKeyMD5=md5_b64(KEY))
        self.assertEqual(attributes["ObjectSize"], len(b"classified"))

    def test_sse_c_copies_need_the_source_key(self):
        bucket = allow_sse_c(self.s3, self.make_bucket("ssecopy"))
        self.s3.put_object(Bucket=bucket, Key="src", Body=b"source bytes", **sse_c())
        source = {"Bucket": bucket, "Key": "src"}
        self.assert_error(self.s3.copy_object, "InvalidRequest", 400, STORED_ENCRYPTED, Bucket=bucket, Key="dst",
                          CopySource=source)
        self.assert_error(self.s3.copy_object, "AccessDenied", 403, WRONG_KEY, Bucket=bucket, Key="dst",
                          CopySource=source, **copy_source_sse_c(OTHER_KEY))
        plain = self.s3.copy_object(Bucket=bucket, Key="dst", CopySource=source, **copy_source_sse_c())
        self.assertEqual(plain["ServerSideEncryption"], "AES256")
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="dst")["Body"].read(), b"source bytes")
        rekeyed = self.s3.copy_object(Bucket=bucket, Key="dst2", CopySource=source, **copy_source_sse_c(),
                                      **sse_c(OTHER_KEY))
        self.assertEqual(rekeyed["SSECustomerKeyMD5"], md5_b64(OTHER_KEY))
        self.assert_error(self.s3.get_object, "AccessDenied", 403, WRONG_KEY, Bucket=bucket, Key="dst2", **sse_c())
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="dst2", **sse_c(OTHER_KEY))["Body"].read(),
                         b"source bytes")
        self.assert_error(self.s3.copy_object, "InvalidRequest", 400, NOT_APPLICABLE, Bucket=bucket, Key="dst3",
                          CopySource={"Bucket": bucket, "Key": "dst"}, **copy_source_sse_c())

    def test_sse_c_multipart_parts_repeat_the_key(self):
        bucket = allow_sse_c(self.s3, self.make_bucket("ssecmp"))
        self.s3.put_object(Bucket=bucket, Key="plain-src", Body=b"tail bytes")
        upload = self.s3.create_multipart_upload(Bucket=bucket, Key="mp", **sse_c())
        self.assertEqual((upload["SSECustomerAlgorithm"], upload["SSECustomerKeyMD5"]), ("AES256", md5_b64(KEY)))
        uid = upload["UploadId"]
        args = {"Bucket": bucket, "Key": "mp", "UploadId": uid}
        self.assert_error(self.s3.upload_part, "InvalidRequest", 400,
                          "The multipart upload initiate requested encryption. Subsequent part requests must include "
                          "the appropriate encryption parameters.", PartNumber=1, Body=b"x", **args)
        self.assert_error(self.s3.upload_part, "InvalidRequest", 400,
                          "The provided encryption parameters did not match the ones used originally.",
                          PartNumber=1, Body=b"x", **args, **sse_c(OTHER_KEY))
        first = self.s3.upload_part(PartNumber=1, Body=b"a" * (5 * MiB), **args, **sse_c())
        self.assertEqual(first["SSECustomerKeyMD5"], md5_b64(KEY))
        self.assert_error(self.s3.upload_part_copy, "InvalidRequest", 400,
                          "The provided encryption parameters did not match the ones used originally.",
                          PartNumber=2, CopySource={"Bucket": bucket, "Key": "plain-src"}, **args, **sse_c(OTHER_KEY))
        second = self.s3.upload_part_copy(PartNumber=2, CopySource={"Bucket": bucket, "Key": "plain-src"}, **args,
                                          **sse_c())
        self.assertEqual(second["SSECustomerAlgorithm"], "AES256")
        self.s3.complete_multipart_upload(MultipartUpload={"Parts": [
            {"PartNumber": 1, "ETag": first["ETag"]}, {"PartNumber": 2, "ETag": second["CopyPartResult"]["ETag"]}]},
            **args)
        self.assert_error(self.s3.get_object, "InvalidRequest", 400, STORED_ENCRYPTED, Bucket=bucket, Key="mp")
        got = self.s3.get_object(Bucket=bucket, Key="mp", **sse_c())
        self.assertEqual(got["ContentLength"], 5 * MiB + len(b"tail bytes"))
        plain = self.s3.create_multipart_upload(Bucket=bucket, Key="plain-mp")["UploadId"]
        self.assert_error(self.s3.upload_part, "InvalidRequest", 400, Bucket=bucket, Key="plain-mp", UploadId=plain,
                          PartNumber=1, Body=b"x", **sse_c())


@unittest.skipIf(os.environ.get("S3_TEST_ENDPOINT"), "restarts its own server")
class EncryptionDurabilityTest(unittest.TestCase):
    def test_encryption_survives_a_restart_and_the_key_never_reaches_the_disk(self):
        server = SkyboxServer()
        try:
            s3 = server.client("s3")
            s3.create_bucket(Bucket="enc")
            allow_sse_c(s3, "enc")
            s3.put_object(Bucket="enc", Key="c", Body=b"customer", **sse_c())
            kms = s3.put_object(Bucket="enc", Key="k", Body=b"kms", ServerSideEncryption="aws:kms",
                                SSEKMSKeyId="durable-key")["SSEKMSKeyId"]
            self.assertEqual(server.stop(), 0)
            for root, _, files in os.walk(server.data_dir):
                for name in files:
                    with open(os.path.join(root, name), "rb") as f:
                        data = f.read()
                    self.assertNotIn(KEY, data, name)
                    self.assertNotIn(base64.b64encode(KEY), data, name)
            server.start()
            s3 = server.client("s3")
            with self.assertRaises(Exception) as ctx:
                s3.get_object(Bucket="enc", Key="c")
            self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidRequest")
            self.assertEqual(s3.get_object(Bucket="enc", Key="c", **sse_c())["Body"].read(), b"customer")
            head = s3.head_object(Bucket="enc", Key="k")
            self.assertEqual((head["ServerSideEncryption"], head["SSEKMSKeyId"]), ("aws:kms", kms))
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
