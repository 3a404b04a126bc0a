"""Virtual-hosted-style S3 on a configured domain (--s3-domain / SKYBOX_S3_DOMAIN)."""
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


if __name__ == "__main__":
    unittest.main()
