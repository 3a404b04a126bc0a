"""S3 flexible checksums: CRC32, CRC32C, CRC64NVME, SHA1, SHA256 and the newer SHA512, MD5,
XXHASH64, XXHASH3 and XXHASH128 sent as headers by boto3 and
as an aws-chunked trailer (STREAMING-UNSIGNED-PAYLOAD-TRAILER, built by hand: botocore only uses
trailers over HTTPS), returned with ChecksumMode=ENABLED, BadDigest on mismatch, and multipart
checksums (COMPOSITE "-N" and FULL_OBJECT). Expected values are computed independently."""
import base64
import hashlib
import os
import unittest
import zlib

import requests

from s3_endpoint import MiB, S3TestCase, aws_chunked, checksum

ALGORITHMS = ["CRC32", "CRC32C", "CRC64NVME", "SHA1", "SHA256", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"]
NATIVE = {"CRC32", "SHA1", "SHA256", "SHA512"}  # botocore computes these without awscrt


class ChecksumTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("cks")

    def put_with(self, key, body, algorithm):
        if algorithm in NATIVE:
            return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, ChecksumAlgorithm=algorithm)
        # Without awscrt botocore cannot compute these; supplying the value sends it as a header.
        return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body,
                                  **{f"Checksum{algorithm}": checksum(algorithm, body)})

    def test_each_algorithm_stored_and_returned(self):
        body = b"The quick brown fox jumps over the lazy dog" * 100
        for algorithm in ALGORITHMS:
            with self.subTest(algorithm=algorithm):
                key = f"alg/{algorithm}"
                expected = checksum(algorithm, body)
                r = self.put_with(key, body, algorithm)
                self.assertEqual(r[f"Checksum{algorithm}"], expected)
                head = self.s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
                self.assertEqual(head[f"Checksum{algorithm}"], expected)
                self.assertEqual(head["ChecksumType"], "FULL_OBJECT")
                raw = self.endpoint.request("GET", f"/{self.bucket}/{key}", headers={"x-amz-checksum-mode": "ENABLED"})
                self.assertEqual(raw.status_code, 200)
                self.assertEqual(raw.headers[f"x-amz-checksum-{algorithm.lower()}"], expected)
                self.assertEqual(raw.content, body)
                plain = self.s3.head_object(Bucket=self.bucket, Key=key)
                self.assertNotIn(f"Checksum{algorithm}", plain)
                attrs = self.s3.get_object_attributes(Bucket=self.bucket, Key=key, ObjectAttributes=["Checksum"])
                self.assertEqual(attrs["Checksum"][f"Checksum{algorithm}"], expected)

    def test_boto3_default_is_crc32(self):
        body = os.urandom(4096)
        r = self.s3.put_object(Bucket=self.bucket, Key="default", Body=body)
        self.assertEqual(r["ChecksumCRC32"], checksum("CRC32", body))
        got = self.s3.get_object(Bucket=self.bucket, Key="default", ChecksumMode="ENABLED")
        self.assertEqual(got["ChecksumCRC32"], checksum("CRC32", body))
        self.assertEqual(got["Body"].read(), body)

    def test_wrong_checksum_is_bad_digest(self):
        body = b"payload"
        for algorithm in ("CRC32", "SHA256", "CRC32C", "SHA512", "MD5", "XXHASH64", "XXHASH3", "XXHASH128"):
            wrong = checksum(algorithm, b"other")
            with self.subTest(algorithm=algorithm):
                self.assert_error(self.s3.put_object, "BadDigest", 400,
                                  f"The {algorithm} you specified did not match the calculated checksum.",
                                  Bucket=self.bucket, Key="bad", Body=body, **{f"Checksum{algorithm}": wrong})
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="bad")

    def test_raw_header_mismatch(self):
        r = self.endpoint.request("PUT", f"/{self.bucket}/raw-bad", body=b"abc",
                                  headers={"x-amz-checksum-crc32": checksum("CRC32", b"abd")})
        self.assertEqual(r.status_code, 400)
        self.assertIn(b"<Code>BadDigest</Code>", r.content)
        self.assertIn(b"The CRC32 you specified did not match the calculated checksum.", r.content)

    def streaming_put(self, key, payload, trailer_name, trailer_value, chunk_size=64 * 1024, encoding="aws-chunked"):
        body = aws_chunked(payload, chunk_size, [(trailer_name, trailer_value)])
        return self.endpoint.request(
            "PUT", f"/{self.bucket}/{key}", body=body, payload_hash="STREAMING-UNSIGNED-PAYLOAD-TRAILER",
            headers={"Content-Encoding": encoding, "x-amz-decoded-content-length": str(len(payload)),
                     "x-amz-trailer": trailer_name, "x-amz-sdk-checksum-algorithm": trailer_name.split("-")[-1].upper()})

    def test_listings_name_each_objects_checksum(self):
        self.s3.put_object(Bucket=self.bucket, Key="lov/sha", Body=b"x", ChecksumAlgorithm="SHA256")
        self.s3.put_object(Bucket=self.bucket, Key="lov/sha1", Body=b"y", ChecksumAlgorithm="SHA1")
        # Signed without any checksum header (boto3 would add CRC32): S3's default CRC64NVME.
        r = self.endpoint.request("PUT", f"/{self.bucket}/lov/none", body=b"z")
        self.assertEqual(r.status_code, 200, r.text)
        versions = {v["Key"]: v for v in self.s3.list_object_versions(Bucket=self.bucket, Prefix="lov/")["Versions"]}
        listed_v2 = {o["Key"]: o for o in self.s3.list_objects_v2(Bucket=self.bucket, Prefix="lov/")["Contents"]}
        listed_v1 = {o["Key"]: o for o in self.s3.list_objects(Bucket=self.bucket, Prefix="lov/")["Contents"]}
        for listing in (versions, listed_v2, listed_v1):
            self.assertEqual((listing["lov/sha"]["ChecksumAlgorithm"], listing["lov/sha"]["ChecksumType"]),
                             (["SHA256"], "FULL_OBJECT"))
            self.assertEqual(listing["lov/sha1"]["ChecksumAlgorithm"], ["SHA1"])
            self.assertEqual((listing["lov/none"]["ChecksumAlgorithm"], listing["lov/none"]["ChecksumType"]),
                             (["CRC64NVME"], "FULL_OBJECT"))

    def test_uploads_without_a_checksum_get_crc64nvme(self):
        # S3 adds a CRC64NVME (FULL_OBJECT) to an object uploaded without a checksum: answered
        # by the PUT, stored, returned with ChecksumMode, listed. Inline-sized, one blob buffer,
        # and several 1 MiB buffers (the checksum is computed where the blob is written).
        for size in (0, 5, 300 * 1024, 3 * MiB + 17):
            body = os.urandom(size)
            expected = checksum("CRC64NVME", body)
            key = f"nodefault/{size}"
            with self.subTest(size=size):
                r = self.endpoint.request("PUT", f"/{self.bucket}/{key}", body=body, payload_hash="UNSIGNED-PAYLOAD")
                self.assertEqual(r.status_code, 200, r.text)
                self.assertEqual((r.headers.get("x-amz-checksum-crc64nvme"), r.headers.get("x-amz-checksum-type")),
                                 (expected, "FULL_OBJECT"))
                head = self.s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
                self.assertEqual((head["ChecksumCRC64NVME"], head["ChecksumType"]), (expected, "FULL_OBJECT"))
                attrs = self.s3.get_object_attributes(Bucket=self.bucket, Key=key, ObjectAttributes=["Checksum"])
                self.assertEqual(attrs["Checksum"]["ChecksumCRC64NVME"], expected)
                self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read(), body)
        # A presigned URL, as a browser or curl uploads: the same.
        body = b"through a presigned URL"
        url = self.s3.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": "nodefault/presigned"})
        r = requests.put(url, data=body, timeout=60)
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.headers.get("x-amz-checksum-crc64nvme"), checksum("CRC64NVME", body))
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="nodefault/presigned")["Contents"]
        self.assertEqual([(o["Key"], o["ChecksumAlgorithm"]) for o in listed], [("nodefault/presigned", ["CRC64NVME"])])
        # A checksum the client sends is kept as the only one.
        r = self.s3.put_object(Bucket=self.bucket, Key="nodefault/sha1", Body=body, ChecksumAlgorithm="SHA1")
        head = self.s3.head_object(Bucket=self.bucket, Key="nodefault/sha1", ChecksumMode="ENABLED")
        self.assertEqual(head["ChecksumSHA1"], checksum("SHA1", body))
        self.assertNotIn("ChecksumCRC64NVME", head)

    def test_copy_computes_the_checksum_it_is_asked_for(self):
        small, large = b"copy me" * 10, os.urandom(300 * 1024)  # inline, and in a blob file
        parts = [os.urandom(5 * MiB), os.urandom(777)]
        self.s3.put_object(Bucket=self.bucket, Key="cp/small", Body=small, ChecksumAlgorithm="CRC32")
        self.s3.put_object(Bucket=self.bucket, Key="cp/large", Body=large)
        uid = self.s3.create_multipart_upload(Bucket=self.bucket, Key="cp/multi", ChecksumAlgorithm="CRC32")["UploadId"]
        done = []
        for n, body in enumerate(parts, 1):
            r = self.s3.upload_part(Bucket=self.bucket, Key="cp/multi", UploadId=uid, PartNumber=n, Body=body,
                                    ChecksumAlgorithm="CRC32")
            done.append({"PartNumber": n, "ETag": r["ETag"], "ChecksumCRC32": r["ChecksumCRC32"]})
        composite = self.s3.complete_multipart_upload(Bucket=self.bucket, Key="cp/multi", UploadId=uid,
                                                      MultipartUpload={"Parts": done})["ChecksumCRC32"]
        for source, body, algorithm in (("cp/small", small, "SHA256"), ("cp/large", large, "CRC32C"),
                                        ("cp/multi", b"".join(parts), "SHA1"), ("cp/large", large, "XXHASH64")):
            with self.subTest(source=source, algorithm=algorithm):
                target = f"{source}-as-{algorithm}"
                r = self.s3.copy_object(Bucket=self.bucket, Key=target, CopySource=f"{self.bucket}/{source}",
                                        ChecksumAlgorithm=algorithm)["CopyObjectResult"]
                self.assertEqual((r[f"Checksum{algorithm}"], r["ChecksumType"]),
                                 (checksum(algorithm, body), "FULL_OBJECT"))
                head = self.s3.head_object(Bucket=self.bucket, Key=target, ChecksumMode="ENABLED")
                self.assertEqual(head[f"Checksum{algorithm}"], checksum(algorithm, body))
                self.assertNotIn("ChecksumCRC32", head)
                self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key=target)["Body"].read(), body)
        # A copy is one object, not a multipart one: the MD5 of its bytes is its ETag, and a
        # composite checksum of its source becomes the whole object's, in the same algorithm.
        whole = b"".join(parts)
        kept = self.s3.copy_object(Bucket=self.bucket, Key="cp/multi-kept", CopySource=f"{self.bucket}/cp/multi",
                                   ChecksumAlgorithm="CRC32")["CopyObjectResult"]
        self.assertTrue(composite.endswith("-2"), composite)
        self.assertEqual((kept["ETag"], kept["ChecksumCRC32"], kept["ChecksumType"]),
                         (f'"{hashlib.md5(whole).hexdigest()}"', checksum("CRC32", whole), "FULL_OBJECT"))
        head = self.s3.head_object(Bucket=self.bucket, Key="cp/multi-kept", PartNumber=1)
        self.assertEqual((head["ContentLength"], head.get("PartsCount")), (len(whole), None))
        # Without the header, or with the source's own algorithm, a single object's checksum is kept.
        plain = self.s3.copy_object(Bucket=self.bucket, Key="cp/small-kept", CopySource=f"{self.bucket}/cp/small")
        self.assertEqual(plain["CopyObjectResult"]["ChecksumCRC32"], checksum("CRC32", small))
        # Onto itself: the way to give an existing object a checksum in another algorithm.
        r = self.s3.copy_object(Bucket=self.bucket, Key="cp/small", CopySource=f"{self.bucket}/cp/small",
                                ChecksumAlgorithm="SHA1")["CopyObjectResult"]
        self.assertEqual(r["ChecksumSHA1"], checksum("SHA1", small))
        listed = self.s3.list_objects_v2(Bucket=self.bucket, Prefix="cp/small")["Contents"][0]
        self.assertEqual((listed["Key"], listed["ChecksumAlgorithm"]), ("cp/small", ["SHA1"]))
        self.assert_error(self.s3.copy_object, "InvalidRequest", 400, Bucket=self.bucket, Key="cp/small",
                          CopySource=f"{self.bucket}/cp/small", ChecksumAlgorithm="SHA1")  # nothing would change
        self.assert_error(self.s3.copy_object, "InvalidRequest", 400, Bucket=self.bucket, Key="cp/never",
                          CopySource=f"{self.bucket}/cp/small", ChecksumAlgorithm="CRC16")
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="cp/never")

    def test_aws_chunked_trailer(self):
        payload = os.urandom(200 * 1024 + 7)
        for algorithm in ("CRC32", "CRC32C", "SHA256", "SHA512", "XXHASH128"):
            with self.subTest(algorithm=algorithm):
                name = f"x-amz-checksum-{algorithm.lower()}"
                r = self.streaming_put(f"trailer/{algorithm}", payload, name, checksum(algorithm, payload))
                self.assertEqual(r.status_code, 200, r.text)
                self.assertEqual(r.headers[name], checksum(algorithm, payload))
                head = self.s3.head_object(Bucket=self.bucket, Key=f"trailer/{algorithm}", ChecksumMode="ENABLED")
                self.assertEqual(head["ContentLength"], len(payload))
                self.assertEqual(head[f"Checksum{algorithm}"], checksum(algorithm, payload))
                self.assertIsNone(head.get("ContentEncoding"))  # aws-chunked is not stored
                self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key=f"trailer/{algorithm}")["Body"].read(),
                                 payload)
        bad = self.streaming_put("trailer/bad", payload, "x-amz-checksum-crc32", checksum("CRC32", b"nope"))
        self.assertEqual(bad.status_code, 400)
        self.assertIn(b"<Code>BadDigest</Code>", bad.content)
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="trailer/bad")

    def test_aws_chunked_leaves_the_other_content_encodings_as_written(self):
        payload = b"compressed, supposedly"
        crc = checksum("CRC32", payload)
        for sent, stored in (("deflate, gzip,aws-chunked", "deflate, gzip"), ("aws-chunked, gzip", "gzip"),
                             ("gzip, aws-chunked", "gzip"), ("aws-chunked,deflate,  br", "deflate,  br"),
                             ("gzip , deflate,aws-chunked", "gzip , deflate"),
                             ("aws-chunked", None), ("aws-chunked, aws-chunked", None)):
            with self.subTest(sent=sent):
                r = self.streaming_put("encoded", payload, "x-amz-checksum-crc32", crc, encoding=sent)
                self.assertEqual(r.status_code, 200, r.text)
                head = self.s3.head_object(Bucket=self.bucket, Key="encoded")
                self.assertEqual(head.get("ContentEncoding"), stored)
        # Without aws-chunked the header is stored exactly as sent.
        self.s3.put_object(Bucket=self.bucket, Key="plain", Body=payload, ContentEncoding="deflate, gzip")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="plain")["ContentEncoding"], "deflate, gzip")

    def test_multipart_composite(self):
        parts = [os.urandom(5 * MiB), os.urandom(1234)]
        for algorithm in ("CRC32", "SHA256", "SHA512", "XXHASH3", "MD5"):
            with self.subTest(algorithm=algorithm):
                key = f"mpu/composite-{algorithm}"
                uid = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key,
                                                      ChecksumAlgorithm=algorithm)["UploadId"]
                done = []
                for n, body in enumerate(parts, 1):
                    # botocore computes the NATIVE ones itself; the others are given as values.
                    claim = ({"ChecksumAlgorithm": algorithm} if algorithm in NATIVE
                             else {f"Checksum{algorithm}": checksum(algorithm, body)})
                    r = self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=n, Body=body,
                                            **claim)
                    self.assertEqual(r[f"Checksum{algorithm}"], checksum(algorithm, body))
                    done.append({"PartNumber": n, "ETag": r["ETag"], f"Checksum{algorithm}": r[f"Checksum{algorithm}"]})
                listed = self.s3.list_parts(Bucket=self.bucket, Key=key, UploadId=uid)["Parts"]
                self.assertEqual([p[f"Checksum{algorithm}"] for p in listed], [checksum(algorithm, b) for b in parts])
                c = self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=uid,
                                                      MultipartUpload={"Parts": done})
                joined = b"".join(base64.b64decode(checksum(algorithm, b)) for b in parts)
                expected = f"{checksum(algorithm, joined)}-{len(parts)}"
                self.assertEqual(c[f"Checksum{algorithm}"], expected)
                self.assertEqual(c["ChecksumType"], "COMPOSITE")
                head = self.s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
                self.assertEqual((head[f"Checksum{algorithm}"], head["ChecksumType"]), (expected, "COMPOSITE"))
                attrs = self.s3.get_object_attributes(Bucket=self.bucket, Key=key,
                                                      ObjectAttributes=["Checksum", "ObjectParts"])
                self.assertEqual(attrs["ObjectParts"]["TotalPartsCount"], 2)
                self.assertEqual(attrs["Checksum"][f"Checksum{algorithm}"], expected.rsplit("-", 1)[0])  # GetObjectAttributes omits "-N"

    def test_multipart_full_object_crc32(self):
        parts = [os.urandom(5 * MiB), os.urandom(999)]
        key = "mpu/full"
        uid = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key, ChecksumAlgorithm="CRC32",
                                              ChecksumType="FULL_OBJECT")["UploadId"]
        done = []
        for n, body in enumerate(parts, 1):
            r = self.s3.upload_part(Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=n, Body=body,
                                    ChecksumAlgorithm="CRC32")
            done.append({"PartNumber": n, "ETag": r["ETag"], "ChecksumCRC32": r["ChecksumCRC32"]})
        whole = checksum("CRC32", b"".join(parts))
        c = self.s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=uid, ChecksumType="FULL_OBJECT",
                                              ChecksumCRC32=whole, MultipartUpload={"Parts": done})
        self.assertEqual((c["ChecksumCRC32"], c["ChecksumType"]), (whole, "FULL_OBJECT"))
        head = self.s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
        self.assertEqual((head["ChecksumCRC32"], head["ChecksumType"]), (whole, "FULL_OBJECT"))
        self.assertEqual(zlib.crc32(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()),
                         zlib.crc32(b"".join(parts)))

    def test_multipart_without_an_algorithm_gets_crc64nvme(self):
        # An upload created without a checksum algorithm, parts sent without one (as SDKs before
        # the 2025 defaults and most other tools do): S3 answers each part's CRC64NVME, and stores
        # the whole object's (FULL_OBJECT) "even for multipart uploads" (its December 2024
        # announcement); ListParts names no algorithm for such an upload.
        s3 = self.endpoint.client(request_checksum_calculation="when_required",
                                  response_checksum_validation="when_required")
        parts = [os.urandom(5 * MiB), os.urandom(1001)]
        key = "mpu/no-algorithm"
        uid = s3.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        done = []
        for n, body in enumerate(parts, 1):
            r = s3.upload_part(Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=n, Body=body)
            self.assertEqual(r.get("ChecksumCRC64NVME"), checksum("CRC64NVME", body))
            done.append({"PartNumber": n, "ETag": r["ETag"]})
        listed = s3.list_parts(Bucket=self.bucket, Key=key, UploadId=uid)
        self.assertNotIn("ChecksumAlgorithm", listed)
        self.assertFalse([p for p in listed["Parts"] if any(k.startswith("Checksum") for k in p)])
        c = s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=uid, MultipartUpload={"Parts": done})
        self.assertEqual((c.get("ChecksumCRC64NVME"), c.get("ChecksumType")),
                         (checksum("CRC64NVME", b"".join(parts)), "FULL_OBJECT"))
        head = s3.head_object(Bucket=self.bucket, Key=key, ChecksumMode="ENABLED")
        self.assertEqual((head.get("ChecksumCRC64NVME"), head.get("ChecksumType")), (c["ChecksumCRC64NVME"], "FULL_OBJECT"))
        # A part the client checksums itself keeps its algorithm; the object then gets none.
        uid = s3.create_multipart_upload(Bucket=self.bucket, Key=key)["UploadId"]
        r = s3.upload_part(Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=1, Body=b"x", ChecksumAlgorithm="SHA1")
        self.assertEqual((r.get("ChecksumSHA1"), r.get("ChecksumCRC64NVME")), (checksum("SHA1", b"x"), None))
        c = s3.complete_multipart_upload(Bucket=self.bucket, Key=key, UploadId=uid,
                                         MultipartUpload={"Parts": [{"PartNumber": 1, "ETag": r["ETag"]}]})
        self.assertFalse([k for k in c if k.startswith("Checksum")])

    def test_upload_part_wrong_checksum(self):
        for algorithm in ("CRC32", "SHA512", "XXHASH3"):
            with self.subTest(algorithm=algorithm):
                key = f"mpu/bad-{algorithm}"
                uid = self.s3.create_multipart_upload(Bucket=self.bucket, Key=key,
                                                      ChecksumAlgorithm=algorithm)["UploadId"]
                self.assert_error(self.s3.upload_part, "BadDigest", 400,
                                  f"The {algorithm} you specified did not match the calculated checksum.",
                                  Bucket=self.bucket, Key=key, UploadId=uid, PartNumber=1, Body=b"part",
                                  **{f"Checksum{algorithm}": checksum(algorithm, b"trap")})
                self.assertNotIn("Parts", self.s3.list_parts(Bucket=self.bucket, Key=key, UploadId=uid))

    def test_listing_follows_the_current_version(self):
        # The listing's checksum is the current version's: after the newest version is deleted,
        # the one before it (and its algorithm) is listed; a delete marker lists nothing.
        b = self.make_bucket("cksv", versioned=True)
        first = self.s3.put_object(Bucket=b, Key="k", Body=b"one", ChecksumAlgorithm="SHA1")
        second = self.s3.put_object(Bucket=b, Key="k", Body=b"two", ChecksumAlgorithm="SHA256")

        def listed():
            return [(o["Key"], o.get("ChecksumAlgorithm")) for o in self.s3.list_objects_v2(Bucket=b).get("Contents", [])]

        self.assertEqual(listed(), [("k", ["SHA256"])])
        self.s3.delete_object(Bucket=b, Key="k", VersionId=second["VersionId"])
        self.assertEqual(listed(), [("k", ["SHA1"])])
        self.s3.delete_object(Bucket=b, Key="k")  # a delete marker on top
        self.assertEqual(listed(), [])
        markers = self.s3.list_object_versions(Bucket=b)["DeleteMarkers"]
        self.s3.delete_object(Bucket=b, Key="k", VersionId=markers[0]["VersionId"])
        self.assertEqual(listed(), [("k", ["SHA1"])])
        self.assertEqual(self.s3.head_object(Bucket=b, Key="k")["VersionId"], first["VersionId"])


if __name__ == "__main__":
    unittest.main()
