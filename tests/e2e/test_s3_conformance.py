"""S3 behaviours found by running an external conformance suite against Skybox, each checked here
in our own words: a retried CompleteMultipartUpload after a completion that succeeded,
ListObjects (v1) leaving Prefix unencoded under encoding-type=url while v2 encodes it,
GetBucketPolicyStatus, SigV4 signed over the Date header, presigned URLs with a negative
X-Amz-Expires, reads that name a server-side encryption, keys that are not UTF-8, an empty
ListObjectsV2 continuation token, Block Public Access refusing public ACLs and policies, and
uploads that declare no Content-Length."""
import email.utils
import http.client
import json
import unittest

import requests

from s3_endpoint import MiB, S3TestCase, multipart_etag, sign_headers, unique_name

NO_SUCH_UPLOAD = ("The specified upload does not exist. The upload ID may be invalid, "
                  "or the upload may have been aborted or completed.")


class RetriedCompleteTest(S3TestCase):
    """A client whose CompleteMultipartUpload answer was lost retries it; S3 answers the retry
    with the object the first call made, as long as the listed parts are that object's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("recomplete")
        cls.versioned = cls.make_bucket("recomplete-v", versioned=True)

    def upload_two_parts(self, bucket, key):
        uid = self.s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        bodies = [b"a" * (5 * MiB), b"tail"]
        parts = [{"PartNumber": n + 1, "ETag": self.s3.upload_part(Bucket=bucket, Key=key, UploadId=uid,
                                                                    PartNumber=n + 1, Body=body)["ETag"]}
                 for n, body in enumerate(bodies)]
        return uid, parts, bodies

    def complete(self, bucket, key, uid, parts):
        return self.s3.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=uid,
                                                 MultipartUpload={"Parts": parts})

    def test_retry_answers_the_object_already_made(self):
        uid, parts, bodies = self.upload_two_parts(self.bucket, "retry/same")
        first = self.complete(self.bucket, "retry/same", uid, parts)
        again = self.complete(self.bucket, "retry/same", uid, parts)
        self.assertEqual(again["ETag"], multipart_etag(bodies))
        self.assertEqual((again["Bucket"], again["Key"], again["ETag"]), (first["Bucket"], first["Key"], first["ETag"]))
        self.assertTrue(again["Location"].endswith("/retry/same"), again["Location"])
        body = self.s3.get_object(Bucket=self.bucket, Key="retry/same")["Body"].read()
        self.assertEqual(body, b"".join(bodies))

    def test_retry_in_versioned_bucket_makes_no_second_version(self):
        uid, parts, _ = self.upload_two_parts(self.versioned, "retry/versioned")
        first = self.complete(self.versioned, "retry/versioned", uid, parts)
        again = self.complete(self.versioned, "retry/versioned", uid, parts)
        self.assertEqual(again["VersionId"], first["VersionId"])
        versions = self.s3.list_object_versions(Bucket=self.versioned, Prefix="retry/versioned")["Versions"]
        self.assertEqual([v["VersionId"] for v in versions], [first["VersionId"]])

    def test_retry_listing_other_parts_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/other")
        self.complete(self.bucket, "retry/other", uid, parts)
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/other", uid=uid, parts=parts[:1])

    def test_retry_after_the_key_was_overwritten_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/overwritten")
        self.complete(self.bucket, "retry/overwritten", uid, parts)
        self.s3.put_object(Bucket=self.bucket, Key="retry/overwritten", Body=b"newer")
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/overwritten", uid=uid, parts=parts)

    def test_retry_after_the_object_was_deleted_is_no_such_upload(self):
        uid, parts, _ = self.upload_two_parts(self.bucket, "retry/deleted")
        self.complete(self.bucket, "retry/deleted", uid, parts)
        self.s3.delete_object(Bucket=self.bucket, Key="retry/deleted")
        self.assert_error(self.complete, "NoSuchUpload", 404, NO_SUCH_UPLOAD,
                          bucket=self.bucket, key="retry/deleted", uid=uid, parts=parts)


class ListPrefixEncodingTest(S3TestCase):
    """boto3 sends encoding-type=url on every listing and decodes only the elements S3 encodes:
    in ListObjects (v1) that excludes Prefix, in ListObjectsV2 it includes it."""

    PREFIX = "dir one/+x\n"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("prefixenc")
        cls.s3.put_object(Bucket=cls.bucket, Key=cls.PREFIX + "key", Body=b"x")

    def raw_listing(self, operation, **kwargs):
        bodies = []
        event = f"after-call.s3.{operation}"
        handler = lambda http_response, **_: bodies.append(http_response.content.decode())  # noqa: E731
        self.s3.meta.events.register(event, handler)
        try:
            parsed = getattr(self.s3, "list_objects" if operation == "ListObjects" else "list_objects_v2")(**kwargs)
        finally:
            self.s3.meta.events.unregister(event, handler)
        return parsed, bodies[0]

    def test_v1_prefix_is_returned_as_given(self):
        parsed, raw = self.raw_listing("ListObjects", Bucket=self.bucket, Prefix=self.PREFIX)
        self.assertEqual(parsed["Prefix"], self.PREFIX)
        self.assertEqual([o["Key"] for o in parsed["Contents"]], [self.PREFIX + "key"])
        self.assertIn("<Prefix>dir one/+x\n</Prefix>", raw)
        self.assertIn("<Key>dir%20one/%2Bx%0Akey</Key>", raw)

    def test_v2_prefix_is_url_encoded(self):
        parsed, raw = self.raw_listing("ListObjectsV2", Bucket=self.bucket, Prefix=self.PREFIX)
        self.assertEqual(parsed["Prefix"], self.PREFIX)
        self.assertEqual([o["Key"] for o in parsed["Contents"]], [self.PREFIX + "key"])
        self.assertIn("<Prefix>dir%20one/%2Bx%0A</Prefix>", raw)


class PolicyStatusTest(S3TestCase):
    """GetBucketPolicyStatus reports whether the bucket policy grants access to anyone; with no
    policy it answers NoSuchBucketPolicy like GetBucketPolicy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("policystatus", public=True)

    def put_policy(self, statement):
        statement = dict({"Effect": "Allow", "Action": "s3:GetObject",
                          "Resource": f"arn:aws:s3:::{self.bucket}/*"}, **statement)
        self.s3.put_bucket_policy(Bucket=self.bucket,
                                  Policy=json.dumps({"Version": "2012-10-17", "Statement": [statement]}))

    def is_public(self):
        return self.s3.get_bucket_policy_status(Bucket=self.bucket)["PolicyStatus"]["IsPublic"]

    def test_policy_status(self):
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucketPolicy", 404,
                          "The bucket policy does not exist", Bucket=self.bucket)
        self.put_policy({"Principal": "*"})
        self.assertIs(self.is_public(), True)
        self.put_policy({"Principal": {"AWS": "*"}, "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/32"}}})
        self.assertIs(self.is_public(), False)
        self.put_policy({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
        self.assertIs(self.is_public(), False)
        self.s3.delete_bucket_policy(Bucket=self.bucket)
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucketPolicy", 404, Bucket=self.bucket)

    def test_missing_bucket(self):
        self.assert_error(self.s3.get_bucket_policy_status, "NoSuchBucket", 404, Bucket="no-such-bucket-policystatus")

    def test_malformed_statements_are_refused(self):
        """PutBucketPolicy checks each statement's shape (MalformedPolicy, 400) and keeps the
        policy it had."""
        self.put_policy({"Principal": {"AWS": "arn:aws:iam::111122223333:root"}})
        objects = f"arn:aws:s3:::{self.bucket}/*"
        cases = [
            ({"Effect": "Allow", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"}}, "Invalid principal in policy"),
            ({"Principal": {"AWS": "arn:aws:iam::*:root"}}, "Invalid principal in policy"),
            ({"Principal": "*", "Resource": "*"}, "Policy has invalid resource"),
            ({"Principal": "*", "Resource": "arn:aws:s3:::some-other-bucket/*"}, "Policy has invalid resource"),
            ({"Principal": "*", "Action": "sqs:SendMessage"}, "Policy has invalid action"),
            ({"Principal": "*", "Effect": "Permit"}, "Invalid effect: Permit"),
        ]
        for statement, message in cases:
            with self.subTest(message=message, statement=statement):
                policy = json.dumps({"Version": "2012-10-17", "Statement": [
                    dict({"Effect": "Allow", "Action": "s3:GetObject", "Resource": objects}, **statement)]})
                self.assert_error(self.s3.put_bucket_policy, "MalformedPolicy", 400, message,
                                  Bucket=self.bucket, Policy=policy)
        missing = json.dumps({"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": objects}]})
        self.assert_error(self.s3.put_bucket_policy, "MalformedPolicy", 400, "Missing required field Principal",
                          Bucket=self.bucket, Policy=missing)
        kept = json.loads(self.s3.get_bucket_policy(Bucket=self.bucket)["Policy"])
        self.assertEqual(kept["Statement"][0]["Principal"], {"AWS": "arn:aws:iam::111122223333:root"})
        deny = {"Effect": "Deny", "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:root"},
                "Action": "s3:*", "Resource": [f"arn:aws:s3:::{self.bucket}", objects]}
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps({"Statement": [deny]}))
        self.assertEqual(json.loads(self.s3.get_bucket_policy(Bucket=self.bucket)["Policy"])["Statement"][0], deny)
        self.s3.delete_bucket_policy(Bucket=self.bucket)


class SigV4DateHeaderTest(S3TestCase):
    """SigV4 takes the request time from the Date header when there is no X-Amz-Date: botocore,
    given a Date header, signs over it (in email.utils' "-0000" zone) and sends no X-Amz-Date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("sigv4date")

    def test_put_signed_over_the_date_header(self):
        client = self.endpoint.client()
        sent = []
        client.meta.events.register("before-call.s3.PutObject", lambda params, **_: params["headers"].update(
            {"Date": email.utils.formatdate(usegmt=True)}))
        client.meta.events.register("before-send.s3.PutObject", lambda request, **_: sent.append(request.headers))
        client.put_object(Bucket=self.bucket, Key="dated", Body=b"dated body")
        self.assertNotIn("X-Amz-Date", sent[0])
        self.assertIn("date;", sent[0]["Authorization"].decode())
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="dated")["Body"].read(), b"dated body")

    def test_undated_request_is_malformed_once(self):
        signed = dict(self.endpoint.request("GET", f"/{self.bucket}/undated").request.headers)
        del signed["X-Amz-Date"]
        r = requests.get(f"{self.endpoint.url}/{self.bucket}/undated", headers=signed, timeout=30)
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("<Code>AuthorizationHeaderMalformed</Code>", r.text)
        self.assertEqual(r.text.count("The authorization header is malformed;"), 1, r.text)


class PresignedExpiryTest(S3TestCase):
    def test_negative_expires_is_refused(self):
        bucket = self.make_bucket("negexpiry")
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"x")
        v4 = self.endpoint.client(signature_version="s3v4")
        url = v4.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "k"}, ExpiresIn=-7)
        self.assertIn("X-Amz-Expires=-7", url)
        r = requests.get(url, timeout=30)
        self.assertEqual(r.status_code, 400)
        self.assertIn("<Code>AuthorizationQueryParametersError</Code>", r.text)
        self.assertIn("<Message>X-Amz-Expires must be non-negative</Message>", r.text)
        url = v4.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "k"}, ExpiresIn=60)
        self.assertEqual(requests.get(url, timeout=30).content, b"x")


class ReadWithEncryptionHeaderTest(S3TestCase):
    """Encryption is chosen when an object is written; GetObject and HeadObject naming
    x-amz-server-side-encryption are refused with 400 InvalidArgument."""

    MESSAGE = "x-amz-server-side-encryption header is not supported for this operation."

    def test_get_and_head_refuse_the_header(self):
        bucket = self.make_bucket("ssereads")
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"x", ServerSideEncryption="AES256")
        client = self.endpoint.client()
        for operation in ("GetObject", "HeadObject"):
            client.meta.events.register(f"before-call.s3.{operation}", lambda params, **_: params["headers"].update(
                {"x-amz-server-side-encryption": "AES256"}))
        self.assert_error(client.get_object, "InvalidArgument", 400, self.MESSAGE, Bucket=bucket, Key="k")
        _, status, _ = self.client_error(client.head_object, Bucket=bucket, Key="k")
        self.assertEqual(status, 400)
        # Without the header the object reads, and reports its encryption.
        got = self.s3.get_object(Bucket=bucket, Key="k")
        self.assertEqual((got["Body"].read(), got["ServerSideEncryption"]), (b"x", "AES256"))


class KeyEncodingTest(S3TestCase):
    def test_key_that_is_not_utf8_is_an_invalid_uri(self):
        bucket = self.make_bucket("badutf8")
        # The key "PLACEHOLDER" goes out as %AE%8A-, which percent-decodes to bytes that are no text.
        raw = self.endpoint.client()
        raw.meta.events.register("before-sign.s3", lambda request, **_: setattr(
            request, "url", request.url.replace("/PLACEHOLDER", "/%AE%8A-")))
        for call in (lambda: raw.put_object(Bucket=bucket, Key="PLACEHOLDER", Body=b"x"),
                     lambda: raw.get_object(Bucket=bucket, Key="PLACEHOLDER"),
                     lambda: raw.create_multipart_upload(Bucket=bucket, Key="PLACEHOLDER"),
                     lambda: raw.get_object_tagging(Bucket=bucket, Key="PLACEHOLDER")):
            self.assert_error(call, "InvalidURI", 400, "Couldn't parse the specified URI.")
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=bucket))
        # The same characters as text are a key like any other.
        self.s3.put_object(Bucket=bucket, Key="\xae\x8a-", Body=b"x")
        self.assertEqual(self.s3.get_object(Bucket=bucket, Key="\xae\x8a-")["Body"].read(), b"x")


class EmptyContinuationTokenTest(S3TestCase):
    def test_empty_token_lists_from_the_start_and_is_echoed(self):
        bucket = self.make_bucket("emptytoken")
        for key in ("a", "b"):
            self.s3.put_object(Bucket=bucket, Key=key, Body=b"x")
        page = self.s3.list_objects_v2(Bucket=bucket, ContinuationToken="")
        self.assertEqual(([o["Key"] for o in page["Contents"]], page["ContinuationToken"], page["IsTruncated"]),
                         (["a", "b"], "", False))
        self.assert_error(self.s3.list_objects_v2, "InvalidArgument", 400, "The continuation token provided is incorrect",
                          Bucket=bucket, ContinuationToken="!!")


class BlockPublicAccessTest(S3TestCase):
    """A bucket's public access block refuses new public ACLs (BlockPublicAcls) and public
    policies (BlockPublicPolicy) with 403 AccessDenied; private ones still go through."""

    def bucket_with_block(self, **settings):
        bucket = self.track_bucket(unique_name("bpa"))
        self.s3.create_bucket(Bucket=bucket, ObjectOwnership="ObjectWriter")
        config = dict({"BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
                       "RestrictPublicBuckets": False}, **settings)
        self.s3.put_public_access_block(Bucket=bucket, PublicAccessBlockConfiguration=config)
        return bucket

    def test_public_acls_are_refused(self):
        bucket = self.bucket_with_block(BlockPublicAcls=True)
        for acl in ("public-read", "public-read-write", "authenticated-read"):
            self.assert_error(self.s3.put_bucket_acl, "AccessDenied", 403, Bucket=bucket, ACL=acl)
        self.assert_error(self.s3.put_object, "AccessDenied", 403, Bucket=bucket, Key="k", Body=b"x",
                          ACL="public-read")
        self.s3.put_object(Bucket=bucket, Key="k", Body=b"x", ACL="private")
        self.assert_error(self.s3.put_object_acl, "AccessDenied", 403, Bucket=bucket, Key="k",
                          ACL="authenticated-read")
        self.s3.put_bucket_acl(Bucket=bucket, ACL="private")
        # Without the block a public ACL is set.
        open_bucket = self.bucket_with_block()
        self.s3.put_bucket_acl(Bucket=open_bucket, ACL="public-read")

    def test_public_policy_is_refused(self):
        bucket = self.bucket_with_block(BlockPublicPolicy=True)

        def policy(principal):
            return json.dumps({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*"}]})

        self.assert_error(self.s3.put_bucket_policy, "AccessDenied", 403, Bucket=bucket, Policy=policy("*"))
        self.assert_error(self.s3.get_bucket_policy, "NoSuchBucketPolicy", 404, Bucket=bucket)
        self.s3.put_bucket_policy(Bucket=bucket, Policy=policy({"AWS": "arn:aws:iam::111122223333:root"}))
        self.s3.delete_public_access_block(Bucket=bucket)
        self.s3.put_bucket_policy(Bucket=bucket, Policy=policy("*"))
        self.assertIs(self.s3.get_bucket_policy_status(Bucket=bucket)["PolicyStatus"]["IsPublic"], True)


class MissingContentLengthTest(S3TestCase):
    """An upload with neither Content-Length nor Transfer-Encoding is 411 MissingContentLength."""

    def send_without_length(self, path):
        url = f"{self.endpoint.url}{path}"
        headers = sign_headers("PUT", url, {})
        conn = http.client.HTTPConnection(self.endpoint.host, self.endpoint.port, timeout=30)
        try:
            conn.putrequest("PUT", path, skip_accept_encoding=True)  # http.client adds no Content-Length here
            for name, value in headers.items():
                conn.putheader(name, value)
            conn.endheaders()
            response = conn.getresponse()
            return response.status, response.read().decode()
        finally:
            conn.close()

    def test_put_object_and_upload_part_need_a_length(self):
        bucket = self.make_bucket("nolength")
        status, body = self.send_without_length(f"/{bucket}/k")
        self.assertEqual(status, 411, body)
        self.assertIn("<Code>MissingContentLength</Code>", body)
        self.assertIn("<Message>You must provide the Content-Length HTTP header.</Message>", body)
        uid = self.s3.create_multipart_upload(Bucket=bucket, Key="k")["UploadId"]
        status, body = self.send_without_length(f"/{bucket}/k?partNumber=1&uploadId={uid}")
        self.assertEqual(status, 411, body)
        self.assertIn("<Code>MissingContentLength</Code>", body)
        # An empty body with Content-Length: 0 is an empty object.
        self.s3.put_object(Bucket=bucket, Key="empty", Body=b"")
        self.assertEqual(self.s3.head_object(Bucket=bucket, Key="empty")["ContentLength"], 0)


if __name__ == "__main__":
    unittest.main()
