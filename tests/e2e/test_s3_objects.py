"""S3 objects through boto3, presigned URLs and raw signed HTTP: put/get/head/delete, batch
delete, copy (directives, conditionals, same-object rules), metadata and system headers,
response-* overrides, ranges, conditional reads and writes, tagging, storage class,
GetObjectAttributes, Content-MD5 and a 20 MiB round trip. Expected values are AWS's."""
import concurrent.futures
import datetime
import email.header
import hashlib
import os
import subprocess
import time
import unittest
import unittest.mock
import xml.etree.ElementTree as ET

import boto3
import requests

from s3_endpoint import REGION, MiB, S3TestCase, md5_b64, md5_hex, sign_headers

PRECONDITION_FAILED = "At least one of the pre-conditions you specified did not hold"
SELF_COPY = ("This copy request is illegal because it is trying to copy an object to itself without "
             "changing the object's metadata, storage class, website redirect location or encryption attributes.")
PAST = datetime.datetime(2000, 1, 1, tzinfo=datetime.timezone.utc)
FUTURE = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=365)


class ObjectTestBase(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("obj")

    def put(self, key, body, **kwargs):
        return self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, **kwargs)


class ReadDuringChangeTest(ObjectTestBase):
    """A GET that has begun serves the version it began with to its end, whatever happens to the
    object meanwhile (S3's overwrites and deletes are atomic for readers too); a copy finds its
    source's bytes; the old bytes' space comes back once the readers are done."""

    def blob_files(self):
        blob_dir = os.path.join(self.endpoint.server.data_dir, "s3-blobs")
        return sum(len(files) for _, _, files in os.walk(blob_dir))

    def test_a_started_get_outlives_an_overwrite_and_a_delete(self):
        for change in ("overwrite", "delete", "copy over it"):
            with self.subTest(change=change):
                old = os.urandom(24 * MiB)  # far more than the socket buffers hold: read as it goes
                self.put("big", old)
                body = self.s3.get_object(Bucket=self.bucket, Key="big")["Body"]
                got = body.read(MiB)
                if change == "overwrite":
                    self.put("big", os.urandom(3 * MiB))
                elif change == "delete":
                    self.s3.delete_object(Bucket=self.bucket, Key="big")
                else:
                    self.put("other", b"small")
                    self.s3.copy_object(Bucket=self.bucket, Key="big", CopySource=f"{self.bucket}/other")
                got += body.read()
                self.assertEqual(len(got), len(old))
                self.assertTrue(got == old, "the started GET served other bytes")
        self.s3.delete_object(Bucket=self.bucket, Key="big")
        if self.endpoint.server is None:
            return
        deadline = time.time() + 15
        while self.blob_files() and time.time() < deadline:
            time.sleep(0.1)
        self.assertEqual(self.blob_files(), 0, "the replaced objects' bytes were not reclaimed")


class DeletedSpaceTest(ObjectTestBase):
    """Objects up to 256 KiB live in the storage engine, whose files free a deleted value's space
    only when a compaction meets it: a server that goes quiet after deletes must compact by
    itself (storage/space_reclaimer.h), not keep the bytes until its next restart."""

    def data_bytes(self):
        total = 0
        for root, _, files in os.walk(self.endpoint.server.data_dir):
            for name in files:
                try:
                    total += os.path.getsize(os.path.join(root, name))
                except FileNotFoundError:  # a file RocksDB just deleted
                    pass
        return total

    def test_a_quiet_server_gives_the_space_of_deleted_small_objects_back(self):
        if self.endpoint.server is None:
            self.skipTest("needs the server's data directory")
        before = self.data_bytes()
        keys = [f"small/{i:03d}" for i in range(400)]  # 80 MB in all, above the 64 MiB trigger
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda key: self.put(key, os.urandom(200 * 1024)), keys))
        self.assertGreater(self.data_bytes() - before, 70 * MiB)
        for start in range(0, len(keys), 200):
            self.s3.delete_objects(Bucket=self.bucket,
                                   Delete={"Objects": [{"Key": k} for k in keys[start:start + 200]], "Quiet": True})
        deadline = time.time() + 45
        while self.data_bytes() - before > 16 * MiB and time.time() < deadline:
            time.sleep(0.2)
        self.assertLess(self.data_bytes() - before, 16 * MiB, "deleted objects still take their space")
        self.assertEqual(self.s3.list_objects_v2(Bucket=self.bucket, Prefix="small/")["KeyCount"], 0)


class BasicObjectTest(ObjectTestBase):
    def test_put_get_head_delete(self):
        body = b"hello, skybox"
        r = self.put("basic/a.txt", body, ContentType="text/plain")
        etag = f'"{md5_hex(body)}"'
        self.assertEqual(r["ETag"], etag)
        got = self.s3.get_object(Bucket=self.bucket, Key="basic/a.txt")
        self.assertEqual(got["Body"].read(), body)
        self.assertEqual(got["ETag"], etag)
        self.assertEqual(got["ContentLength"], len(body))
        self.assertEqual(got["ContentType"], "text/plain")
        self.assertEqual(got["AcceptRanges"], "bytes")
        self.assertIsInstance(got["LastModified"], datetime.datetime)
        head = self.s3.head_object(Bucket=self.bucket, Key="basic/a.txt")
        self.assertEqual((head["ContentLength"], head["ETag"]), (len(body), etag))
        self.assertEqual(head["LastModified"], got["LastModified"])
        self.assertNotIn("StorageClass", head)  # STANDARD is not reported on HEAD/GET
        d = self.s3.delete_object(Bucket=self.bucket, Key="basic/a.txt")
        self.assertEqual(d["ResponseMetadata"]["HTTPStatusCode"], 204)
        err, status, _ = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="basic/a.txt")
        self.assertEqual((err["Code"], status), ("404", 404))
        # Deleting a missing key succeeds (204) in AWS.
        again = self.s3.delete_object(Bucket=self.bucket, Key="basic/a.txt")
        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 204)

    def test_no_such_key_names_the_key(self):
        err = self.assert_error(self.s3.get_object, "NoSuchKey", 404, "The specified key does not exist.",
                                Bucket=self.bucket, Key="missing/key.bin")
        self.assertEqual(err["Key"], "missing/key.bin")

    def test_empty_object_and_unusual_keys(self):
        r = self.put("empty", b"")
        self.assertEqual(r["ETag"], '"d41d8cd98f00b204e9800998ecf8427e"')
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="empty")["Body"].read(), b"")
        for key in ["odd/a b+c%25&=?#.txt", "odd/ünïcødé/文件.txt", "odd//double//slash", "odd/~!*'()$,;:@"]:
            with self.subTest(key=key):
                self.put(key, key.encode())
                self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key=key)["Body"].read(), key.encode())
        keys = [o["Key"] for o in self.s3.list_objects_v2(Bucket=self.bucket, Prefix="odd/")["Contents"]]
        self.assertEqual(keys, sorted(["odd/a b+c%25&=?#.txt", "odd/ünïcødé/文件.txt", "odd//double//slash",
                                       "odd/~!*'()$,;:@"], key=lambda k: k.encode()))

    def test_user_metadata_and_system_headers(self):
        expires = datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        self.put("meta/doc.json", b"{}", ContentType="application/json", CacheControl="max-age=60",
                 ContentDisposition='attachment; filename="doc.json"', ContentEncoding="identity",
                 ContentLanguage="en-GB", Expires=expires, Metadata={"Color": "Blue", "project-id": "42"})
        for r in (self.s3.head_object(Bucket=self.bucket, Key="meta/doc.json"),
                  self.s3.get_object(Bucket=self.bucket, Key="meta/doc.json")):
            self.assertEqual(r["Metadata"], {"color": "Blue", "project-id": "42"})
            self.assertEqual(r["ContentType"], "application/json")
            self.assertEqual(r["CacheControl"], "max-age=60")
            self.assertEqual(r["ContentDisposition"], 'attachment; filename="doc.json"')
            self.assertEqual(r["ContentEncoding"], "identity")
            self.assertEqual(r["ContentLanguage"], "en-GB")
            self.assertEqual(r["ExpiresString"], "Wed, 02 Jan 2030 03:04:05 GMT")
        # A list of encodings is stored as sent, spaces included.
        self.put("meta/two.gz", b"x", ContentEncoding="deflate, gzip")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="meta/two.gz")["ContentEncoding"], "deflate, gzip")
        raw = self.endpoint.request("HEAD", f"/{self.bucket}/meta/doc.json")
        self.assertEqual(raw.headers["x-amz-meta-color"], "Blue")
        self.assertEqual(raw.headers["x-amz-meta-project-id"], "42")

    def test_user_metadata_is_limited_to_2_kib(self):
        # S3 counts the UTF-8 bytes of each key and value: 2 KiB is allowed, a byte more is not.
        self.put("meta/full", b"x", Metadata={"k": "v" * 2047})
        self.assertEqual(len(self.s3.head_object(Bucket=self.bucket, Key="meta/full")["Metadata"]["k"]), 2047)
        metadata = {f"key-{i}": "a" * 25 for i in range(100)}  # 590 bytes of keys, 2,500 of values
        err = self.assert_error(self.s3.put_object, "MetadataTooLarge", 400,
                                "Your metadata headers exceed the maximum allowed metadata size",
                                Bucket=self.bucket, Key="meta/over", Body=b"x", Metadata=metadata)
        self.assertEqual((err.get("Size"), err.get("MaxSizeAllowed")), ("3090", "2048"))
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="meta/over")

    def test_non_ascii_metadata_follows_rfc_2047(self):
        # S3's user guide: values are decoded per RFC 2047 before storing, and a value that is
        # not US-ASCII is encoded per RFC 2047 before returning (mail-safe headers).
        self.put("meta/words", b"x", Metadata={"b": "=?UTF-8?B?aGVsbG8=?=", "q": "=?utf-8?q?Mini=C3=B6?=",
                                               "plain": "=?not a word"})
        head = self.s3.head_object(Bucket=self.bucket, Key="meta/words")["Metadata"]
        self.assertEqual(head, {"b": "hello", "q": "=?UTF-8?B?TWluacO2?=", "plain": "=?not a word"})
        # Raw UTF-8 in the header (a client that does not encode it): returned encoded.
        # Signed over the value's UTF-8 bytes, then sent as those bytes (requests would send a
        # str as Latin-1).
        url = f"{self.endpoint.url}/{self.bucket}/meta/raw"
        headers = sign_headers("PUT", url, {"x-amz-meta-m": "Miniö"}, b"x", REGION, None)
        headers["x-amz-meta-m"] = "Miniö".encode()
        r = requests.put(url, data=b"x", headers=headers, timeout=30)
        self.assertEqual(r.status_code, 200, r.text)
        got = self.endpoint.request("HEAD", f"/{self.bucket}/meta/raw").headers["x-amz-meta-m"]
        self.assertEqual(got, "=?UTF-8?B?TWluacO2?=")
        self.assertEqual(email.header.decode_header(got)[0][0].decode(), "Miniö")

    def test_default_content_type(self):
        self.put("meta/untyped", b"x")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="meta/untyped")["ContentType"],
                         "binary/octet-stream")

    def test_response_overrides(self):
        self.put("ovr/file.bin", b"data", ContentType="application/octet-stream")
        r = self.s3.get_object(Bucket=self.bucket, Key="ovr/file.bin", ResponseContentType="text/csv",
                               ResponseContentLanguage="fr", ResponseCacheControl="no-cache",
                               ResponseContentDisposition="inline", ResponseContentEncoding="gzip",
                               ResponseExpires=datetime.datetime(2031, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc))
        self.assertEqual(r["ContentType"], "text/csv")
        self.assertEqual(r["ContentLanguage"], "fr")
        self.assertEqual(r["CacheControl"], "no-cache")
        self.assertEqual(r["ContentDisposition"], "inline")
        self.assertEqual(r["ContentEncoding"], "gzip")
        self.assertEqual(r["ExpiresString"], "Tue, 06 May 2031 07:08:09 GMT")
        self.assertEqual(r["Body"].read(), b"data")

    def test_storage_class(self):
        self.put("sc/ia", b"x", StorageClass="STANDARD_IA")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="sc/ia")["StorageClass"], "STANDARD_IA")
        self.put("sc/std", b"x")
        listed = {o["Key"]: o["StorageClass"] for o in
                  self.s3.list_objects_v2(Bucket=self.bucket, Prefix="sc/")["Contents"]}
        self.assertEqual(listed, {"sc/ia": "STANDARD_IA", "sc/std": "STANDARD"})
        # Unknown classes, and the model's classes of other kinds of bucket (directory buckets,
        # Outposts, Snow), are not a general purpose bucket's.
        for storage_class in ("PLATINUM", "EXPRESS_ONEZONE", "OUTPOSTS", "SNOW"):
            self.assert_error(self.s3.put_object, "InvalidStorageClass", 400,
                              "The storage class you specified is not valid",
                              Bucket=self.bucket, Key="sc/bad", Body=b"x", StorageClass=storage_class)

    def test_get_object_attributes(self):
        body = b"attributes!"
        self.put("attr/x", body, StorageClass="STANDARD_IA")
        r = self.s3.get_object_attributes(Bucket=self.bucket, Key="attr/x",
                                          ObjectAttributes=["ETag", "ObjectSize", "StorageClass"])
        self.assertEqual(r["ETag"], md5_hex(body))  # unquoted in GetObjectAttributes
        self.assertEqual(r["ObjectSize"], len(body))
        self.assertEqual(r["StorageClass"], "STANDARD_IA")
        self.assertIsInstance(r["LastModified"], datetime.datetime)
        self.assert_error(self.s3.get_object_attributes, "NoSuchKey", 404, Bucket=self.bucket,
                          Key="attr/missing", ObjectAttributes=["ETag"])
        # Which attributes is not optional (boto3 sends no header for an empty list), and only the
        # model's names are known.
        missing = "The x-amz-object-attributes header specifying the attributes to be retrieved is either missing or empty"
        self.assert_error(self.s3.get_object_attributes, "InvalidRequest", 400, missing,
                          Bucket=self.bucket, Key="attr/x", ObjectAttributes=[])
        for header in ("", ",,"):
            blank = self.endpoint.request("GET", f"/{self.bucket}/attr/x", params={"attributes": ""},
                                          headers={"x-amz-object-attributes": header})
            self.assertEqual(blank.status_code, 400)
            self.assertIn(b"<Code>InvalidRequest</Code>", blank.content)
        for names in (["Foo"], ["ETag", "Size"]):
            self.assert_error(self.s3.get_object_attributes, "InvalidArgument", 400, "Invalid attribute name specified.",
                              Bucket=self.bucket, Key="attr/x", ObjectAttributes=names)

    def test_large_object_round_trip(self):
        body = os.urandom(20 * MiB)
        r = self.put("large/20mib", body)
        self.assertEqual(r["ETag"], f'"{md5_hex(body)}"')
        got = self.s3.get_object(Bucket=self.bucket, Key="large/20mib")
        self.assertEqual(got["ContentLength"], len(body))
        self.assertEqual(hashlib.md5(got["Body"].read()).hexdigest(), md5_hex(body))

    def test_append_is_not_implemented(self):
        # x-amz-write-offset-bytes asks for an append (S3 directory buckets only): refused, and
        # the object is not replaced by the would-be appended bytes.
        self.put("append/target", b"original")
        self.assert_error(self.s3.put_object, "NotImplemented", 501,
                          "A header you provided implies functionality that is not implemented",
                          Bucket=self.bucket, Key="append/target", Body=b" more", WriteOffsetBytes=8)
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="append/target")["Body"].read(), b"original")


class DeleteObjectsTest(ObjectTestBase):
    def test_verbose_and_quiet(self):
        for k in ("d/1", "d/2", "d/3"):
            self.put(k, b"x")
        r = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [
            {"Key": "d/1"}, {"Key": "d/2"}, {"Key": "d/never-existed"}]})
        self.assertEqual(sorted(d["Key"] for d in r["Deleted"]), ["d/1", "d/2", "d/never-existed"])
        self.assertNotIn("Errors", r)
        q = self.s3.delete_objects(Bucket=self.bucket, Delete={"Objects": [{"Key": "d/3"}], "Quiet": True})
        self.assertNotIn("Deleted", q)
        self.assertNotIn("Errors", q)
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="d/"))

    def test_requires_content_md5_or_checksum_and_well_formed_xml(self):
        body = b"<Delete><Object><Key>x</Key></Object>"  # truncated XML
        r = self.endpoint.request("POST", f"/{self.bucket}", params={"delete": ""}, body=body,
                                  headers={"Content-MD5": md5_b64(body)})
        self.assertEqual(r.status_code, 400)
        self.assertEqual(ET.fromstring(r.content).findtext("Code"), "MalformedXML")


class CopyObjectTest(ObjectTestBase):
    def test_metadata_directive_copy_and_replace(self):
        self.put("c/src", b"copy me", ContentType="text/plain", Metadata={"a": "1"}, Tagging="t=1")
        r = self.s3.copy_object(Bucket=self.bucket, Key="c/dst-copy", CopySource={"Bucket": self.bucket, "Key": "c/src"})
        self.assertEqual(r["CopyObjectResult"]["ETag"], f'"{md5_hex(b"copy me")}"')
        head = self.s3.head_object(Bucket=self.bucket, Key="c/dst-copy")
        self.assertEqual((head["ContentType"], head["Metadata"]), ("text/plain", {"a": "1"}))
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="c/dst-copy")["TagSet"],
                         [{"Key": "t", "Value": "1"}])

        self.s3.copy_object(Bucket=self.bucket, Key="c/dst-replace", CopySource=f"{self.bucket}/c/src",
                            MetadataDirective="REPLACE", ContentType="application/x-new", Metadata={"b": "2"})
        head = self.s3.head_object(Bucket=self.bucket, Key="c/dst-replace")
        self.assertEqual((head["ContentType"], head["Metadata"]), ("application/x-new", {"b": "2"}))
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="c/dst-replace")["Body"].read(), b"copy me")

    def test_copy_source_conditionals(self):
        etag = self.put("c/cond", b"conditional")["ETag"]
        src = {"Bucket": self.bucket, "Key": "c/cond"}
        ok = self.s3.copy_object(Bucket=self.bucket, Key="c/cond-ok", CopySource=src, CopySourceIfMatch=etag,
                                 CopySourceIfUnmodifiedSince=FUTURE)
        self.assertEqual(ok["CopyObjectResult"]["ETag"], etag)
        cases = [{"CopySourceIfMatch": '"0123456789abcdef0123456789abcdef"'},
                 {"CopySourceIfNoneMatch": etag},
                 {"CopySourceIfUnmodifiedSince": PAST},
                 {"CopySourceIfModifiedSince": FUTURE}]
        for cond in cases:
            with self.subTest(cond=list(cond)):
                self.assert_error(self.s3.copy_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                                  Bucket=self.bucket, Key="c/cond-no", CopySource=src, **cond)
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="c/cond-no")

    def test_copy_to_itself(self):
        self.put("c/self", b"same", Metadata={"v": "1"})
        self.assert_error(self.s3.copy_object, "InvalidRequest", 400, SELF_COPY,
                          Bucket=self.bucket, Key="c/self", CopySource={"Bucket": self.bucket, "Key": "c/self"})
        self.s3.copy_object(Bucket=self.bucket, Key="c/self", CopySource={"Bucket": self.bucket, "Key": "c/self"},
                            MetadataDirective="REPLACE", Metadata={"v": "2"})
        head = self.s3.head_object(Bucket=self.bucket, Key="c/self")
        self.assertEqual(head["Metadata"], {"v": "2"})
        self.s3.copy_object(Bucket=self.bucket, Key="c/self", CopySource={"Bucket": self.bucket, "Key": "c/self"},
                            StorageClass="STANDARD_IA")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="c/self")["StorageClass"], "STANDARD_IA")

    def test_copy_missing_source(self):
        err = self.assert_error(self.s3.copy_object, "NoSuchKey", 404, Bucket=self.bucket, Key="c/x",
                                CopySource={"Bucket": self.bucket, "Key": "c/absent"})
        self.assertEqual(err["Key"], "c/absent")


    def test_website_redirect_is_not_copied(self):
        # The redirect belongs to the object: a copy has the one its request names, or none,
        # whatever the metadata directive.
        self.put("redir/src", b"page", WebsiteRedirectLocation="/other.html", Metadata={"kept": "yes"})
        for directive in ("COPY", "REPLACE"):
            with self.subTest(directive=directive):
                self.s3.copy_object(Bucket=self.bucket, Key=f"redir/{directive}", CopySource=f"{self.bucket}/redir/src",
                                    MetadataDirective=directive)
                head = self.s3.head_object(Bucket=self.bucket, Key=f"redir/{directive}")
                self.assertNotIn("WebsiteRedirectLocation", head)
                self.assertEqual(head["Metadata"], {"kept": "yes"} if directive == "COPY" else {})
        self.s3.copy_object(Bucket=self.bucket, Key="redir/named", CopySource=f"{self.bucket}/redir/src",
                            WebsiteRedirectLocation="https://example.com/")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="redir/named")["WebsiteRedirectLocation"],
                         "https://example.com/")


class RangeAndConditionalTest(ObjectTestBase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.body = bytes(range(100))
        cls.etag = cls.s3.put_object(Bucket=cls.bucket, Key="r/data", Body=cls.body)["ETag"]

    def get(self, **kwargs):
        return self.s3.get_object(Bucket=self.bucket, Key="r/data", **kwargs)

    def test_ranges(self):
        for rng, first, last in [("bytes=0-9", 0, 9), ("bytes=90-", 90, 99), ("bytes=-5", 95, 99),
                                 ("bytes=95-200", 95, 99), ("bytes=10-10", 10, 10)]:
            with self.subTest(rng=rng):
                r = self.get(Range=rng)
                self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 206)
                self.assertEqual(r["ContentRange"], f"bytes {first}-{last}/100")
                self.assertEqual(r["ContentLength"], last - first + 1)
                self.assertEqual(r["Body"].read(), self.body[first:last + 1])
                self.assertEqual(r["ETag"], self.etag)

    def test_unsatisfiable_range(self):
        err, status, _ = self.client_error(self.get, Range="bytes=100-200")
        self.assertEqual((err["Code"], status, err["Message"]),
                         ("InvalidRange", 416, "The requested range is not satisfiable"))
        self.assertEqual(err["ActualObjectSize"], "100")
        self.assertEqual(err["RangeRequested"], "bytes=100-200")

    def test_invalid_range_syntax_is_ignored(self):
        r = self.get(Range="bytes=abc")
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(r["Body"].read(), self.body)

    def test_conditional_get(self):
        self.assertEqual(self.get(IfMatch=self.etag)["Body"].read(), self.body)
        err, status, headers = self.client_error(self.get, IfNoneMatch=self.etag)
        self.assertEqual((err["Code"], status), ("304", 304))
        self.assertIn("last-modified", headers)  # a 304 carries ETag and Last-Modified
        err, status, _ = self.client_error(self.get, IfModifiedSince=FUTURE)
        self.assertEqual((err["Code"], status), ("304", 304))
        self.assert_error(self.get, "PreconditionFailed", 412, PRECONDITION_FAILED, IfMatch='"nope"')
        self.assert_error(self.get, "PreconditionFailed", 412, PRECONDITION_FAILED, IfUnmodifiedSince=PAST)
        self.assertEqual(self.get(IfModifiedSince=PAST)["ResponseMetadata"]["HTTPStatusCode"], 200)
        # RFC 7232 precedence as S3 documents it: If-Match true wins over If-Unmodified-Since false,
        # If-None-Match false (→ 304) wins over If-Modified-Since true.
        self.assertEqual(self.get(IfMatch=self.etag, IfUnmodifiedSince=PAST)["ResponseMetadata"]["HTTPStatusCode"], 200)
        err, status, _ = self.client_error(self.get, IfNoneMatch=self.etag, IfModifiedSince=PAST)
        self.assertEqual(status, 304)
        err, status, _ = self.client_error(self.s3.head_object, Bucket=self.bucket, Key="r/data", IfMatch='"nope"')
        self.assertEqual((err["Code"], status), ("412", 412))

    def test_not_modified_is_what_a_cache_needs(self):
        # A 304 (RFC 9110 §15.4.5): the validators and the object's Cache-Control and Expires, no
        # Content-Type of an error document, no Content-Length it cannot know.
        etag = self.put("r/cached", b"cached body", ContentType="text/plain", CacheControl="max-age=60",
                        Expires=FUTURE)["ETag"]
        r = self.endpoint.request("GET", f"/{self.bucket}/r/cached", headers={"If-None-Match": etag})
        self.assertEqual((r.status_code, r.content), (304, b""))
        self.assertEqual((r.headers.get("ETag"), r.headers.get("Cache-Control")), (etag, "max-age=60"))
        self.assertIn("Expires", r.headers)
        self.assertNotIn("Content-Type", r.headers)
        self.assertNotIn("Content-Length", r.headers)

    def test_if_range(self):
        # RFC 9110 §13.1.5: the Range applies only while If-Range names this very object.
        r = self.endpoint.request("GET", f"/{self.bucket}/r/data", headers={"Range": "bytes=0-1", "If-Range": self.etag})
        self.assertEqual((r.status_code, r.content), (206, self.body[:2]))
        for stale in ('"other"', f"W/{self.etag}", "Sun, 06 Nov 1994 08:49:37 GMT"):
            with self.subTest(if_range=stale):
                r = self.endpoint.request("GET", f"/{self.bucket}/r/data", headers={"Range": "bytes=0-1", "If-Range": stale})
                self.assertEqual((r.status_code, r.content), (200, self.body))
        modified = self.s3.head_object(Bucket=self.bucket, Key="r/data")["ResponseMetadata"]["HTTPHeaders"]["last-modified"]
        r = self.endpoint.request("GET", f"/{self.bucket}/r/data", headers={"Range": "bytes=0-1", "If-Range": modified})
        self.assertEqual(r.status_code, 206)

    def test_part_number_out_of_range_and_a_body_on_a_read(self):
        # partNumber outside 1..10000 is 400 InvalidArgument; a valid one past the parts is 416.
        for n in (0, 10001):
            with self.subTest(part_number=n):
                self.assert_error(self.get, "InvalidArgument", 400,
                                  "Part number must be an integer between 1 and 10000, inclusive", PartNumber=n)
        self.assert_error(self.get, "InvalidPartNumber", 416, PartNumber=2)
        # A body on an operation without one is ignored, not parsed as XML.
        r = self.endpoint.request("GET", f"/{self.bucket}/r/data", body=b"hello")
        self.assertEqual((r.status_code, r.content), (200, self.body))

    def test_conditional_put(self):
        r = self.put("cp/new", b"first", IfNoneMatch="*")
        self.assertEqual(r["ETag"], f'"{md5_hex(b"first")}"')
        err = self.assert_error(self.s3.put_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                                Bucket=self.bucket, Key="cp/new", Body=b"second", IfNoneMatch="*")
        self.assertEqual(err["Condition"], "If-None-Match")
        self.put("cp/new", b"third", IfMatch=r["ETag"])
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="cp/new")["Body"].read(), b"third")
        self.assert_error(self.s3.put_object, "PreconditionFailed", 412, PRECONDITION_FAILED,
                          Bucket=self.bucket, Key="cp/new", Body=b"fourth", IfMatch=r["ETag"])
        self.assert_error(self.s3.put_object, "NoSuchKey", 404, Bucket=self.bucket, Key="cp/absent",
                          Body=b"x", IfMatch=r["ETag"])


class TaggingTest(ObjectTestBase):
    def test_object_tagging(self):
        self.put("tag/o", b"x", Tagging="project=skybox&tier=gold")
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="tag/o")["TagCount"], 2)
        tags = self.s3.get_object_tagging(Bucket=self.bucket, Key="tag/o")["TagSet"]
        self.assertEqual(sorted(tags, key=lambda t: t["Key"]),
                         [{"Key": "project", "Value": "skybox"}, {"Key": "tier", "Value": "gold"}])
        self.s3.put_object_tagging(Bucket=self.bucket, Key="tag/o", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="tag/o")["TagSet"],
                         [{"Key": "k", "Value": "v"}])
        r = self.s3.delete_object_tagging(Bucket=self.bucket, Key="tag/o")
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="tag/o")["TagSet"], [])
        self.assertNotIn("TagCount", self.s3.get_object(Bucket=self.bucket, Key="tag/o"))
        self.assert_error(self.s3.put_object_tagging, "BadRequest", 400,
                          "Object tags cannot be greater than 10", Bucket=self.bucket, Key="tag/o",
                          Tagging={"TagSet": [{"Key": f"k{i}", "Value": "v"} for i in range(11)]})
        self.assert_error(self.s3.get_object_tagging, "NoSuchKey", 404, Bucket=self.bucket, Key="tag/missing")

    def test_tagging_header_follows_the_tag_rules(self):
        # x-amz-tagging on PutObject and CopyObject is held to PutObjectTagging's rules; a repeated
        # key has the header's own answer.
        eleven = "&".join(f"k{i}=v" for i in range(11))
        self.put("tag/src", b"x")
        writes = [lambda tagging: self.s3.put_object(Bucket=self.bucket, Key="tag/h", Body=b"x", Tagging=tagging),
                  lambda tagging: self.s3.copy_object(Bucket=self.bucket, Key="tag/h", CopySource=f"{self.bucket}/tag/src",
                                                      TaggingDirective="REPLACE", Tagging=tagging)]
        for write in writes:
            for tagging, code, message in (
                    (eleven, "BadRequest", "Object tags cannot be greater than 10"),
                    ("a=1&a=2", "InvalidArgument", "The header 'x-amz-tagging' shall be encoded as UTF-8 then "
                                                   "URLEncoded URL query parameters without tag name duplicates."),
                    ("aws:x=1", "InvalidTag", "Your TagKey cannot be prefixed with aws:")):
                with self.subTest(tagging=tagging):
                    err, status, _ = self.client_error(write, tagging=tagging)
                    self.assertEqual((err["Code"], status, err["Message"]), (code, 400, message))
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="tag/h")
        # Limits count characters: a 100-character key of two-byte characters is fine.
        self.put("tag/h", b"x", Tagging="%C3%A9" * 100 + "=v")
        self.assertEqual(self.s3.get_object_tagging(Bucket=self.bucket, Key="tag/h")["TagSet"],
                         [{"Key": "\u00e9" * 100, "Value": "v"}])


class IntegrityAndPresignTest(ObjectTestBase):
    def test_content_md5(self):
        body = b"integrity"
        self.put("md5/ok", body, ContentMD5=md5_b64(body))
        err = self.assert_error(self.s3.put_object, "BadDigest", 400,
                                "The Content-MD5 you specified did not match what we received.",
                                Bucket=self.bucket, Key="md5/bad", Body=body, ContentMD5=md5_b64(b"other"))
        # S3 names what it computed (base64) and what was sent (hex).
        self.assertEqual((err.get("CalculatedDigest"), err.get("ExpectedDigest")), (md5_b64(body), md5_hex(b"other")))
        err = self.assert_error(self.s3.put_object, "InvalidDigest", 400, "The Content-MD5 you specified was invalid.",
                                Bucket=self.bucket, Key="md5/bad", Body=body, ContentMD5="not-base64!")
        self.assertEqual(err.get("Content-MD5"), "not-base64!")
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="md5/bad")

    def test_key_length_limit(self):
        self.put("k" * 1024, b"x")  # the limit itself, in bytes
        err = self.assert_error(self.s3.put_object, "KeyTooLongError", 400, "Your key is too long",
                                Bucket=self.bucket, Key="é" * 513, Body=b"x")
        self.assertEqual((err.get("Size"), err.get("MaxSizeAllowed")), ("1026", "1024"))

    def presigner(self):
        return self.endpoint.client(signature_version="s3v4")

    def test_presigned_get_and_put(self):
        s3 = self.presigner()
        put_url = s3.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": "pre/up"},
                                            ExpiresIn=300)
        r = requests.put(put_url, data=b"presigned body", timeout=30)
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.headers["ETag"], f'"{md5_hex(b"presigned body")}"')
        get_url = s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "pre/up"},
                                            ExpiresIn=300)
        r = requests.get(get_url, timeout=30)
        self.assertEqual((r.status_code, r.content), (200, b"presigned body"))
        tampered = get_url.replace("pre/up", "pre/other")
        r = requests.get(tampered, timeout=30)
        self.assertEqual(r.status_code, 403)
        error = ET.fromstring(r.content)
        self.assertEqual(error.findtext("Code"), "SignatureDoesNotMatch")
        # S3 shows what it expected signed: the canonical request of the path it received.
        canonical = error.findtext("CanonicalRequest")
        self.assertTrue(canonical.startswith(f"GET\n/{self.bucket}/pre/other\n"), canonical)
        self.assertEqual(bytes.fromhex(error.findtext("CanonicalRequestBytes")).decode(), canonical)
        self.assertEqual(bytes.fromhex(error.findtext("StringToSignBytes")).decode(), error.findtext("StringToSign"))
        self.assertIn(error.findtext("SignatureProvided"), tampered)
        self.assertTrue(error.findtext("AWSAccessKeyId"))
        # An unknown key is named back.
        stranger = boto3.client("s3", endpoint_url=self.endpoint.url, region_name="us-east-1",
                                aws_access_key_id="AKIASTRANGER", aws_secret_access_key="x")
        with self.assertRaises(stranger.exceptions.ClientError) as caught:
            stranger.list_objects_v2(Bucket=self.bucket)
        error = caught.exception.response["Error"]
        self.assertEqual((error["Code"], error.get("AWSAccessKeyId")), ("InvalidAccessKeyId", "AKIASTRANGER"))

    def test_presigned_url_dated_in_the_future_is_not_yet_valid(self):
        self.put("pre/future", b"later")
        s3 = self.presigner()
        signed_at = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(hours=1)
        with unittest.mock.patch("botocore.auth.get_current_datetime", return_value=signed_at.replace(tzinfo=None)):
            url = s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "pre/future"},
                                            ExpiresIn=600)
        r = requests.get(url, timeout=30)
        self.assertEqual(r.status_code, 403, r.text)
        error = ET.fromstring(r.content)
        self.assertEqual((error.findtext("Code"), error.findtext("Message")), ("AccessDenied", "Request is not yet valid"))
        # S3 writes X-Amz-Date in epoch milliseconds here.
        self.assertEqual(error.findtext("X-Amz-Date"), str(int(signed_at.timestamp()) * 1000))
        expires = signed_at + datetime.timedelta(seconds=600)
        self.assertEqual(error.findtext("Expires"), expires.strftime("%Y-%m-%dT%H:%M:%SZ"))
        server_time = datetime.datetime.strptime(error.findtext("ServerTime"), "%Y-%m-%dT%H:%M:%SZ")
        self.assertLess(abs(server_time.replace(tzinfo=datetime.timezone.utc) - signed_at),
                        datetime.timedelta(hours=1, minutes=1))
        # Within the 15 minutes S3 allows for clock skew, it is served.
        with unittest.mock.patch("botocore.auth.get_current_datetime",
                                 return_value=(signed_at - datetime.timedelta(minutes=50)).replace(tzinfo=None)):
            url = s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "pre/future"})
        self.assertEqual(requests.get(url, timeout=30).content, b"later")

    def test_signature_version_2_presigned_urls(self):
        # What boto3's generate_presigned_url, `aws s3 presign` and `s3cmd signurl` make by default.
        s3 = self.endpoint.client(signature_version="s3")
        put_url = s3.generate_presigned_url("put_object", Params={"Bucket": self.bucket, "Key": "v2/up"}, ExpiresIn=300)
        self.assertIn("AWSAccessKeyId=", put_url)
        r = requests.put(put_url, data=b"v2 body", timeout=30)
        self.assertEqual(r.status_code, 200, r.text)
        get_url = s3.generate_presigned_url("get_object", ExpiresIn=300, Params={
            "Bucket": self.bucket, "Key": "v2/up", "ResponseContentType": "text/x-signed"})
        r = requests.get(get_url, timeout=30)
        self.assertEqual((r.status_code, r.content, r.headers["Content-Type"]), (200, b"v2 body", "text/x-signed"))
        head_url = s3.generate_presigned_url("head_object", Params={"Bucket": self.bucket, "Key": "v2/up"}, ExpiresIn=300)
        self.assertEqual(requests.head(head_url, timeout=30).status_code, 200)
        # A sub-resource is signed: changing it breaks the signature.
        r = requests.get(get_url.replace("text%2Fx-signed", "text%2Fother"), timeout=30)
        self.assertEqual((r.status_code, ET.fromstring(r.content).findtext("Code")), (403, "SignatureDoesNotMatch"))
        expired = s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "v2/up"}, ExpiresIn=1)
        time.sleep(2.2)
        r = requests.get(expired, timeout=30)
        root = ET.fromstring(r.content)
        self.assertEqual((r.status_code, root.findtext("Code"), root.findtext("Message")),
                         (403, "AccessDenied", "Request has expired"))
        # The AWS CLI's presign command makes the same kind of URL.
        out = self.endpoint.aws("s3", "presign", f"s3://{self.bucket}/v2/up")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(requests.get(out.stdout.strip(), timeout=30).content, b"v2 body")

    def test_expired_presigned_url(self):
        self.put("pre/exp", b"x")
        url = self.presigner().generate_presigned_url(
            "get_object", Params={"Bucket": self.bucket, "Key": "pre/exp"}, ExpiresIn=1)
        time.sleep(2.2)
        r = requests.get(url, timeout=30)
        self.assertEqual(r.status_code, 403)
        root = ET.fromstring(r.content)
        self.assertEqual((root.findtext("Code"), root.findtext("Message")), ("AccessDenied", "Request has expired"))
        self.assertEqual(root.findtext("X-Amz-Expires"), "1")


if __name__ == "__main__":
    unittest.main()
