"""S3 static website hosting: a bucket configured with PutBucketWebsite (boto3 and the AWS
CLI's `s3 website`) served at <bucket>.s3-website.localhost, fetched unsigned as a browser
would (requests, redirects not followed). Expected values are AWS's website endpoint
behaviour: index documents for "/" and "dir/", 302 from "dir" to "dir/", error documents with
the error's status, HTML error pages, RedirectAllRequestsTo, routing rules and
x-amz-website-redirect-location; access decided by the bucket policy."""
import json
import unittest

from s3_endpoint import S3TestCase


def public_read_policy(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]})


class WebsiteTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.site = cls.make_bucket("site", public=True)
        s3 = cls.s3
        s3.put_bucket_policy(Bucket=cls.site, Policy=public_read_policy(cls.site))
        s3.put_bucket_website(Bucket=cls.site, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"},
            "ErrorDocument": {"Key": "error.html"},
            "RoutingRules": [
                {"Condition": {"KeyPrefixEquals": "old/"}, "Redirect": {"ReplaceKeyPrefixWith": "new/"}},
                {"Condition": {"HttpErrorCodeReturnedEquals": "404", "KeyPrefixEquals": "lost/"},
                 "Redirect": {"HostName": "example.com", "Protocol": "https", "ReplaceKeyWith": "found.html",
                              "HttpRedirectCode": "302"}},
            ]})
        for key, body in {"index.html": b"<h1>home</h1>", "docs/index.html": b"<h1>docs</h1>",
                          "docs/page.html": b"<p>page</p>", "error.html": b"<p>custom error</p>"}.items():
            s3.put_object(Bucket=cls.site, Key=key, Body=body, ContentType="text/html")
        s3.put_object(Bucket=cls.site, Key="moved.html", Body=b"", WebsiteRedirectLocation="/docs/page.html")

    def get(self, path, bucket=None, method="GET", headers=None, host_suffix="s3-website.localhost"):
        host = f"{bucket or self.site}.{host_suffix}:{self.endpoint.port}"
        return self.endpoint.request(method, path, host=host, sign=False, headers=headers)

    def test_index_documents(self):
        r = self.get("/")
        self.assertEqual((r.status_code, r.content), (200, b"<h1>home</h1>"))
        self.assertEqual(r.headers["Content-Type"], "text/html")
        r = self.get("/docs/")
        self.assertEqual((r.status_code, r.content), (200, b"<h1>docs</h1>"))
        r = self.get("/docs")
        self.assertEqual((r.status_code, r.headers["Location"]), (302, "/docs/"))
        # The probe for docs/index.html ignores the request's conditions.
        r = self.get("/docs", headers={"If-Match": '"nope"'})
        self.assertEqual((r.status_code, r.headers["Location"]), (302, "/docs/"))
        r = self.get("/docs/page.html")
        self.assertEqual((r.status_code, r.content), (200, b"<p>page</p>"))
        # Every region-style website host reaches the same bucket.
        for suffix in ("s3-website-us-east-1.localhost", "s3-website.us-east-1.localhost",
                       "s3-website-us-east-1.amazonaws.com", "s3-website.eu-west-1.amazonaws.com"):
            self.assertEqual(self.get("/", host_suffix=suffix).content, b"<h1>home</h1>")

    def test_head_range_and_conditional_reads(self):
        r = self.get("/docs/page.html", method="HEAD")
        self.assertEqual((r.status_code, r.headers["Content-Length"], r.content), (200, "11", b""))
        r = self.get("/docs/page.html", headers={"Range": "bytes=3-6"})
        self.assertEqual((r.status_code, r.content), (206, b"page"))
        etag = self.get("/docs/page.html").headers["ETag"]
        self.assertEqual(self.get("/docs/page.html", headers={"If-None-Match": etag}).status_code, 304)

    def test_not_modified_carries_the_object_headers(self):
        page = self.get("/docs/page.html")
        r = self.get("/docs/page.html", headers={"If-None-Match": page.headers["ETag"]})
        self.assertEqual((r.status_code, r.content), (304, b""))
        self.assertEqual(r.headers["ETag"], page.headers["ETag"])
        self.assertNotIn("x-amz-error-code", r.headers)

    def test_missing_key_serves_the_error_document_with_the_error_status(self):
        # The policy grants no listing, so a missing key is 403 (as on the REST endpoint).
        r = self.get("/nothing/here.html")
        self.assertEqual((r.status_code, r.content), (403, b"<p>custom error</p>"))
        self.assertEqual((r.headers["x-amz-error-code"], r.headers["x-amz-error-message"]),
                         ("AccessDenied", "Access Denied"))
        # The error document is served whole, whatever range or condition the request had.
        error_etag = self.s3.head_object(Bucket=self.site, Key="error.html")["ETag"]
        for headers in ({"Range": "bytes=0-3"}, {"If-None-Match": error_etag}):
            r = self.get("/nothing/here.html", headers=headers)
            self.assertEqual((r.status_code, r.content), (403, b"<p>custom error</p>"), headers)
            self.assertNotIn("Content-Range", r.headers)

    def test_redirects(self):
        r = self.get("/old/a%20b.html")
        self.assertEqual((r.status_code, r.headers["Location"]),
                         (301, f"http://{self.site}.s3-website.localhost:{self.endpoint.port}/new/a%20b.html"))
        r = self.get("/moved.html")
        self.assertEqual((r.status_code, r.headers["Location"]), (301, "/docs/page.html"))

    def test_error_routing_rule_and_html_error_pages(self):
        bucket = self.make_bucket("site-plain", public=True)
        self.s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:ListBucket"],
            "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]}]}))
        self.s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"}, "ErrorDocument": {"Key": "missing-error.html"},
            "RoutingRules": [{"Condition": {"HttpErrorCodeReturnedEquals": "404", "KeyPrefixEquals": "lost/"},
                              "Redirect": {"HostName": "example.com", "Protocol": "https",
                                           "ReplaceKeyWith": "found.html", "HttpRedirectCode": "302"}}]})
        r = self.get("/lost/x.html", bucket=bucket)
        self.assertEqual((r.status_code, r.headers["Location"]), (302, "https://example.com/found.html"))
        # With listing granted a missing key is 404; the error document is missing too.
        r = self.get("/<script>.html", bucket=bucket)
        self.assertEqual(r.status_code, 404)
        self.assertEqual(r.headers["Content-Type"], "text/html; charset=utf-8")
        self.assertEqual(r.headers["x-amz-error-code"], "NoSuchKey")
        self.assertEqual(r.headers["x-amz-error-message"], "The specified key does not exist.")
        page = r.text
        self.assertIn("<title>404 Not Found</title>", page)
        self.assertIn("<li>Code: NoSuchKey</li>", page)
        self.assertIn("&lt;script&gt;.html", page)
        self.assertNotIn("<script>", page)
        self.assertIn("An Error Occurred While Attempting to Retrieve a Custom Error Document", page)
        self.assertIn("<li>Key: missing-error.html</li>", page)

    def test_bucket_without_website_or_policy(self):
        plain = self.make_bucket("plain")
        r = self.get("/", bucket=plain)
        self.assertEqual(r.status_code, 404)
        self.assertIn("<li>Code: NoSuchWebsiteConfiguration</li>", r.text)
        r = self.get("/", bucket="no-such-bucket-here")
        self.assertEqual(r.status_code, 404)
        self.assertIn("<li>Code: NoSuchBucket</li>", r.text)
        # A website without a policy granting reads: 403, as S3 answers.
        private = self.make_bucket("private-site")
        self.s3.put_bucket_website(Bucket=private, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
        self.s3.put_object(Bucket=private, Key="index.html", Body=b"secret")
        r = self.get("/", bucket=private)
        self.assertEqual(r.status_code, 403)
        self.assertIn("<li>Code: AccessDenied</li>", r.text)
        self.assertNotIn(b"secret", r.content)
        r = self.get("/index.html", bucket=self.site, method="PUT")
        self.assertEqual(r.status_code, 405)
        self.assertIn("<li>Code: MethodNotAllowed</li>", r.text)

    def test_cors_on_the_website_host(self):
        self.s3.put_bucket_cors(Bucket=self.site, CORSConfiguration={"CORSRules": [
            {"AllowedOrigins": ["http://app.example"], "AllowedMethods": ["GET"]}]})
        try:
            r = self.get("/docs/page.html", headers={"Origin": "http://app.example"})
            self.assertEqual(r.status_code, 200)
            self.assertEqual(r.headers["Access-Control-Allow-Origin"], "http://app.example")
            r = self.get("/docs/page.html", method="OPTIONS", headers={
                "Origin": "http://app.example", "Access-Control-Request-Method": "GET"})
            self.assertEqual(r.status_code, 200)
            self.assertEqual(r.headers["Access-Control-Allow-Origin"], "http://app.example")
        finally:
            self.s3.delete_bucket_cors(Bucket=self.site)

    def test_redirect_values_are_validated_and_never_split_headers(self):
        self.assert_error(self.s3.put_object, "InvalidRedirectLocation", 400, Bucket=self.site, Key="bad.html",
                          Body=b"", WebsiteRedirectLocation="javascript:alert(1)")
        bucket = self.make_bucket("site-rules")
        self.assert_error(self.s3.put_bucket_website, "InvalidRequest", 400, Bucket=bucket, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"},
            "RoutingRules": [{"Redirect": {"ReplaceKeyWith": "a", "ReplaceKeyPrefixWith": "b"}}]})
        self.s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={
            "IndexDocument": {"Suffix": "index.html"},
            "RoutingRules": [{"Redirect": {"HostName": "evil.example\r\nSet-Cookie: pwn=1"}}]})
        r = self.get("/x", bucket=bucket)
        self.assertEqual(r.status_code, 301)
        self.assertNotIn("Set-Cookie", r.headers)
        self.assertTrue(r.headers["Location"].startswith("http://evil.example"), r.headers["Location"])

    def test_redirect_all_requests_configured_with_the_cli(self):
        bucket = self.make_bucket("site-redirect", public=True)
        p = self.endpoint.aws("s3api", "put-bucket-website", "--bucket", bucket, "--website-configuration",
                              json.dumps({"RedirectAllRequestsTo": {"HostName": "www.example.com"}}))
        self.assertEqual(p.returncode, 0, p.stderr)
        r = self.get("/a/b.html", bucket=bucket)
        self.assertEqual((r.status_code, r.headers["Location"]), (301, "http://www.example.com/a/b.html"))
        # `aws s3 website` writes an index/error configuration.
        p = self.endpoint.aws("s3", "website", f"s3://{bucket}", "--index-document", "home.html")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.s3.put_bucket_policy(Bucket=bucket, Policy=public_read_policy(bucket))
        self.s3.put_object(Bucket=bucket, Key="home.html", Body=b"home")
        self.assertEqual(self.get("/", bucket=bucket).content, b"home")


if __name__ == "__main__":
    unittest.main()
