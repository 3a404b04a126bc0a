"""SQS through the query protocol (form-encoded Action=...&Version=2012-11-05, XML answers), as
older SDKs and hand-written clients speak it. botocore cannot be switched to query for SQS, so
requests are signed with botocore's SigV4Auth and sent with `requests`.

The query codec does not yet encode SQS results (the JSON-era model has no result wrappers or
query member names); until a CreateQueue answer carries its QueueUrl, these tests skip with
that reason, and they run unchanged once it does. Requests POSTed to the queue URL's path
without a QueueUrl parameter also need the request path in aws::Call (skipped until then)."""
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
        probe = cls.call({"Action": "CreateQueue", "QueueName": "query-probe"})
        cls.supported = "/000000000000/query-probe</QueueUrl>" in probe.text
        by_path = cls.call({"Action": "GetQueueAttributes", "AttributeName.1": "QueueArn"},
                           path="/000000000000/query-probe")
        cls.path_routing = by_path.status_code == 200

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    @classmethod
    def call(cls, params, path="/"):
        body = urllib.parse.urlencode(dict(params, Version="2012-11-05"))
        url = cls.server.endpoint + path
        req = AWSRequest(method="POST", url=url, data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        SigV4Auth(Credentials("test", "test"), "sqs", "us-east-1").add_auth(req)
        return requests.post(url, data=body, headers=dict(req.prepare().headers), timeout=30)

    def setUp(self):
        if not self.supported:
            self.skipTest("the query codec does not encode SQS results yet")

    def xml(self, response, status=200):
        self.assertEqual(response.status_code, status, response.text)
        return ET.fromstring(response.text)

    def test_queue_and_message_round_trip(self):
        root = self.xml(self.call({"Action": "CreateQueue", "QueueName": "query-q",
                                   "Attribute.1.Name": "VisibilityTimeout", "Attribute.1.Value": "40"}))
        url = root.find(".//q:QueueUrl", NS).text
        self.assertTrue(url.endswith("/000000000000/query-q"))
        sent = self.xml(self.call({"Action": "SendMessage", "QueueUrl": url, "MessageBody": "hello",
                                   "MessageAttribute.1.Name": "color",
                                   "MessageAttribute.1.Value.DataType": "String",
                                   "MessageAttribute.1.Value.StringValue": "red"}))
        self.assertEqual(sent.find(".//q:MD5OfMessageBody", NS).text, "5d41402abc4b2a76b9719d911017c592")
        got = self.xml(self.call({"Action": "ReceiveMessage", "QueueUrl": url, "AttributeName.1": "All",
                                  "MessageAttributeName.1": "All"}))
        message = got.find(".//q:Message", NS)
        self.assertEqual(message.find("q:Body", NS).text, "hello")
        self.assertEqual(message.find("q:MessageAttribute/q:Name", NS).text, "color")
        handle = message.find("q:ReceiptHandle", NS).text
        self.xml(self.call({"Action": "DeleteMessage", "QueueUrl": url, "ReceiptHandle": handle}))
        attrs = self.xml(self.call({"Action": "GetQueueAttributes", "QueueUrl": url, "AttributeName.1": "All"}))
        values = {a.find("q:Name", NS).text: a.find("q:Value", NS).text for a in attrs.findall(".//q:Attribute", NS)}
        self.assertEqual(values["VisibilityTimeout"], "40")
        self.assertEqual(values["ApproximateNumberOfMessages"], "0")

    def test_errors_use_query_codes(self):
        root = self.xml(self.call({"Action": "GetQueueUrl", "QueueName": "query-missing"}), status=400)
        self.assertEqual(root.find(".//q:Code", NS).text, "AWS.SimpleQueueService.NonExistentQueue")
        self.assertEqual(root.find(".//q:Type", NS).text, "Sender")

    def test_request_posted_to_the_queue_url_path(self):
        if not self.path_routing:
            self.skipTest("aws::Call does not carry the request path yet")
        self.call({"Action": "CreateQueue", "QueueName": "query-path"})
        sent = self.call({"Action": "SendMessage", "MessageBody": "by-path"}, path="/000000000000/query-path")
        self.xml(sent)


if __name__ == "__main__":
    unittest.main()
