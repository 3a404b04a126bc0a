"""S3 multipart uploads through boto3: create/upload/complete with AWS's md5-of-md5s ETag, the
completion rules (EntityTooSmall, InvalidPart, InvalidPartOrder, MalformedXML), abort and
NoSuchUpload, ListParts and ListMultipartUploads paging, UploadPartCopy with ranges, GET by part
number, conditional completion, and boto3's managed transfers (upload_file/download_file)."""
import base64
import hashlib
import os
import tempfile
import unittest

import boto3.s3.transfer

from s3_endpoint import MiB, S3TestCase, md5_hex, multipart_etag

NO_SUCH_UPLOAD = ("The specified upload does not exist. The upload ID may be invalid, "
                  "or the upload may have been aborted or completed.")


class MultipartTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("mpu")

    def create(self, key, **kwargs):
        return self.s3.create_multipart_upload(Bucket=self.bucket, Key=key, **kwargs)["UploadId"]

    def upload(self, key, upload_id, number, body):
        return self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=upload_id, PartNumber=number,
                                   Body=body)["ETag"]

    def complete(self, key, upload_id, parts, **kwargs):
        return self.s3.complete_multipart_upload(
            Bucket=self.bucket, Key=key, UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": n, "ETag": e} for n, e in parts]}, **kwargs)

    def test_complete_etag_and_content(self):
        bodies = [os.urandom(5 * MiB), os.urandom(5 * MiB), b"tail" * 256]
        uid = self.create("big/object.bin", ContentType="application/x-test", Metadata={"origin": "mpu"})
        etags = [self.upload("big/object.bin", uid, i + 1, b) for i, b in enumerate(bodies)]
        self.assertEqual(etags, [f'"{md5_hex(b)}"' for b in bodies])
        r = self.complete("big/object.bin", uid, list(zip([1, 2, 3], etags)))
        self.assertEqual(r["ETag"], multipart_etag(bodies))
        self.assertEqual((r["Bucket"], r["Key"]), (self.bucket, "big/object.bin"))
        self.assertIn(self.bucket, r["Location"])
        self.assertTrue(r["Location"].endswith("/big/object.bin"), r["Location"])
        head = self.s3.head_object(Bucket=self.bucket, Key="big/object.bin")
        self.assertEqual(head["ContentLength"], sum(map(len, bodies)))
        self.assertEqual(head["ETag"], multipart_etag(bodies))
        self.assertEqual((head["ContentType"], head["Metadata"]), ("application/x-test", {"origin": "mpu"}))
        # PartsCount comes with a read by part number only (as S3 answers, boto3 issue 3137).
        self.assertNotIn("PartsCount", head)
        data = self.s3.get_object(Bucket=self.bucket, Key="big/object.bin")["Body"].read()
        self.assertEqual(hashlib.md5(data).hexdigest(), md5_hex(b"".join(bodies)))
        # GET/HEAD by part number.
        part2 = self.s3.get_object(Bucket=self.bucket, Key="big/object.bin", PartNumber=2)
        self.assertEqual(part2["ResponseMetadata"]["HTTPStatusCode"], 206)
        self.assertEqual(part2["PartsCount"], 3)
        self.assertEqual(part2["ContentRange"], f"bytes {5 * MiB}-{10 * MiB - 1}/{sum(map(len, bodies))}")
        self.assertEqual(part2["Body"].read(), bodies[1])
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="big/object.bin", PartNumber=1)["PartsCount"], 3)
        # A part number and a range together are refused, GET and HEAD alike.
        for read in (self.s3.get_object, self.s3.head_object):
            err, status, _ = self.client_error(read, Bucket=self.bucket, Key="big/object.bin", PartNumber=2,
                                               Range="bytes=0-1")
            self.assertEqual(status, 400)
            if read == self.s3.get_object:
                self.assertEqual((err["Code"], err["Message"]),
                                 ("InvalidRequest", "Cannot specify both Range header and partNumber query parameter"))
        # The upload is gone once completed.
        self.assert_error(self.s3.list_parts, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          Bucket=self.bucket, Key="big/object.bin", UploadId=uid)

    def test_part_one_of_a_single_part_object_is_all_of_it(self):
        # Read by part number, an object put whole is one part: 206 with its whole range.
        self.s3.put_object(Bucket=self.bucket, Key="whole.txt", Body=b"0123456789")
        for read in (self.s3.get_object, self.s3.head_object):
            r = read(Bucket=self.bucket, Key="whole.txt", PartNumber=1)
            self.assertEqual((r["ResponseMetadata"]["HTTPStatusCode"], r["ContentRange"], r["ContentLength"]),
                             (206, "bytes 0-9/10", 10))
            self.assertNotIn("PartsCount", r)
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="whole.txt", PartNumber=1)["Body"].read(),
                         b"0123456789")
        self.assert_error(self.s3.get_object, "InvalidPartNumber", 416, Bucket=self.bucket, Key="whole.txt",
                          PartNumber=2)
        # Being the whole object, its checksum comes with it; an empty object has no range to name.
        checked = self.s3.get_object(Bucket=self.bucket, Key="whole.txt", PartNumber=1, ChecksumMode="ENABLED")
        self.assertIn("ChecksumCRC32", checked)  # boto3's default checksum on the PUT
        self.s3.put_object(Bucket=self.bucket, Key="empty.txt", Body=b"")
        empty = self.s3.get_object(Bucket=self.bucket, Key="empty.txt", PartNumber=1)
        self.assertEqual((empty["ResponseMetadata"]["HTTPStatusCode"], empty["ContentLength"]), (200, 0))
        self.assertNotIn("ContentRange", empty)
        self.assertEqual(empty["Body"].read(), b"")

    def test_a_part_read_reports_the_parts_checksum(self):
        # COMPOSITE: each part read answers the checksum UploadPart gave for that part.
        uid = self.create("sum/composite", ChecksumAlgorithm="SHA256")
        bodies, listed = [os.urandom(5 * MiB), b"tail"], []
        for n, body in enumerate(bodies, 1):
            r = self.s3.upload_part(Bucket=self.bucket, Key="sum/composite", UploadId=uid, PartNumber=n, Body=body,
                                    ChecksumAlgorithm="SHA256")
            listed.append({"PartNumber": n, "ETag": r["ETag"], "ChecksumSHA256": r["ChecksumSHA256"]})
        self.s3.complete_multipart_upload(Bucket=self.bucket, Key="sum/composite", UploadId=uid,
                                          MultipartUpload={"Parts": listed})
        for n, body in enumerate(bodies, 1):
            expected = base64.b64encode(hashlib.sha256(body).digest()).decode()
            self.assertEqual(expected, listed[n - 1]["ChecksumSHA256"])
            for read in (self.s3.get_object, self.s3.head_object):
                r = read(Bucket=self.bucket, Key="sum/composite", PartNumber=n, ChecksumMode="ENABLED")
                self.assertEqual((r["ChecksumSHA256"], r["PartsCount"]), (expected, 2))
            # botocore checks the part's bytes against the part checksum it is given.
            got = self.s3.get_object(Bucket=self.bucket, Key="sum/composite", PartNumber=n, ChecksumMode="ENABLED")
            self.assertEqual(got["Body"].read(), body)
        # FULL_OBJECT: only a one-part object's part is described by the object's checksum.
        for count in (1, 2):
            key = f"sum/full{count}"
            uid = self.create(key, ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
            parts = [(n, self.upload(key, uid, n, b"p" * (5 * MiB if n < count else 3))) for n in range(1, count + 1)]
            done = self.complete(key, uid, parts, ChecksumType="FULL_OBJECT")
            r = self.s3.get_object(Bucket=self.bucket, Key=key, PartNumber=1, ChecksumMode="ENABLED")
            if count == 1:
                self.assertEqual((r["ChecksumCRC32"], r["ChecksumType"]), (done["ChecksumCRC32"], "FULL_OBJECT"))
            else:
                self.assertNotIn("ChecksumCRC32", r)
            r["Body"].read()

    def test_single_small_part(self):
        uid = self.create("small/one")
        e = self.upload("small/one", uid, 1, b"only part")
        self.assertEqual(self.complete("small/one", uid, [(1, e)])["ETag"], multipart_etag([b"only part"]))
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="small/one")["Body"].read(), b"only part")

    def test_expected_object_size(self):
        # x-amz-mp-object-size: the size the client expects the assembled object to have.
        uid = self.create("size/checked")
        parts = [(1, self.upload("size/checked", uid, 1, b"x" * (5 * MiB))), (2, self.upload("size/checked", uid, 2, b"tail"))]
        total = 5 * MiB + 4
        self.assert_error(self.complete, "InvalidRequest", 400,
                          f"The provided 'x-amz-mp-object-size' header value {total + 1} does not match what was "
                          f"computed: {total}", key="size/checked", upload_id=uid, parts=parts, MpuObjectSize=total + 1)
        self.assertEqual(self.s3.list_parts(Bucket=self.bucket, Key="size/checked", UploadId=uid)["Parts"][1]["Size"], 4)
        self.complete("size/checked", uid, parts, MpuObjectSize=total)
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="size/checked")["ContentLength"], total)

    def test_entity_too_small(self):
        uid = self.create("rules/small")
        parts = [(1, self.upload("rules/small", uid, 1, b"a" * 1024)), (2, self.upload("rules/small", uid, 2, b"b"))]
        err = self.assert_error(self.complete, "EntityTooSmall", 400,
                                "Your proposed upload is smaller than the minimum allowed object size.",
                                key="rules/small", upload_id=uid, parts=parts)
        self.assertEqual(err.get("MinSizeAllowed"), str(5 * MiB))
        self.assertEqual(err.get("ProposedSize"), "1024")
        # The upload survives a failed completion.
        self.assertEqual(len(self.s3.list_parts(Bucket=self.bucket, Key="rules/small", UploadId=uid)["Parts"]), 2)

    def test_invalid_part_and_order(self):
        uid = self.create("rules/parts")
        e1 = self.upload("rules/parts", uid, 1, os.urandom(5 * MiB))
        e2 = self.upload("rules/parts", uid, 2, b"end")
        err = self.assert_error(self.complete, "InvalidPart", 400, key="rules/parts", upload_id=uid,
                                parts=[(1, e1), (2, '"00000000000000000000000000000000"')])
        self.assertTrue(err["Message"].startswith("One or more of the specified parts could not be found."),
                        err["Message"])
        self.assertEqual(err.get("PartNumber"), "2")
        self.assert_error(self.complete, "InvalidPart", 400, key="rules/parts", upload_id=uid,
                          parts=[(1, e1), (3, e2)])
        self.assert_error(self.complete, "InvalidPartOrder", 400,
                          "The list of parts was not in ascending order. Parts must be ordered by part number.",
                          key="rules/parts", upload_id=uid, parts=[(2, e2), (1, e1)])
        self.assert_error(self.complete, "MalformedXML", 400, key="rules/parts", upload_id=uid, parts=[])
        err = self.assert_error(self.s3.upload_part, "InvalidArgument", 400,
                                "Part number must be an integer between 1 and 10000, inclusive",
                                Bucket=self.bucket, Key="rules/parts", UploadId=uid, PartNumber=10001, Body=b"x")
        self.assertEqual((err.get("ArgumentName"), err.get("ArgumentValue")), ("partNumber", "10001"))
        self.assert_error(self.complete, "InvalidArgument", 400, "PartNumber must be >= 1", key="rules/parts",
                          upload_id=uid, parts=[(0, e1)])
        # Completing with a subset of the uploaded parts is allowed.
        self.assertEqual(self.complete("rules/parts", uid, [(2, e2)])["ETag"], multipart_etag([b"end"]))

    def test_abort(self):
        uid = self.create("abort/me")
        self.upload("abort/me", uid, 1, b"x")
        r = self.s3.abort_multipart_upload(Bucket=self.bucket, Key="abort/me", UploadId=uid)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        err = self.assert_error(self.s3.upload_part, "NoSuchUpload", 404, NO_SUCH_UPLOAD, Bucket=self.bucket,
                                Key="abort/me", UploadId=uid, PartNumber=2, Body=b"y")
        self.assertEqual(err.get("UploadId"), uid)
        self.assert_error(self.s3.abort_multipart_upload, "NoSuchUpload", 404, Bucket=self.bucket,
                          Key="abort/me", UploadId=uid)
        self.assert_error(self.complete, "NoSuchUpload", 404, key="abort/me", upload_id=uid, parts=[(1, '"x"')])
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="abort/me")

    def test_completion_names_the_upload_that_made_the_object(self):
        # A retried completion of the upload that made the object answers with it; an aborted
        # upload of the same parts, or an id never handed out, is NoSuchUpload (the retry rule
        # must not turn them into successes).
        body = os.urandom(1024)
        first = self.create("again/obj")
        etag = self.upload("again/obj", first, 1, body)
        made = self.complete("again/obj", first, [(1, etag)])
        self.assertEqual(self.complete("again/obj", first, [(1, etag)])["ETag"], made["ETag"])
        aborted = self.create("again/obj")
        self.upload("again/obj", aborted, 1, body)
        self.s3.abort_multipart_upload(Bucket=self.bucket, Key="again/obj", UploadId=aborted)
        for upload_id in (aborted, "totallybogus"):
            with self.subTest(upload_id=upload_id):
                self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD, key="again/obj",
                                  upload_id=upload_id, parts=[(1, etag)])

    def test_completion_checksum_type_must_be_the_uploads(self):
        # The model: a checksum type other than CreateMultipartUpload's is BadDigest.
        body = os.urandom(1024)
        uid = self.create("cktype/obj", ChecksumAlgorithm="CRC32", ChecksumType="FULL_OBJECT")
        r = self.s3.upload_part(Bucket=self.bucket, Key="cktype/obj", UploadId=uid, PartNumber=1, Body=body,
                                ChecksumAlgorithm="CRC32")
        parts = {"Parts": [{"PartNumber": 1, "ETag": r["ETag"], "ChecksumCRC32": r["ChecksumCRC32"]}]}
        self.assert_error(self.s3.complete_multipart_upload, "BadDigest", 400, Bucket=self.bucket, Key="cktype/obj",
                          UploadId=uid, ChecksumType="COMPOSITE", MultipartUpload=parts)
        done = self.s3.complete_multipart_upload(Bucket=self.bucket, Key="cktype/obj", UploadId=uid,
                                                 ChecksumType="FULL_OBJECT", MultipartUpload=parts)
        self.assertEqual(done["ChecksumType"], "FULL_OBJECT")

    def test_list_parts_paging(self):
        uid = self.create("lp/key")
        bodies = {n: f"part-{n}".encode() * n for n in (1, 2, 3)}
        for n, b in bodies.items():
            self.upload("lp/key", uid, n, b)
        self.upload("lp/key", uid, 2, bodies[2])  # re-uploading a part replaces it
        page = self.s3.list_parts(Bucket=self.bucket, Key="lp/key", UploadId=uid, MaxParts=2)
        self.assertEqual([(p["PartNumber"], p["Size"], p["ETag"]) for p in page["Parts"]],
                         [(n, len(bodies[n]), f'"{md5_hex(bodies[n])}"') for n in (1, 2)])
        self.assertTrue(page["IsTruncated"])
        self.assertEqual((page["NextPartNumberMarker"], page["MaxParts"]), (2, 2))
        self.assertEqual(page["StorageClass"], "STANDARD")
        rest = self.s3.list_parts(Bucket=self.bucket, Key="lp/key", UploadId=uid, PartNumberMarker=2)
        self.assertEqual([p["PartNumber"] for p in rest["Parts"]], [3])
        self.assertFalse(rest["IsTruncated"])

    def test_list_multipart_uploads(self):
        b = self.make_bucket("mpul")
        ids = {k: self.s3.create_multipart_upload(Bucket=b, Key=k)["UploadId"] for k in ("a/1", "a/2", "b/1")}
        r = self.s3.list_multipart_uploads(Bucket=b)
        self.assertEqual([(u["Key"], u["UploadId"]) for u in r["Uploads"]], sorted(ids.items()))
        self.assertEqual(r["Uploads"][0]["StorageClass"], "STANDARD")
        self.assertEqual(r["Bucket"], b)
        r = self.s3.list_multipart_uploads(Bucket=b, Prefix="a/")
        self.assertEqual([u["Key"] for u in r["Uploads"]], ["a/1", "a/2"])
        r = self.s3.list_multipart_uploads(Bucket=b, Delimiter="/")
        self.assertEqual([p["Prefix"] for p in r.get("CommonPrefixes", [])], ["a/", "b/"])
        page = self.s3.list_multipart_uploads(Bucket=b, MaxUploads=1)
        self.assertTrue(page["IsTruncated"])
        self.assertEqual((page["NextKeyMarker"], page["NextUploadIdMarker"]), ("a/1", ids["a/1"]))
        nxt = self.s3.list_multipart_uploads(Bucket=b, KeyMarker=page["NextKeyMarker"],
                                             UploadIdMarker=page["NextUploadIdMarker"])
        self.assertEqual([u["Key"] for u in nxt["Uploads"]], ["a/2", "b/1"])
        # A page that ends on a common prefix resumes after every key under it.
        first = self.s3.list_multipart_uploads(Bucket=b, Delimiter="/", MaxUploads=1)
        self.assertEqual(([p["Prefix"] for p in first["CommonPrefixes"]], first["NextKeyMarker"]), (["a/"], "a/"))
        rest = self.s3.list_multipart_uploads(Bucket=b, Delimiter="/", KeyMarker=first["NextKeyMarker"])
        self.assertEqual([p["Prefix"] for p in rest.get("CommonPrefixes", [])], ["b/"])

    def test_upload_part_copy_with_ranges(self):
        source = os.urandom(6 * MiB + 100)
        self.s3.put_object(Bucket=self.bucket, Key="copy/src", Body=source)
        uid = self.create("copy/dst")
        src = {"Bucket": self.bucket, "Key": "copy/src"}
        r1 = self.s3.upload_part_copy(Bucket=self.bucket, Key="copy/dst", UploadId=uid, PartNumber=1,
                                      CopySource=src, CopySourceRange=f"bytes=0-{5 * MiB - 1}")
        self.assertEqual(r1["CopyPartResult"]["ETag"], f'"{md5_hex(source[:5 * MiB])}"')
        r2 = self.s3.upload_part_copy(Bucket=self.bucket, Key="copy/dst", UploadId=uid, PartNumber=2,
                                      CopySource=src, CopySourceRange=f"bytes={5 * MiB}-{len(source) - 1}")
        r = self.complete("copy/dst", uid, [(1, r1["CopyPartResult"]["ETag"]), (2, r2["CopyPartResult"]["ETag"])])
        self.assertEqual(r["ETag"], multipart_etag([source[:5 * MiB], source[5 * MiB:]]))
        data = self.s3.get_object(Bucket=self.bucket, Key="copy/dst")["Body"].read()
        self.assertEqual(hashlib.md5(data).hexdigest(), md5_hex(source))
        uid2 = self.create("copy/dst2")
        self.assert_error(self.s3.upload_part_copy, "InvalidArgument", 400,
                          f"Range specified is not valid for source object of size: {len(source)}",
                          Bucket=self.bucket, Key="copy/dst2", UploadId=uid2, PartNumber=1, CopySource=src,
                          CopySourceRange=f"bytes=0-{len(source)}")
        self.assert_error(self.s3.upload_part_copy, "InvalidArgument", 400,
                          "The x-amz-copy-source-range value must be of the form bytes=first-last where first "
                          "and last are the zero-based offsets of the first and last bytes to copy",
                          Bucket=self.bucket, Key="copy/dst2", UploadId=uid2, PartNumber=1, CopySource=src,
                          CopySourceRange="bytes=abc")

    def test_conditional_complete(self):
        self.s3.put_object(Bucket=self.bucket, Key="cond/exists", Body=b"already")
        uid = self.create("cond/exists")
        e = self.upload("cond/exists", uid, 1, b"new")
        self.assert_error(self.complete, "PreconditionFailed", 412, key="cond/exists", upload_id=uid,
                          parts=[(1, e)], IfNoneMatch="*")
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="cond/exists")["Body"].read(), b"already")


class ManagedTransferTest(S3TestCase):
    def test_upload_file_download_file_23_mib(self):
        bucket = self.make_bucket("xfer")
        config = boto3.s3.transfer.TransferConfig(multipart_threshold=5 * MiB, multipart_chunksize=5 * MiB,
                                                  max_concurrency=4)
        body = os.urandom(23 * MiB)
        with tempfile.TemporaryDirectory() as d:
            src, dst = os.path.join(d, "src.bin"), os.path.join(d, "dst.bin")
            with open(src, "wb") as f:
                f.write(body)
            self.s3.upload_file(src, bucket, "xfer/file.bin", Config=config)
            head = self.s3.head_object(Bucket=bucket, Key="xfer/file.bin")
            self.assertEqual(head["ContentLength"], len(body))
            chunks = [body[i:i + 5 * MiB] for i in range(0, len(body), 5 * MiB)]
            self.assertEqual(head["ETag"], multipart_etag(chunks))
            self.s3.download_file(bucket, "xfer/file.bin", dst, Config=config)
            with open(dst, "rb") as f:
                self.assertEqual(hashlib.md5(f.read()).hexdigest(), md5_hex(body))


if __name__ == "__main__":
    unittest.main()
