"""SQS through the query protocol (form-encoded Action=...&Version=2012-11-05, XML answers), as
older SDKs and hand-written clients speak it. botocore cannot be switched to query for SQS, so
requests are signed with botocore's SigV4Auth and sent with `requests`.

Skybox does not serve SQS's query protocol yet (the JSON-era model has no query member names or
result wrappers). Until it does, every query request must get an honest, parseable answer: HTTP
501 with the query protocol's XML error, code NotImplemented, naming the operation — never a
half-encoded success. When the query protocol lands, these tests change to the round trip."""
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from skybox_harness import SkyboxServer

NS = {"q": "http://queue.amazonaws.com/doc/2012-11-05/"}


class SqsQueryProtocolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def call(self, params, path="/"):
        body = urllib.parse.urlencode(dict(params, Version="2012-11-05"))
        url = self.server.endpoint + path
        req = AWSRequest(method="POST", url=url, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        SigV4Auth(Credentials("test", "test"), "sqs", "us-east-1").add_auth(req)
        return requests.post(url, data=body, headers=dict(req.prepare().headers), timeout=30)

    def assert_not_implemented(self, response, operation):
        self.assertEqual(response.status_code, 501, response.text)
        root = ET.fromstring(response.text)  # well-formed XML an old SDK can parse
        self.assertEqual(root.find(".//{*}Code").text, "NotImplemented")
        self.assertIn(operation, root.find(".//{*}Message").text)
        self.assertIn("query protocol", root.find(".//{*}Message").text)
        self.assertTrue(root.find(".//{*}RequestId").text)

    def test_query_requests_are_refused_honestly(self):
        self.assert_not_implemented(self.call({"Action": "CreateQueue", "QueueName": "q"}), "CreateQueue")
        self.assert_not_implemented(
            self.call({"Action": "SendMessage", "MessageBody": "x"}, path="/000000000000/q"), "SendMessage")

    def test_no_queue_is_created_by_a_refused_request(self):
        self.call({"Action": "CreateQueue", "QueueName": "never-made"})
        sqs = self.server.client("sqs")
        self.assertNotIn("QueueUrls", sqs.list_queues(QueueNamePrefix="never-made"))


if __name__ == "__main__":
    unittest.main()
