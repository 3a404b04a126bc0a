"""S3 ListObjects v1 and v2 through boto3 over 1,102 keys (paging across the 1,000-key page):
prefix, delimiter/CommonPrefixes, max-keys, marker/NextMarker, continuation tokens, start-after,
encoding-type=url and fetch-owner."""
import base64
import concurrent.futures
import unittest
import urllib.parse

from s3_endpoint import S3TestCase

PHOTOS = [f"photos/{i // 100:02d}/img{i:04d}.jpg" for i in range(1100)]
ALL_KEYS = sorted(PHOTOS + ["readme.txt", "zeta/z.txt"])


def keys_of(page):
    return [o["Key"] for o in page.get("Contents", [])]


def prefixes_of(page):
    return [p["Prefix"] for p in page.get("CommonPrefixes", [])]


class ListingTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("list")
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(lambda k: cls.s3.put_object(Bucket=cls.bucket, Key=k, Body=k.encode()), ALL_KEYS))

    def v2(self, **kwargs):
        return self.s3.list_objects_v2(Bucket=self.bucket, **kwargs)

    def v1(self, **kwargs):
        return self.s3.list_objects(Bucket=self.bucket, **kwargs)

    def test_times_are_whole_seconds_as_head_reports_them(self):
        # S3 keeps an object's time to the second: a listing says ".000Z", the same instant as
        # HEAD's Last-Modified (sync tools compare the two).
        raw = self.endpoint.request("GET", f"/{self.bucket}", params={"list-type": "2", "prefix": "readme"})
        self.assertRegex(raw.text, r"<LastModified>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z</LastModified>")
        listed = self.v2(Prefix="readme.txt")["Contents"][0]["LastModified"]
        self.assertEqual(listed, self.s3.head_object(Bucket=self.bucket, Key="readme.txt")["LastModified"])
        version = self.s3.list_object_versions(Bucket=self.bucket, Prefix="readme.txt")["Versions"][0]
        self.assertEqual(version["LastModified"], listed)

    def test_v2_paging_across_1000(self):
        first = self.v2()
        self.assertEqual((first["KeyCount"], first["MaxKeys"], first["IsTruncated"]), (1000, 1000, True))
        self.assertEqual(keys_of(first), ALL_KEYS[:1000])
        token = first["NextContinuationToken"]
        second = self.v2(ContinuationToken=token)
        self.assertEqual(second["ContinuationToken"], token)
        self.assertEqual((second["KeyCount"], second["IsTruncated"]), (102, False))
        self.assertNotIn("NextContinuationToken", second)
        self.assertEqual(keys_of(second), ALL_KEYS[1000:])
        obj = first["Contents"][0]
        self.assertEqual(obj["Size"], len(obj["Key"]))
        self.assertEqual(obj["StorageClass"], "STANDARD")
        self.assertTrue(obj["ETag"].startswith('"') and obj["ETag"].endswith('"'))
        self.assertNotIn("Owner", obj)

    def test_v2_paginator_small_pages(self):
        keys = []
        for page in self.s3.get_paginator("list_objects_v2").paginate(
                Bucket=self.bucket, PaginationConfig={"PageSize": 250}):
            self.assertLessEqual(page["KeyCount"], 250)
            keys += keys_of(page)
        self.assertEqual(keys, ALL_KEYS)

    def test_v2_delimiter_and_prefix(self):
        root = self.v2(Delimiter="/")
        self.assertEqual(prefixes_of(root), ["photos/", "zeta/"])
        self.assertEqual(keys_of(root), ["readme.txt"])
        self.assertEqual((root["KeyCount"], root["Delimiter"]), (3, "/"))
        photos = self.v2(Prefix="photos/", Delimiter="/")
        self.assertEqual(prefixes_of(photos), [f"photos/{i:02d}/" for i in range(11)])
        self.assertEqual((keys_of(photos), photos["Prefix"]), ([], "photos/"))
        one_dir = self.v2(Prefix="photos/03/")
        self.assertEqual(keys_of(one_dir), [k for k in ALL_KEYS if k.startswith("photos/03/")])
        self.assertEqual(one_dir["KeyCount"], 100)
        none = self.v2(Prefix="nothing-here/")
        self.assertEqual((none["KeyCount"], none["IsTruncated"]), (0, False))
        self.assertNotIn("Contents", none)
        # A non-slash delimiter groups on its first occurrence after the prefix.
        by_img = self.v2(Prefix="photos/00/img00", Delimiter="5")
        group = [k for k in ALL_KEYS if k.startswith("photos/00/img00")]
        cut = sorted({k[:k.index("5", 15) + 1] for k in group if "5" in k[15:]})
        self.assertEqual(prefixes_of(by_img), cut)
        self.assertEqual(keys_of(by_img), [k for k in group if "5" not in k[15:]])

    def test_v2_max_keys_counts_common_prefixes(self):
        page = self.v2(Prefix="photos/", Delimiter="/", MaxKeys=5)
        self.assertEqual(prefixes_of(page), [f"photos/{i:02d}/" for i in range(5)])
        self.assertEqual((page["KeyCount"], page["IsTruncated"]), (5, True))
        rest = self.v2(Prefix="photos/", Delimiter="/", ContinuationToken=page["NextContinuationToken"])
        self.assertEqual(prefixes_of(rest), [f"photos/{i:02d}/" for i in range(5, 11)])
        small = self.v2(MaxKeys=3)
        self.assertEqual((keys_of(small), small["MaxKeys"]), (ALL_KEYS[:3], 3))
        # MaxKeys=0: an empty page that does not ask to be continued (v1 and v2).
        empty = self.v2(MaxKeys=0)
        self.assertEqual((empty["KeyCount"], empty["IsTruncated"]), (0, False))
        self.assertNotIn("NextContinuationToken", empty)
        self.assertFalse(self.s3.list_objects(Bucket=self.bucket, MaxKeys=0)["IsTruncated"])

    def test_v2_start_after(self):
        r = self.v2(StartAfter="photos/10/img1095.jpg")
        self.assertEqual(keys_of(r), ALL_KEYS[ALL_KEYS.index("photos/10/img1095.jpg") + 1:])
        self.assertEqual(r["StartAfter"], "photos/10/img1095.jpg")
        self.assertEqual(keys_of(self.v2(StartAfter="photos/05")), ALL_KEYS[500:1500][:1000])

    def test_v2_fetch_owner(self):
        owner = self.s3.list_buckets()["Owner"]["ID"]
        r = self.v2(Prefix="readme", FetchOwner=True)
        self.assertEqual(r["Contents"][0]["Owner"]["ID"], owner)

    def test_v2_invalid_continuation_token(self):
        # Not base64, or base64 of a key (a token S3 did not hand out): S3's 400, naming the argument.
        forged = base64.b64encode(b"photos/05").decode()
        for token in ("definitely-not-a-token", forged, "aWrongToken2"):
            with self.subTest(token=token):
                err = self.assert_error(self.v2, "InvalidArgument", 400, "The continuation token provided is incorrect",
                                        ContinuationToken=token)
                self.assertEqual(err.get("ArgumentName"), "continuation-token")

    def test_a_marker_inside_a_group_resumes_after_the_group(self):
        # S3 reports a common prefix only when it sorts after the marker (the model's Delimiter).
        expected = [f"photos/{i:02d}/" for i in range(4, 11)]
        page = self.v1(Prefix="photos/", Delimiter="/", Marker="photos/03/img0350.jpg")
        self.assertEqual(prefixes_of(page), expected)
        page = self.v2(Prefix="photos/", Delimiter="/", StartAfter="photos/03/img0350.jpg")
        self.assertEqual(prefixes_of(page), expected)
        self.assertEqual(prefixes_of(self.v2(Delimiter="/", StartAfter="photos/10/img1099.jpg")), ["zeta/"])

    def test_a_max_keys_that_is_not_a_number_is_s3s_invalid_argument(self):
        # As S3 answers it (not the "1 validation error detected" of the JSON services).
        for text in ("abc", "2147483648", "5.0"):
            with self.subTest(max_keys=text):
                r = self.endpoint.request("GET", f"/{self.bucket}", params={"list-type": "2", "max-keys": text})
                self.assertEqual(r.status_code, 400, r.text)
                self.assertIn("<Code>InvalidArgument</Code>", r.text)
                self.assertIn("<Message>Provided max-keys not an integer or within integer range</Message>", r.text)
                self.assertIn("<ArgumentName>max-keys</ArgumentName>", r.text)
                self.assertIn(f"<ArgumentValue>{text}</ArgumentValue>", r.text)

    def test_max_keys_above_1000_is_echoed_and_pages_hold_1000(self):
        page = self.v2(MaxKeys=1001)
        self.assertEqual((page["MaxKeys"], page["KeyCount"], page["IsTruncated"]), (1001, 1000, True))
        self.assertEqual(self.v1(MaxKeys=5000)["MaxKeys"], 5000)

    def test_v1_marker_paging(self):
        first = self.v1()
        self.assertEqual((len(keys_of(first)), first["IsTruncated"], first["MaxKeys"]), (1000, True, 1000))
        # NextMarker is only returned when a delimiter is given.
        self.assertFalse("NextMarker" in first, first.get("NextMarker"))
        self.assertEqual(first["Marker"], "")
        second = self.v1(Marker=keys_of(first)[-1])
        self.assertEqual(keys_of(second), ALL_KEYS[1000:])
        self.assertFalse(second["IsTruncated"])
        self.assertEqual(second["Marker"], ALL_KEYS[999])
        self.assertIn("ID", first["Contents"][0]["Owner"])

    def test_v1_delimiter_next_marker(self):
        page = self.v1(Prefix="photos/", Delimiter="/", MaxKeys=4)
        self.assertEqual(prefixes_of(page), [f"photos/{i:02d}/" for i in range(4)])
        self.assertTrue(page["IsTruncated"])
        self.assertEqual(page["NextMarker"], "photos/03/")
        rest = self.v1(Prefix="photos/", Delimiter="/", Marker=page["NextMarker"])
        self.assertEqual(prefixes_of(rest), [f"photos/{i:02d}/" for i in range(4, 11)])
        self.assertFalse(rest["IsTruncated"])

    def test_v1_and_v2_paginators_agree(self):
        v1 = [k for p in self.s3.get_paginator("list_objects").paginate(Bucket=self.bucket) for k in keys_of(p)]
        self.assertEqual(v1, ALL_KEYS)


class EncodingTypeTest(S3TestCase):
    KEYS = ["sp ace/ü+x.txt", "a&b=c%d.txt", "tab\there", "plain/key.txt"]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("enc")
        for k in cls.KEYS:
            cls.s3.put_object(Bucket=cls.bucket, Key=k, Body=b"x")

    def test_url_encoded_keys_and_prefixes(self):
        for fn in (self.s3.list_objects_v2, self.s3.list_objects):
            with self.subTest(op=fn.__name__):
                # An explicit EncodingType makes botocore hand back the raw (encoded) values.
                r = fn(Bucket=self.bucket, EncodingType="url")
                self.assertEqual(r["EncodingType"], "url")
                raw = keys_of(r)
                self.assertEqual([urllib.parse.unquote_plus(k) for k in raw], sorted(self.KEYS))
                for k in raw:
                    self.assertTrue(k.isascii() and " " not in k and "\t" not in k, k)
                self.assertIn("a%26b%3Dc%25d.txt", raw)
                self.assertIn("plain/key.txt", raw)
                d = fn(Bucket=self.bucket, EncodingType="url", Delimiter="/")
                self.assertEqual([urllib.parse.unquote_plus(p) for p in prefixes_of(d)], ["plain/", "sp ace/"])
                self.assertNotIn(" ", "".join(prefixes_of(d)))

    def test_boto3_default_round_trips_keys(self):
        self.assertEqual(keys_of(self.s3.list_objects_v2(Bucket=self.bucket)), sorted(self.KEYS))
        self.assertEqual(keys_of(self.s3.list_objects_v2(Bucket=self.bucket, Prefix="sp ace/")), ["sp ace/ü+x.txt"])


class OtherListingsTest(S3TestCase):
    """ListObjectVersions, ListMultipartUploads, ListParts and ListBuckets: the same marker, echo
    and token rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("lists")
        cls.s3.put_bucket_versioning(Bucket=cls.bucket, VersioningConfiguration={"Status": "Enabled"})
        for key in ("a/b/c", "a/b/d", "b", "c/x", "d/x", "d/y"):
            cls.s3.put_object(Bucket=cls.bucket, Key=key, Body=b"v")

    def test_versions_marker_inside_a_group_and_malformed_version_marker(self):
        page = self.s3.list_object_versions(Bucket=self.bucket, Delimiter="/", KeyMarker="a/b/c")
        self.assertEqual([p["Prefix"] for p in page.get("CommonPrefixes", [])], ["c/", "d/"])
        self.assertEqual([v["Key"] for v in page["Versions"]], ["b"])
        err = self.assert_error(self.s3.list_object_versions, "InvalidArgument", 400, "Invalid version id specified",
                                Bucket=self.bucket, KeyMarker="b", VersionIdMarker="bogus-vid")
        self.assertEqual(err.get("ArgumentName"), "versionId")
        self.assertEqual(self.s3.list_object_versions(Bucket=self.bucket, MaxKeys=1500)["MaxKeys"], 1500)

    def test_uploads_and_parts_with_zero_and_large_maxima(self):
        ids = [self.s3.create_multipart_upload(Bucket=self.bucket, Key=k)["UploadId"] for k in ("a/1", "a/2", "z")]
        try:
            none = self.s3.list_multipart_uploads(Bucket=self.bucket, MaxUploads=0)
            self.assertEqual((none["IsTruncated"], none.get("Uploads", [])), (False, []))
            page = self.s3.list_multipart_uploads(Bucket=self.bucket, Delimiter="/", KeyMarker="a/1")
            self.assertEqual(([p["Prefix"] for p in page.get("CommonPrefixes", [])], [u["Key"] for u in page["Uploads"]]),
                             ([], ["z"]))
            self.assertEqual(self.s3.list_multipart_uploads(Bucket=self.bucket, MaxUploads=2000)["MaxUploads"], 2000)
            self.s3.upload_part(Bucket=self.bucket, Key="z", UploadId=ids[2], PartNumber=1, Body=b"p")
            parts = self.s3.list_parts(Bucket=self.bucket, Key="z", UploadId=ids[2], MaxParts=0)
            self.assertEqual((parts["IsTruncated"], parts.get("Parts", [])), (False, []))
            self.assertEqual(self.s3.list_parts(Bucket=self.bucket, Key="z", UploadId=ids[2], MaxParts=1200)["MaxParts"], 1200)
        finally:
            for key, upload_id in zip(("a/1", "a/2", "z"), ids):
                self.s3.abort_multipart_upload(Bucket=self.bucket, Key=key, UploadId=upload_id)

    def test_list_buckets_tokens_are_opaque(self):
        for name in ("tok-a", "tok-b"):
            self.s3.create_bucket(Bucket=name)
        try:
            first = self.s3.list_buckets(Prefix="tok-", MaxBuckets=1)
            self.assertEqual([b["Name"] for b in first["Buckets"]], ["tok-a"])
            self.assertNotIn("tok-a", first["ContinuationToken"])
            rest = self.s3.list_buckets(Prefix="tok-", MaxBuckets=1, ContinuationToken=first["ContinuationToken"])
            self.assertEqual([b["Name"] for b in rest["Buckets"]], ["tok-b"])
            self.assert_error(self.s3.list_buckets, "InvalidArgument", 400, "The continuation token provided is incorrect",
                              ContinuationToken="tok-a")
        finally:
            for name in ("tok-a", "tok-b"):
                self.s3.delete_bucket(Bucket=name)


if __name__ == "__main__":
    unittest.main()
