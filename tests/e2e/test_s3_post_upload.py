"""S3 browser-based POST uploads (HTML forms with a signed policy), driven as a browser would:
boto3's generate_presigned_post builds the form, requests posts it as multipart/form-data.
Success answers (204, 200, 201 with <PostResponse>, 303 redirect), ${filename} keys, object
attributes from form fields, and policy violations with S3's codes and messages."""
import base64
import hashlib
import json
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import requests

from s3_endpoint import MiB, S3TestCase, checksum

POLICY_FAILED = "Invalid according to Policy: Policy Condition failed: "


def md5_hex(data):
    return hashlib.md5(data).hexdigest()


class PostUploadTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("post")
        # Browser forms are signed with SigV4; boto3 signs SigV2 forms unless told s3v4.
        cls.s3v4 = cls.endpoint.client(signature_version="s3v4")

    def form(self, key, fields=None, conditions=None, expires=300, bucket=None):
        return self.s3v4.generate_presigned_post(Bucket=bucket or self.bucket, Key=key, Fields=fields,
                                               Conditions=conditions, ExpiresIn=expires)

    def post(self, form, body=b"hello, form", filename="hello.txt", fields=None):
        data = dict(form["fields"], **(fields or {}))
        return requests.post(form["url"], data=data, files={"file": (filename, body, "text/plain")},
                             allow_redirects=False, timeout=60)

    def assert_s3_error(self, response, status, code, message=None):
        self.assertEqual(response.status_code, status, response.text)
        root = ET.fromstring(response.content)
        self.assertEqual(root.findtext("Code"), code, response.text)
        if message is not None:
            self.assertEqual(root.findtext("Message"), message)

    def test_default_answer_is_204_and_object_is_stored(self):
        body = b"browser upload \r\n--not-a-boundary\r\n" * 10
        r = self.post(self.form("form/plain.txt"), body)
        self.assertEqual(r.status_code, 204, r.text)
        self.assertEqual(r.content, b"")
        self.assertEqual(r.headers["ETag"], f'"{md5_hex(body)}"')
        self.assertIn("Location", r.headers)
        got = self.s3.get_object(Bucket=self.bucket, Key="form/plain.txt")
        self.assertEqual(got["Body"].read(), body)
        self.assertEqual(got["ETag"], f'"{md5_hex(body)}"')

    def test_sigv2_form_from_boto3_defaults(self):
        form = self.s3.generate_presigned_post(Bucket=self.bucket, Key="form/v2.txt", ExpiresIn=300)
        self.assertIn("AWSAccessKeyId", form["fields"])
        self.assertEqual(self.post(form, b"v2").status_code, 204)
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="form/v2.txt")["Body"].read(), b"v2")
        bad = dict(form["fields"], signature="AAAA" + form["fields"]["signature"][4:])
        self.assert_s3_error(requests.post(form["url"], data=bad, files={"file": ("f", b"x")}, timeout=60),
                             403, "SignatureDoesNotMatch")

    def test_success_action_status_201_returns_post_response(self):
        form = self.form("form/created.txt", fields={"success_action_status": "201"},
                         conditions=[{"success_action_status": "201"}])
        r = self.post(form, b"created")
        self.assertEqual(r.status_code, 201, r.text)
        root = ET.fromstring(r.content)
        self.assertEqual(root.tag, "PostResponse")
        self.assertEqual(root.findtext("Bucket"), self.bucket)
        self.assertEqual(root.findtext("Key"), "form/created.txt")
        self.assertEqual(root.findtext("ETag"), f'"{md5_hex(b"created")}"')
        self.assertTrue(root.findtext("Location"))

    def test_success_action_status_200(self):
        form = self.form("form/ok.txt", fields={"success_action_status": "200"},
                         conditions=[{"success_action_status": "200"}])
        r = self.post(form, b"ok")
        self.assertEqual(r.status_code, 200, r.text)
        self.assertEqual(r.content, b"")

    def test_redirect_is_303_with_bucket_key_and_etag(self):
        target = "http://example.com/done?from=form"
        form = self.form("form/redirect.txt", fields={"success_action_redirect": target},
                         conditions=[{"success_action_redirect": target}])
        r = self.post(form, b"redirect me")
        self.assertEqual(r.status_code, 303, r.text)
        location = urllib.parse.urlsplit(r.headers["Location"])
        self.assertEqual((location.scheme, location.netloc, location.path), ("http", "example.com", "/done"))
        query = urllib.parse.parse_qs(location.query)
        self.assertEqual(query["from"], ["form"])
        self.assertEqual(query["bucket"], [self.bucket])
        self.assertEqual(query["key"], ["form/redirect.txt"])
        self.assertEqual(query["etag"], [f'"{md5_hex(b"redirect me")}"'])

    def test_filename_variable_and_object_attributes(self):
        form = self.form("uploads/${filename}",
                         fields={"Content-Type": "image/png", "x-amz-meta-color": "blue",
                                 "Cache-Control": "max-age=60"},
                         conditions=[{"Content-Type": "image/png"}, ["starts-with", "$x-amz-meta-color", ""],
                                     ["eq", "$Cache-Control", "max-age=60"]])
        r = self.post(form, b"\x89PNG fake", filename="photo.png")
        self.assertEqual(r.status_code, 204, r.text)
        head = self.s3.head_object(Bucket=self.bucket, Key="uploads/photo.png")
        self.assertEqual(head["ContentType"], "image/png")
        self.assertEqual(head["CacheControl"], "max-age=60")
        self.assertEqual(head["Metadata"], {"color": "blue"})

    def test_encryption_fields_apply_to_the_object(self):
        # SSE-C unblocked first, as S3 has required of new buckets since April 2026.
        self.s3.put_bucket_encryption(Bucket=self.bucket, ServerSideEncryptionConfiguration={"Rules": [
            {"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"},
             "BlockedEncryptionTypes": {"EncryptionType": ["NONE"]}}]})
        key = bytes(range(32))
        sse_c = {"x-amz-server-side-encryption-customer-algorithm": "AES256",
                 "x-amz-server-side-encryption-customer-key": base64.b64encode(key).decode(),
                 "x-amz-server-side-encryption-customer-key-MD5": base64.b64encode(hashlib.md5(key).digest()).decode()}
        form = self.form("form/secret.txt", fields=dict(sse_c), conditions=[{k: v} for k, v in sse_c.items()])
        r = self.post(form, b"for key holders")
        self.assertEqual(r.status_code, 204, r.text)
        self.assertEqual(r.headers["x-amz-server-side-encryption-customer-algorithm"], "AES256")
        self.assertNotIn("x-amz-server-side-encryption", r.headers)
        self.assert_error(self.s3.get_object, "InvalidRequest", 400, Bucket=self.bucket, Key="form/secret.txt")
        got = self.s3.get_object(Bucket=self.bucket, Key="form/secret.txt", SSECustomerAlgorithm="AES256",
                                 SSECustomerKey=key)
        self.assertEqual(got["Body"].read(), b"for key holders")
        kms = {"x-amz-server-side-encryption": "aws:kms"}
        r = self.post(self.form("form/kms.txt", fields=dict(kms), conditions=[kms]))
        self.assertEqual(r.status_code, 204, r.text)
        self.assertEqual(r.headers["x-amz-server-side-encryption"], "aws:kms")
        self.assertEqual(self.s3.head_object(Bucket=self.bucket, Key="form/kms.txt")["ServerSideEncryption"], "aws:kms")

    def test_acl_field(self):
        # Under BucketOwnerEnforced (the default) a public ACL is refused, as PutObject's x-amz-acl.
        public = {"acl": "public-read"}
        r = self.post(self.form("form/acl.txt", fields=dict(public), conditions=[public]))
        self.assert_s3_error(r, 400, "AccessControlListNotSupported", "The bucket does not allow ACLs")
        self.assert_error(self.s3.head_object, "404", 404, Bucket=self.bucket, Key="form/acl.txt")
        private = {"acl": "private"}
        r = self.post(self.form("form/acl.txt", fields=dict(private), conditions=[private]))
        self.assertEqual(r.status_code, 204, r.text)
        # With ACLs on, the object gets the form's ACL: anonymous readers may GET it.
        acls_on = self.make_bucket("posta", public=True, ObjectOwnership="ObjectWriter")
        r = self.post(self.form("public.txt", fields=dict(public), conditions=[public], bucket=acls_on), b"for all")
        self.assertEqual(r.status_code, 204, r.text)
        grants = self.s3.get_object_acl(Bucket=acls_on, Key="public.txt")["Grants"]
        self.assertIn("http://acs.amazonaws.com/groups/global/AllUsers", [g["Grantee"].get("URI") for g in grants])
        anonymous = self.endpoint.request("GET", f"/{acls_on}/public.txt", sign=False)
        self.assertEqual((anonymous.status_code, anonymous.content), (200, b"for all"))

    def test_large_file_is_streamed(self):
        body = bytes(range(256)) * (6 * MiB // 256) + b"tail"
        r = self.post(self.form("form/large.bin"), body, filename="large.bin")
        self.assertEqual(r.status_code, 204, r.text)
        got = self.s3.get_object(Bucket=self.bucket, Key="form/large.bin")["Body"].read()
        self.assertEqual(hashlib.sha256(got).hexdigest(), hashlib.sha256(body).hexdigest())
        # A form carries no checksum: the object gets S3's default CRC64NVME.
        head = self.s3.head_object(Bucket=self.bucket, Key="form/large.bin", ChecksumMode="ENABLED")
        self.assertEqual((head["ChecksumCRC64NVME"], head["ChecksumType"]), (checksum("CRC64NVME", body), "FULL_OBJECT"))

    def test_key_outside_the_policy_prefix_is_denied(self):
        form = self.form("uploads/${filename}")
        r = self.post(form, fields={"key": "elsewhere/x.txt"})
        self.assert_s3_error(r, 403, "AccessDenied", POLICY_FAILED + '["starts-with", "$key", "uploads/"]')
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="elsewhere/"))

    def test_key_conditions_judge_the_key_after_filename_substitution(self):
        # The policy names the final key; the form sends a ${filename} template for it.
        form = self.form("named/photo.png", conditions=[["starts-with", "$key", "named/photo"]])
        r = self.post(form, fields={"key": "named/${filename}"}, filename="photo.png")
        self.assertEqual(r.status_code, 204, r.text)
        self.assertEqual(self.s3.get_object(Bucket=self.bucket, Key="named/photo.png")["Body"].read(), b"hello, form")
        # An exact condition on the template itself no longer holds once the name is put in.
        # (boto3 writes {"key": ...} for a key that does not end with the variable.)
        r = self.post(self.form("exact/${filename}.txt"), filename="photo")
        self.assert_s3_error(r, 403, "AccessDenied", POLICY_FAILED + '["eq", "$key", "exact/${filename}.txt"]')
        self.assertNotIn("Contents", self.s3.list_objects_v2(Bucket=self.bucket, Prefix="exact/"))

    def test_content_length_range(self):
        form = self.form("form/sized.txt", conditions=[["content-length-range", 10, 20]])
        self.assert_s3_error(self.post(form, b"x" * 5), 400, "EntityTooSmall")
        self.assert_s3_error(self.post(form, b"x" * 21), 400, "EntityTooLarge")
        self.assertEqual(self.post(form, b"x" * 10).status_code, 204)
        self.assertEqual(self.post(form, b"x" * 20).status_code, 204)

    def test_expired_policy_is_denied(self):
        form = self.form("form/expired.txt", expires=-5)
        self.assert_s3_error(self.post(form), 403, "AccessDenied", "Invalid according to Policy: Policy expired.")

    def test_tampered_signature_or_policy_does_not_match(self):
        form = self.form("form/tampered.txt")
        signature = form["fields"]["x-amz-signature"]
        bad = ("0" if signature[0] != "0" else "1") + signature[1:]
        self.assert_s3_error(self.post(form, fields={"x-amz-signature": bad}), 403, "SignatureDoesNotMatch")
        policy = json.loads(base64.b64decode(form["fields"]["policy"]))
        policy["conditions"] = [c for c in policy["conditions"] if not (isinstance(c, dict) and "key" in c)]
        policy["conditions"].append(["starts-with", "$key", ""])
        forged = base64.b64encode(json.dumps(policy).encode()).decode()
        self.assert_s3_error(self.post(form, fields={"policy": forged, "key": "anything"}), 403,
                             "SignatureDoesNotMatch")

    def test_fields_the_policy_does_not_cover_are_denied(self):
        r = self.post(self.form("form/extra.txt"), fields={"x-amz-meta-sneaky": "1"})
        self.assert_s3_error(r, 403, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-sneaky")
        # x-ignore- fields are exempt.
        self.assertEqual(self.post(self.form("form/extra.txt"), fields={"x-ignore-note": "1"}).status_code, 204)

    def test_missing_file_and_malformed_body(self):
        form = self.form("form/nofile.txt")
        r = requests.post(form["url"], files={k: (None, v) for k, v in form["fields"].items()}, timeout=60)
        self.assert_s3_error(r, 400, "InvalidArgument")
        r = requests.post(form["url"], data=b"--XyZ\r\nnot a part",
                          headers={"Content-Type": "multipart/form-data; boundary=XyZ"}, timeout=60)
        self.assert_s3_error(r, 400, "MalformedPOSTRequest",
                             "The body of your POST request is not well-formed multipart/form-data.")

    def test_missing_bucket(self):
        form = self.form("k", bucket="no-such-bucket-post-" + str(int(time.time())))
        self.assert_s3_error(self.post(form), 404, "NoSuchBucket")


if __name__ == "__main__":
    unittest.main()
