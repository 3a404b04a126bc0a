"""S3 conditional date headers that are not valid HTTP-dates: S3 ignores them (the request
proceeds as if the header were absent), on GetObject, HeadObject and CopyObject's
x-amz-copy-source-if-*-since; a valid date in any of the three RFC 9110 forms still applies."""
import unittest

from s3_endpoint import S3TestCase

INVALID_DATES = ["garbage", "Mon, 32 Foo 2020 00:00:00 GMT", "2020-01-01T00:00:00Z", ""]
# One past instant in the three HTTP-date forms a recipient must accept.
PAST_FORMS = ["Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994"]


class InvalidConditionalDateTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("cond")
        cls.s3.put_object(Bucket=cls.bucket, Key="obj", Body=b"payload")
        cls.path = f"/{cls.bucket}/obj"

    def request(self, method, header, value, path=None):
        return self.endpoint.request(method, path or self.path, headers={header: value})

    def test_invalid_dates_are_ignored_on_get_and_head(self):
        for header in ("If-Modified-Since", "If-Unmodified-Since"):
            for value in INVALID_DATES:
                with self.subTest(header=header, value=value):
                    get = self.request("GET", header, value)
                    self.assertEqual((get.status_code, get.content), (200, b"payload"), get.text)
                    head = self.request("HEAD", header, value)
                    self.assertEqual(head.status_code, 200)
                    self.assertEqual(head.headers["Content-Length"], "7")

    def test_valid_dates_in_every_form_still_apply(self):
        for value in PAST_FORMS:
            with self.subTest(value=value):
                # Modified since 1994: served; unmodified since 1994: false -> 412.
                self.assertEqual(self.request("GET", "If-Modified-Since", value).status_code, 200)
                failed = self.request("GET", "If-Unmodified-Since", value)
                self.assertEqual(failed.status_code, 412, failed.text)
                self.assertIn("<Code>PreconditionFailed</Code>", failed.text)
                self.assertEqual(self.request("HEAD", "If-Unmodified-Since", value).status_code, 412)

    def test_invalid_copy_source_dates_are_ignored(self):
        for header in ("x-amz-copy-source-if-modified-since", "x-amz-copy-source-if-unmodified-since"):
            with self.subTest(header=header):
                r = self.endpoint.request("PUT", f"/{self.bucket}/copy", headers={
                    "x-amz-copy-source": f"{self.bucket}/obj", header: "garbage"})
                self.assertEqual(r.status_code, 200, r.text)
                self.assertIn("<CopyObjectResult", r.text)
        r = self.endpoint.request("PUT", f"/{self.bucket}/copy", headers={
            "x-amz-copy-source": f"{self.bucket}/obj", "x-amz-copy-source-if-unmodified-since": PAST_FORMS[1]})
        self.assertEqual(r.status_code, 412, r.text)


if __name__ == "__main__":
    unittest.main()
