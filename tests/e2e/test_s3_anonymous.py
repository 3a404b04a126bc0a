"""Anonymous (unsigned) reads, as browsers, curl and unsigned SDK clients make them of public
buckets: refused unless the bucket policy grants them to everyone, then served; a missing key is
404 only when the policy also grants s3:ListBucket; writes stay refused; Deny statements,
conditions and RestrictPublicBuckets are honoured. On a bucket whose ACLs are on (ownership
controls other than BucketOwnerEnforced), public-read ACLs grant the same reads, unless the public
access block ignores public ACLs. Clients: requests (plain HTTP), boto3 with botocore.UNSIGNED and
the AWS CLI."""
import json
import time
import unittest

import boto3
import botocore
import botocore.config
import botocore.exceptions
import requests

from s3_endpoint import REGION, S3TestCase


def public_policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def allow(actions, resource, **extra):
    return dict({"Effect": "Allow", "Principal": "*", "Action": actions, "Resource": resource}, **extra)


class AnonymousAccessTest(S3TestCase):
    def setUp(self):
        self.bucket = self.make_bucket("anon", public=True)
        self.s3.put_object(Bucket=self.bucket, Key="public/cat.txt", Body=b"meow", ContentType="text/plain")
        self.s3.put_object(Bucket=self.bucket, Key="private/key.pem", Body=b"secret")

    def url(self, path):
        return f"{self.endpoint.url}/{self.bucket}/{path}"

    def unsigned_client(self, addressing_style="path"):
        return boto3.client("s3", endpoint_url=self.endpoint.url, region_name=REGION,
                            config=botocore.config.Config(signature_version=botocore.UNSIGNED,
                                                          retries={"max_attempts": 1},
                                                          s3={"addressing_style": addressing_style}))

    def assert_denied(self, response):
        self.assertEqual(response.status_code, 403, response.text)
        if response.request.method != "HEAD":
            self.assertIn("<Code>AccessDenied</Code>", response.text)

    def test_no_policy_no_access(self):
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))
        self.assert_denied(requests.head(self.url("public/cat.txt"), timeout=10))
        self.assert_denied(requests.get(f"{self.endpoint.url}/{self.bucket}?list-type=2", timeout=10))
        err = self.client_error(self.unsigned_client().get_object, Bucket=self.bucket, Key="public/cat.txt")
        self.assertEqual((err[0]["Code"], err[1]), ("AccessDenied", 403))

    def test_public_read_policy_serves_objects_and_nothing_more(self):
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/public/*")))
        got = requests.get(self.url("public/cat.txt"), timeout=10)
        self.assertEqual((got.status_code, got.content, got.headers["Content-Type"]), (200, b"meow", "text/plain"))
        self.assertEqual(requests.head(self.url("public/cat.txt"), timeout=10).headers["Content-Length"], "4")
        ranged = requests.get(self.url("public/cat.txt"), headers={"Range": "bytes=1-2"}, timeout=10)
        self.assertEqual((ranged.status_code, ranged.content), (206, b"eo"))
        overridden = requests.get(self.url("public/cat.txt"), params={"response-content-type": "image/png"}, timeout=10)
        self.assertEqual(overridden.status_code, 400)
        self.assertIn("Request specific response headers cannot be used for anonymous GET requests.", overridden.text)
        anonymous = self.unsigned_client()
        self.assertEqual(anonymous.get_object(Bucket=self.bucket, Key="public/cat.txt")["Body"].read(), b"meow")
        # Outside the granted prefix, listing, writes, deletes and configuration: refused.
        self.assert_denied(requests.get(self.url("private/key.pem"), timeout=10))
        self.assert_denied(requests.get(f"{self.endpoint.url}/{self.bucket}?list-type=2", timeout=10))
        self.assert_denied(requests.put(self.url("public/new.txt"), data=b"x", timeout=10))
        self.assert_denied(requests.delete(self.url("public/cat.txt"), timeout=10))
        self.assert_denied(requests.get(f"{self.endpoint.url}/{self.bucket}?policy", timeout=10))
        self.assert_denied(requests.get(f"{self.endpoint.url}/{self.bucket}/public/cat.txt?tagging", timeout=10))
        err = self.client_error(anonymous.put_object, Bucket=self.bucket, Key="public/new.txt", Body=b"x")
        self.assertEqual((err[0]["Code"], err[1]), ("AccessDenied", 403))
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="public/cat.txt")["Body"].read(), b"meow")
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="public/new"))

    def test_missing_keys_are_404_only_with_list_permission(self):
        read = allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/*")
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(read))
        self.assert_denied(requests.get(self.url("public/missing.txt"), timeout=10))
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            read, allow("s3:ListBucket", f"arn:aws:s3:::{self.bucket}")))
        missing = requests.get(self.url("public/missing.txt"), timeout=10)
        self.assertEqual(missing.status_code, 404)
        self.assertIn("<Code>NoSuchKey</Code>", missing.text)
        listing = self.unsigned_client().list_objects_v2(Bucket=self.bucket, Prefix="public/")
        self.assertEqual([o["Key"] for o in listing["Contents"]], ["public/cat.txt"])
        v1 = self.unsigned_client().list_objects(Bucket=self.bucket)["Contents"]
        self.assertEqual(len(v1), 2)
        self.assertNotIn("Owner", v1[0])  # an anonymous caller names no account
        self.unsigned_client().head_bucket(Bucket=self.bucket)
        # Versions need their own action.
        err = self.client_error(self.unsigned_client().list_object_versions, Bucket=self.bucket)
        self.assertEqual((err[0]["Code"], err[1]), ("AccessDenied", 403))
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            read, allow(["s3:ListBucket", "s3:ListBucketVersions"], f"arn:aws:s3:::{self.bucket}")))
        versions = self.unsigned_client().list_object_versions(Bucket=self.bucket)["Versions"]
        self.assertEqual(sorted(v["Key"] for v in versions), ["private/key.pem", "public/cat.txt"])

    def test_aws_cli_no_sign_request(self):
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/public/*"),
            allow("s3:ListBucket", f"arn:aws:s3:::{self.bucket}")))
        listed = self.endpoint.aws("s3", "ls", f"s3://{self.bucket}/public/", "--no-sign-request")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("cat.txt", listed.stdout)
        copied = self.endpoint.aws("s3", "cp", f"s3://{self.bucket}/public/cat.txt", "-", "--no-sign-request")
        self.assertEqual((copied.returncode, copied.stdout), (0, "meow"), copied.stderr)
        refused = self.endpoint.aws("s3", "cp", f"s3://{self.bucket}/private/key.pem", "-", "--no-sign-request")
        self.assertNotEqual(refused.returncode, 0)
        self.assertIn("403", refused.stderr)

    def test_missing_bucket_is_404(self):
        gone = requests.get(f"{self.endpoint.url}/{self.bucket}-none/public/cat.txt", timeout=10)
        self.assertEqual(gone.status_code, 404)
        self.assertIn("<Code>NoSuchBucket</Code>", gone.text)

    def test_deny_statements_and_conditions(self):
        bucket_objects = f"arn:aws:s3:::{self.bucket}/*"
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", bucket_objects),
            {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
             "Resource": f"arn:aws:s3:::{self.bucket}/private/*"}))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        self.assert_denied(requests.get(self.url("private/key.pem"), timeout=10))
        # Conditions on the request: the Referer header, the source address, HTTPS.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", bucket_objects,
                               Condition={"StringLike": {"aws:Referer": "https://shop.example/*"}})))
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))
        with_referer = requests.get(self.url("public/cat.txt"), headers={"Referer": "https://shop.example/p/1"},
                                    timeout=10)
        self.assertEqual(with_referer.status_code, 200)
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", bucket_objects,
                               Condition={"IpAddress": {"aws:SourceIp": "127.0.0.0/8"}})))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", bucket_objects,
                               Condition={"Bool": {"aws:SecureTransport": "true"}})))
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))

    def test_time_limited_grant_and_listing_cap(self):
        # Date conditions on aws:CurrentTime / aws:EpochTime, Numeric ones on s3:max-keys.
        now = time.time()
        iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
        objects = f"arn:aws:s3:::{self.bucket}/*"
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", objects, Condition={"DateLessThan": {"aws:CurrentTime": iso(now + 3600)}})))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).content, b"meow")
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", objects, Condition={"DateLessThan": {"aws:CurrentTime": iso(now - 3600)}})))
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", objects, Condition={"NumericGreaterThan": {"aws:EpochTime": str(int(now) - 60)}})))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        # Listings capped at 10 keys a page.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:ListBucket", f"arn:aws:s3:::{self.bucket}",
                  Condition={"NumericLessThanEquals": {"s3:max-keys": "10"}})))
        listing = f"{self.endpoint.url}/{self.bucket}?list-type=2"
        self.assertEqual(requests.get(listing + "&max-keys=10", timeout=10).status_code, 200)
        self.assert_denied(requests.get(listing + "&max-keys=11", timeout=10))
        self.assert_denied(requests.get(listing, timeout=10))  # no max-keys: the condition cannot hold

    def test_restrict_public_buckets_and_deleted_policy(self):
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/*")))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        self.s3.put_public_access_block(Bucket=self.bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": True})
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))
        self.s3.delete_public_access_block(Bucket=self.bucket)
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        self.s3.delete_bucket_policy(Bucket=self.bucket)
        self.assert_denied(requests.get(self.url("public/cat.txt"), timeout=10))

    def test_virtual_host_and_signed_requests_unchanged(self):
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/public/*")))
        vhost = requests.get(f"{self.endpoint.url}/public/cat.txt", timeout=10,
                             headers={"Host": f"{self.bucket}.localhost:{self.endpoint.port}"})
        self.assertEqual((vhost.status_code, vhost.content), (200, b"meow"))
        # A bad signature is still refused, whatever the policy grants to anonymous callers.
        wrong_secret = boto3.client("s3", endpoint_url=self.endpoint.url, region_name=REGION, aws_access_key_id="test",
                                    aws_secret_access_key="not-the-secret",
                                    config=botocore.config.Config(retries={"max_attempts": 1}))
        err = self.client_error(wrong_secret.get_object, Bucket=self.bucket, Key="public/cat.txt")
        self.assertEqual((err[0]["Code"], err[1]), ("SignatureDoesNotMatch", 403))

    def test_presigned_urls_are_verified_never_anonymous(self):
        # private/ is granted to no one, so only a valid signature can read it.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:GetObject", f"arn:aws:s3:::{self.bucket}/public/*")))
        for version in ("s3v4", "s3"):  # SigV4 and SigV2 query signatures
            signer = self.endpoint.client(signature_version=version)
            url = signer.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "private/key.pem"})
            self.assertEqual(requests.get(url, timeout=10).content, b"secret", version)
            name = "X-Amz-Signature=" if version == "s3v4" else "Signature="
            at = url.index(name) + len(name)
            tampered = url[:at] + ("0" if url[at] != "0" else "1") + url[at + 1:]
            refused = requests.get(tampered, timeout=10)
            self.assertEqual(refused.status_code, 403, version)
            self.assertIn("<Code>SignatureDoesNotMatch</Code>", refused.text)
        # Half a signature is no signature, and not an anonymous request either.
        for params in ({"AWSAccessKeyId": "test"}, {"Signature": "abc"}, {"X-Amz-Credential": "test"}):
            partial = requests.get(self.url("public/cat.txt"), params=params, timeout=10)
            self.assertIn(partial.status_code, (400, 403), params)
            self.assertNotEqual(partial.content, b"meow", params)

    def test_only_reads_are_ever_anonymous(self):
        # Even a policy granting everything to everyone opens no write, delete or configuration
        # call to unsigned requests, in either addressing style.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            allow("s3:*", [f"arn:aws:s3:::{self.bucket}", f"arn:aws:s3:::{self.bucket}/*"])))
        self.assertEqual(requests.get(self.url("public/cat.txt"), timeout=10).status_code, 200)
        vhost = {"Host": f"{self.bucket}.localhost:{self.endpoint.port}"}
        for method, path, kwargs in (
                ("PUT", self.url("public/new.txt"), {"data": b"x"}),
                ("PUT", f"{self.endpoint.url}/public/new.txt", {"data": b"x", "headers": vhost}),
                ("DELETE", self.url("public/cat.txt"), {}),
                ("DELETE", f"{self.endpoint.url}/public/cat.txt", {"headers": vhost}),
                ("GET", f"{self.endpoint.url}/{self.bucket}?policy", {}),
                ("DELETE", f"{self.endpoint.url}/{self.bucket}?policy", {}),
                ("GET", f"{self.endpoint.url}/", {}),
                ("POST", f"{self.endpoint.url}/{self.bucket}/public/cat.txt?uploads", {}),
                ("PUT", f"{self.endpoint.url}/{self.bucket}-new", {})):
            self.assert_denied(requests.request(method, path, timeout=10, **kwargs))
        # A GET carrying a body is not served unsigned either.
        self.assert_denied(requests.get(self.url("public/cat.txt"), data=b"x" * 100000, timeout=10))
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="public/cat.txt")["Body"].read(), b"meow")
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="public/new"))
        self.assertNotIn(f"{self.bucket}-new", [b["Name"] for b in self.s3.list_buckets()["Buckets"]])
        self.assertIn("s3:*", self.s3.get_bucket_policy(Bucket=self.bucket)["Policy"])  # not deleted


class PublicAclTest(S3TestCase):
    """ACL grants to AllUsers, on buckets created with ACLs on (ObjectOwnership ObjectWriter)."""

    def setUp(self):
        self.bucket = self.make_bucket("acl", public=True, ObjectOwnership="ObjectWriter")

    def url(self, path=""):
        return f"{self.endpoint.url}/{self.bucket}/{path}"

    def assert_denied(self, response):
        self.assertEqual(response.status_code, 403, response.text)
        if response.request.method != "HEAD":
            self.assertIn("<Code>AccessDenied</Code>", response.text)

    def test_public_read_object_acl_serves_that_object_only(self):
        self.s3.put_object(Bucket=self.bucket, Key="site/index.html", Body=b"<h1>hi</h1>", ContentType="text/html",
                           ACL="public-read")
        self.s3.put_object(Bucket=self.bucket, Key="site/draft.html", Body=b"draft")
        got = requests.get(self.url("site/index.html"), timeout=10)
        self.assertEqual((got.status_code, got.content, got.headers["Content-Type"]), (200, b"<h1>hi</h1>", "text/html"))
        head = requests.head(self.url("site/index.html"), timeout=10)
        self.assertEqual((head.status_code, head.headers["Content-Length"]), (200, "11"))
        self.assert_denied(requests.get(self.url("site/draft.html"), timeout=10))
        self.assert_denied(requests.head(self.url("site/draft.html"), timeout=10))
        # The bucket is private: no listing, and a missing key does not answer 404.
        self.assert_denied(requests.get(self.url() + "?list-type=2", timeout=10))
        self.assert_denied(requests.get(self.url("site/missing.html"), timeout=10))
        # PutObjectAcl opens and closes an object; a new version comes with its own (private) ACL.
        self.s3.put_object_acl(Bucket=self.bucket, Key="site/draft.html", ACL="public-read")
        self.assertEqual(requests.get(self.url("site/draft.html"), timeout=10).content, b"draft")
        self.s3.put_object_acl(Bucket=self.bucket, Key="site/draft.html", ACL="private")
        self.assert_denied(requests.get(self.url("site/draft.html"), timeout=10))
        self.s3.put_object(Bucket=self.bucket, Key="site/index.html", Body=b"<h1>v2</h1>")
        self.assert_denied(requests.get(self.url("site/index.html"), timeout=10))
        # Grants to every AWS account are not grants to anonymous callers.
        self.s3.put_object(Bucket=self.bucket, Key="site/auth.html", Body=b"a", ACL="authenticated-read")
        self.assert_denied(requests.get(self.url("site/auth.html"), timeout=10))
        # Writes stay signed-only, whatever the ACL.
        self.assert_denied(requests.put(self.url("site/new.html"), data=b"x", timeout=10))
        self.assert_denied(requests.get(self.url("site/index.html") + "?acl", timeout=10))

    def test_public_read_bucket_acl_lists_and_reveals_missing_keys(self):
        self.s3.put_object(Bucket=self.bucket, Key="a.txt", Body=b"a", ACL="public-read")
        self.s3.put_object(Bucket=self.bucket, Key="b.txt", Body=b"b")
        self.assert_denied(requests.get(self.url("missing.txt"), timeout=10))
        self.s3.put_bucket_acl(Bucket=self.bucket, ACL="public-read")
        anonymous = boto3.client("s3", endpoint_url=self.endpoint.url, region_name=REGION,
                                 config=botocore.config.Config(signature_version=botocore.UNSIGNED,
                                                               retries={"max_attempts": 1}))
        self.assertEqual([o["Key"] for o in anonymous.list_objects_v2(Bucket=self.bucket)["Contents"]],
                         ["a.txt", "b.txt"])
        self.assertEqual(len(anonymous.list_objects(Bucket=self.bucket)["Contents"]), 2)
        self.assertEqual(len(anonymous.list_object_versions(Bucket=self.bucket)["Versions"]), 2)
        anonymous.head_bucket(Bucket=self.bucket)
        missing = requests.get(self.url("missing.txt"), timeout=10)
        self.assertEqual(missing.status_code, 404)
        self.assertIn("<Code>NoSuchKey</Code>", missing.text)
        # Listing a bucket reads none of its objects: b.txt keeps its private ACL.
        self.assertEqual(anonymous.get_object(Bucket=self.bucket, Key="a.txt")["Body"].read(), b"a")
        err = self.client_error(anonymous.get_object, Bucket=self.bucket, Key="b.txt")
        self.assertEqual((err[0]["Code"], err[1]), ("AccessDenied", 403))
        listed = self.endpoint.aws("s3", "ls", f"s3://{self.bucket}/", "--no-sign-request")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("b.txt", listed.stdout)
        self.s3.put_bucket_acl(Bucket=self.bucket, ACL="private")
        self.assert_denied(requests.get(self.url() + "?list-type=2", timeout=10))

    def test_lookups_do_not_reveal_names_without_list_permission(self):
        # No grant at all, but ACLs are on, so every anonymous read reaches the object lookup:
        # whether a key, a version or a delete marker exists must not show.
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
        self.s3.put_object(Bucket=self.bucket, Key="kept", Body=b"k")
        self.s3.put_object(Bucket=self.bucket, Key="gone", Body=b"g")
        marker = self.s3.delete_object(Bucket=self.bucket, Key="gone")["VersionId"]
        unknown = "A" * 32
        for path, params in (("kept", {}), ("missing", {}), ("gone", {}), ("kept", {"versionId": unknown}),
                             ("kept", {"versionId": "null"}), ("gone", {"versionId": marker})):
            for method in ("GET", "HEAD"):
                got = requests.request(method, self.url(path), params=params, timeout=10)
                self.assert_denied(got)
                self.assertNotIn("x-amz-delete-marker", got.headers, (method, path, params))
                self.assertNotIn("x-amz-version-id", got.headers, (method, path, params))
        # With the bucket readable by everyone, the answers are S3's usual ones.
        self.s3.put_bucket_acl(Bucket=self.bucket, ACL="public-read")
        self.assertEqual(requests.get(self.url("missing"), timeout=10).status_code, 404)
        self.assertIn("<Code>NoSuchVersion</Code>",
                      requests.get(self.url("kept"), params={"versionId": unknown}, timeout=10).text)
        by_id = requests.get(self.url("gone"), params={"versionId": marker}, timeout=10)
        self.assertEqual((by_id.status_code, by_id.headers.get("x-amz-delete-marker")), (405, "true"))
        self.assert_denied(requests.get(self.url("kept"), timeout=10))  # listing a bucket reads no object

    def test_full_control_grant_and_bucket_owner_preferred(self):
        bucket = self.make_bucket("aclp", public=True, ObjectOwnership="BucketOwnerPreferred")
        all_users = 'uri="http://acs.amazonaws.com/groups/global/AllUsers"'
        self.s3.put_object(Bucket=bucket, Key="f", Body=b"full", GrantFullControl=all_users)
        self.assertEqual(requests.get(f"{self.endpoint.url}/{bucket}/f", timeout=10).content, b"full")
        self.s3.put_bucket_acl(Bucket=bucket, GrantFullControl=all_users)
        listing = requests.get(f"{self.endpoint.url}/{bucket}?list-type=2", timeout=10)
        self.assertEqual(listing.status_code, 200)
        self.assertIn("<Key>f</Key>", listing.text)
        # READ_ACP and WRITE grant reads of nothing.
        self.s3.put_object(Bucket=bucket, Key="acp", Body=b"a", GrantReadACP=all_users)
        self.assert_denied(requests.get(f"{self.endpoint.url}/{bucket}/acp", timeout=10))
        self.s3.put_bucket_acl(Bucket=bucket, GrantWrite=all_users)
        self.assert_denied(requests.get(f"{self.endpoint.url}/{bucket}?list-type=2", timeout=10))
        self.assert_denied(requests.put(f"{self.endpoint.url}/{bucket}/new", data=b"x", timeout=10))

    def test_listing_grant_yields_to_policy_and_public_access_block(self):
        self.s3.put_object(Bucket=self.bucket, Key="a.txt", Body=b"a", ACL="public-read")
        self.s3.put_bucket_acl(Bucket=self.bucket, ACL="public-read")
        listing = self.url() + "?list-type=2"
        self.assertEqual(requests.get(listing, timeout=10).status_code, 200)
        # A Deny on s3:ListBucket closes the listing and hides missing keys again.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            {"Effect": "Deny", "Principal": "*", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{self.bucket}"}))
        self.assert_denied(requests.get(listing, timeout=10))
        self.assert_denied(requests.get(self.url("missing.txt"), timeout=10))
        self.assertEqual(requests.get(self.url("a.txt"), timeout=10).content, b"a")
        # A policy (here one granting nothing public) with RestrictPublicBuckets: no anonymous
        # caller at all, ACLs included.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::000000000000:root"}, "Action": "s3:GetObject",
             "Resource": f"arn:aws:s3:::{self.bucket}/*"}]}))
        self.assertEqual(requests.get(listing, timeout=10).status_code, 200)
        self.s3.put_public_access_block(Bucket=self.bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": True})
        self.assert_denied(requests.get(listing, timeout=10))
        self.assert_denied(requests.get(self.url("a.txt"), timeout=10))
        # IgnorePublicAcls closes the listing as it closes the objects.
        self.s3.delete_bucket_policy(Bucket=self.bucket)
        self.s3.put_public_access_block(Bucket=self.bucket, PublicAccessBlockConfiguration={
            "BlockPublicAcls": False, "IgnorePublicAcls": True, "BlockPublicPolicy": False,
            "RestrictPublicBuckets": False})
        self.assert_denied(requests.get(listing, timeout=10))
        self.s3.delete_public_access_block(Bucket=self.bucket)
        self.assertEqual(requests.get(listing, timeout=10).status_code, 200)
        # And BucketOwnerEnforced turns the bucket ACL off as well.
        self.s3.put_bucket_ownership_controls(Bucket=self.bucket, OwnershipControls={
            "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
        self.assert_denied(requests.get(listing, timeout=10))

    def test_versions_keep_their_own_acls(self):
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})
        first = self.s3.put_object(Bucket=self.bucket, Key="doc", Body=b"one", ACL="public-read")["VersionId"]
        second = self.s3.put_object(Bucket=self.bucket, Key="doc", Body=b"two")["VersionId"]
        self.assert_denied(requests.get(self.url("doc"), timeout=10))
        old = requests.get(self.url("doc"), params={"versionId": first}, timeout=10)
        self.assertEqual((old.status_code, old.content), (200, b"one"))
        self.assert_denied(requests.get(self.url("doc"), params={"versionId": second}, timeout=10))

    def test_ownership_policy_and_public_access_block_override_acls(self):
        self.s3.put_object(Bucket=self.bucket, Key="pub.txt", Body=b"pub", ACL="public-read")
        self.assertEqual(requests.get(self.url("pub.txt"), timeout=10).status_code, 200)
        # A policy Deny wins over an ACL grant.
        self.s3.put_bucket_policy(Bucket=self.bucket, Policy=public_policy(
            {"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{self.bucket}/*"}))
        self.assert_denied(requests.get(self.url("pub.txt"), timeout=10))
        self.s3.delete_bucket_policy(Bucket=self.bucket)
        self.assertEqual(requests.get(self.url("pub.txt"), timeout=10).status_code, 200)
        # IgnorePublicAcls: the grant stays stored but counts for nothing.
        block = {"BlockPublicAcls": False, "IgnorePublicAcls": True, "BlockPublicPolicy": False,
                 "RestrictPublicBuckets": False}
        self.s3.put_public_access_block(Bucket=self.bucket, PublicAccessBlockConfiguration=block)
        self.assert_denied(requests.get(self.url("pub.txt"), timeout=10))
        self.s3.delete_public_access_block(Bucket=self.bucket)
        self.assertEqual(requests.get(self.url("pub.txt"), timeout=10).status_code, 200)
        # RestrictPublicBuckets without a policy leaves ACLs alone, as on AWS.
        block.update(IgnorePublicAcls=False, RestrictPublicBuckets=True)
        self.s3.put_public_access_block(Bucket=self.bucket, PublicAccessBlockConfiguration=block)
        self.assertEqual(requests.get(self.url("pub.txt"), timeout=10).status_code, 200)
        self.s3.delete_public_access_block(Bucket=self.bucket)
        # BucketOwnerEnforced turns ACLs off: existing grants stop counting.
        self.s3.put_bucket_ownership_controls(Bucket=self.bucket, OwnershipControls={
            "Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]})
        self.assert_denied(requests.get(self.url("pub.txt"), timeout=10))
        self.s3.delete_bucket_ownership_controls(Bucket=self.bucket)
        self.assertEqual(requests.get(self.url("pub.txt"), timeout=10).content, b"pub")


if __name__ == "__main__":
    unittest.main()
