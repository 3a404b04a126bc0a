"""Virtual-hosted-style S3 on a configured domain (--s3-domain / SKYBOX_S3_DOMAIN)."""
import json
import unittest

from s3_endpoint import S3Endpoint, unique_name


class ConfiguredDomainTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.endpoint = S3Endpoint(env={"SKYBOX_S3_DOMAIN": "objects.example.test"})
        cls.s3 = cls.endpoint.client()

    @classmethod
    def tearDownClass(cls):
        cls.endpoint.close()

    def test_bucket_named_by_the_host(self):
        bucket = unique_name("dom")
        self.s3.create_bucket(Bucket=bucket)
        host = f"{bucket}.objects.example.test:{self.endpoint.port}"
        put = self.endpoint.request("PUT", "/a/b.txt", host=host, body=b"on the domain")
        self.assertEqual(put.status_code, 200, put.text)
        got = self.s3.get_object(Bucket=bucket, Key="a/b.txt")["Body"].read()
        self.assertEqual(got, b"on the domain")
        listing = self.endpoint.request("GET", "/", host=host, params={"list-type": "2"})
        self.assertIn(b"<Key>a/b.txt</Key>", listing.content)
        # A domain that is not configured names no bucket: the path is then /<bucket>/<key>.
        other = self.endpoint.request("GET", "/a/b.txt", host=f"{bucket}.elsewhere.test:{self.endpoint.port}")
        self.assertEqual(other.status_code, 404)
        self.assertIn(b"<Code>NoSuchBucket</Code>", other.content)
        self.s3.delete_object(Bucket=bucket, Key="a/b.txt")
        self.s3.delete_bucket(Bucket=bucket)

    def test_website_endpoint_under_the_domain(self):
        bucket = unique_name("domsite")
        self.s3.create_bucket(Bucket=bucket)
        self.s3.delete_public_access_block(Bucket=bucket)
        self.s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}))
        self.s3.put_bucket_website(Bucket=bucket, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"}})
        self.s3.put_object(Bucket=bucket, Key="index.html", Body=b"<h1>domain home</h1>", ContentType="text/html")
        for label in ("s3-website", "s3-website-us-east-1", "s3-website.us-east-1"):
            host = f"{bucket}.{label}.objects.example.test:{self.endpoint.port}"
            r = self.endpoint.request("GET", "/", host=host, sign=False)
            self.assertEqual((r.status_code, r.content), (200, b"<h1>domain home</h1>"), host)
        # The REST endpoint's virtual host of the same bucket is still the API (an unsigned GET
        # of "/" is a ListObjects there, refused to an anonymous caller).
        rest = self.endpoint.request("GET", "/", host=f"{bucket}.objects.example.test:{self.endpoint.port}", sign=False)
        self.assertEqual(rest.status_code, 403)
        self.s3.delete_object(Bucket=bucket, Key="index.html")
        self.s3.delete_bucket(Bucket=bucket)


if __name__ == "__main__":
    unittest.main()
