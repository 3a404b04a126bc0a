"""SQS through the query protocol (form-encoded Action=...&Version=2012-11-05, XML answers), as
older SDKs and hand-written clients speak it. botocore cannot be switched to query for SQS, so
requests are signed with botocore's SigV4Auth and sent with `requests`; answers are parsed with
ElementTree, MD5 digests are recomputed here, and the queues are cross-checked over JSON."""
import base64
import hashlib
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from skybox_harness import SkyboxServer
from test_sqs import md5_of_attributes

NS = "{http://queue.amazonaws.com/doc/2012-11-05/}"


def texts(root, name):
    return [e.text for e in root.iter(NS + name)]


def pairs(element, entry, key="Name"):
    """{Name: Value} of the flattened <entry><Name/><Value/></entry> children of `element`."""
    return {e.find(NS + key).text: e.find(NS + "Value") for e in element.findall(NS + entry)}


class SqsQueryProtocolTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def send(self, params, path="/", method="POST"):
        params = dict(params, Version="2012-11-05")
        url = self.server.endpoint + path
        body = urllib.parse.urlencode(params)
        headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
        if method == "GET":
            url, body, headers = url + "?" + body, None, {}
        req = AWSRequest(method=method, url=url, data=body, headers=headers)
        SigV4Auth(Credentials("test", "test"), "sqs", "us-east-1").add_auth(req)
        return requests.request(method, url, data=body, headers=dict(req.prepare().headers), timeout=30)

    def call(self, params, **kw):
        """A successful call's <ActionResponse> root."""
        r = self.send(params, **kw)
        self.assertEqual(r.status_code, 200, r.text)
        self.assertTrue(r.headers["Content-Type"].startswith("text/xml"))
        root = ET.fromstring(r.text)
        self.assertEqual(root.tag, NS + params["Action"] + "Response")
        self.assertTrue(root.find(f"{NS}ResponseMetadata/{NS}RequestId").text)
        return root

    def error(self, params, status=400, **kw):
        r = self.send(params, **kw)
        self.assertEqual(r.status_code, status, r.text)
        root = ET.fromstring(r.text)
        self.assertEqual(root.tag, NS + "ErrorResponse")
        self.assertTrue(root.find(NS + "RequestId").text)
        err = root.find(NS + "Error")
        return err.find(NS + "Type").text, err.find(NS + "Code").text, err.find(NS + "Message").text

    def create(self, name, **params):
        return self.call(dict(params, Action="CreateQueue", QueueName=name)).find(f".//{NS}QueueUrl").text

    def test_queue_attributes_tags_and_listing(self):
        url = self.create("qp-attrs", **{"Attribute.1.Name": "VisibilityTimeout", "Attribute.1.Value": "45",
                                         "Attribute.2.Name": "DelaySeconds", "Attribute.2.Value": "2",
                                         "Tag.1.Key": "team", "Tag.1.Value": "core"})
        self.assertTrue(url.endswith("/000000000000/qp-attrs"), url)
        got = self.call({"Action": "GetQueueUrl", "QueueName": "qp-attrs"})
        self.assertEqual(got.find(f".//{NS}QueueUrl").text, url)

        attrs = pairs(self.call({"Action": "GetQueueAttributes", "QueueUrl": url, "AttributeName.1": "All"})
                      .find(NS + "GetQueueAttributesResult"), "Attribute")
        self.assertEqual(attrs["VisibilityTimeout"].text, "45")
        self.assertEqual(attrs["DelaySeconds"].text, "2")
        self.assertTrue(attrs["QueueArn"].text.endswith(":qp-attrs"))

        self.call({"Action": "SetQueueAttributes", "QueueUrl": url,
                   "Attribute.1.Name": "MaximumMessageSize", "Attribute.1.Value": "2048"})
        attrs = pairs(self.call({"Action": "GetQueueAttributes", "QueueUrl": url,
                                 "AttributeName.1": "MaximumMessageSize", "AttributeName.2": "DelaySeconds"})
                      .find(NS + "GetQueueAttributesResult"), "Attribute")
        self.assertEqual({k: v.text for k, v in attrs.items()}, {"MaximumMessageSize": "2048", "DelaySeconds": "2"})

        self.call({"Action": "TagQueue", "QueueUrl": url, "Tag.1.Key": "env", "Tag.1.Value": "dev"})
        self.call({"Action": "UntagQueue", "QueueUrl": url, "TagKey.1": "team"})
        tags = pairs(self.call({"Action": "ListQueueTags", "QueueUrl": url}).find(NS + "ListQueueTagsResult"),
                     "Tag", key="Key")
        self.assertEqual({k: v.text for k, v in tags.items()}, {"env": "dev"})

        self.create("qp-attrs-2")
        listed = self.call({"Action": "ListQueues", "QueueNamePrefix": "qp-attrs"}, method="GET")
        self.assertEqual(sorted(texts(listed, "QueueUrl")), [url, url + "-2"])
        # Both protocols see the same queues.
        json_urls = self.server.client("sqs").list_queues(QueueNamePrefix="qp-attrs")["QueueUrls"]
        self.assertEqual(sorted(json_urls), [url, url + "-2"])

        self.call({"Action": "DeleteQueue", "QueueUrl": url})
        _, code, _ = self.error({"Action": "GetQueueUrl", "QueueName": "qp-attrs"})
        self.assertEqual(code, "AWS.SimpleQueueService.NonExistentQueue")
        kind, code, message = self.error({"Action": "CreateQueue", "QueueName": "qp-attrs"})
        self.assertEqual((kind, code), ("Sender", "AWS.SimpleQueueService.QueueDeletedRecently"))
        self.assertEqual(message, "You must wait 60 seconds after deleting a queue before you can create another "
                                  "with the same name.")

    def test_send_receive_delete_with_attributes_and_digests(self):
        url = self.create("qp-messages")
        blob = b"\x00\x01\xfe"
        sent = self.call({"Action": "SendMessage", "QueueUrl": url, "MessageBody": "hello & <world>",
                          "MessageAttribute.1.Name": "color", "MessageAttribute.1.Value.DataType": "String",
                          "MessageAttribute.1.Value.StringValue": "blue",
                          "MessageAttribute.2.Name": "raw", "MessageAttribute.2.Value.DataType": "Binary",
                          "MessageAttribute.2.Value.BinaryValue": base64.b64encode(blob).decode()})
        result = sent.find(NS + "SendMessageResult")
        expected_attr_md5 = md5_of_attributes({"color": {"DataType": "String", "StringValue": "blue"},
                                               "raw": {"DataType": "Binary", "BinaryValue": blob}})
        self.assertEqual(result.find(NS + "MD5OfMessageBody").text, hashlib.md5(b"hello & <world>").hexdigest())
        self.assertEqual(result.find(NS + "MD5OfMessageAttributes").text, expected_attr_md5)
        message_id = result.find(NS + "MessageId").text

        received = self.call({"Action": "ReceiveMessage", "QueueUrl": url, "AttributeName.1": "All",
                              "MessageAttributeName.1": "All", "WaitTimeSeconds": "1"})
        messages = received.findall(f"{NS}ReceiveMessageResult/{NS}Message")
        self.assertEqual(len(messages), 1)
        m = messages[0]
        self.assertEqual(m.find(NS + "MessageId").text, message_id)
        self.assertEqual(m.find(NS + "Body").text, "hello & <world>")
        self.assertEqual(m.find(NS + "MD5OfBody").text, hashlib.md5(b"hello & <world>").hexdigest())
        self.assertEqual(m.find(NS + "MD5OfMessageAttributes").text, expected_attr_md5)
        system = pairs(m, "Attribute")
        self.assertEqual(system["ApproximateReceiveCount"].text, "1")
        self.assertEqual(system["SenderId"].text, "000000000000")
        user = pairs(m, "MessageAttribute")
        self.assertEqual(user["color"].find(NS + "StringValue").text, "blue")
        self.assertEqual(user["color"].find(NS + "DataType").text, "String")
        self.assertEqual(base64.b64decode(user["raw"].find(NS + "BinaryValue").text), blob)

        # The 2023 member keeps its JSON name over the query protocol (what botocore sends).
        self.call({"Action": "ChangeMessageVisibility", "QueueUrl": url,
                   "ReceiptHandle": m.find(NS + "ReceiptHandle").text, "VisibilityTimeout": "0"})
        again = self.call({"Action": "ReceiveMessage", "QueueUrl": url,
                           "MessageSystemAttributeNames.1": "ApproximateReceiveCount"})
        again_messages = again.findall(f"{NS}ReceiveMessageResult/{NS}Message")
        self.assertEqual(len(again_messages), 1)
        self.assertEqual(pairs(again_messages[0], "Attribute")["ApproximateReceiveCount"].text, "2")
        self.call({"Action": "DeleteMessage", "QueueUrl": url,
                   "ReceiptHandle": again_messages[0].find(NS + "ReceiptHandle").text})
        again = self.call({"Action": "ReceiveMessage", "QueueUrl": url, "VisibilityTimeout": "0"})
        self.assertEqual(again.findall(f".//{NS}Message"), [])

    def test_batches(self):
        url = self.create("qp-batch")
        sent = self.call({"Action": "SendMessageBatch", "QueueUrl": url,
                          "SendMessageBatchRequestEntry.1.Id": "a", "SendMessageBatchRequestEntry.1.MessageBody": "one",
                          "SendMessageBatchRequestEntry.2.Id": "b", "SendMessageBatchRequestEntry.2.MessageBody": "two",
                          "SendMessageBatchRequestEntry.2.MessageAttribute.1.Name": "k",
                          "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType": "Number",
                          "SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue": "7"})
        entries = {e.find(NS + "Id").text: e for e in sent.iter(NS + "SendMessageBatchResultEntry")}
        self.assertEqual(set(entries), {"a", "b"})
        self.assertEqual(entries["a"].find(NS + "MD5OfMessageBody").text, hashlib.md5(b"one").hexdigest())
        self.assertEqual(entries["b"].find(NS + "MD5OfMessageAttributes").text,
                         md5_of_attributes({"k": {"DataType": "Number", "StringValue": "7"}}))
        self.assertEqual(list(sent.iter(NS + "BatchResultErrorEntry")), [])

        received = self.call({"Action": "ReceiveMessage", "QueueUrl": url, "MaxNumberOfMessages": "10",
                              "WaitTimeSeconds": "1"})
        handles = texts(received, "ReceiptHandle")
        while len(handles) < 2:
            handles += texts(self.call({"Action": "ReceiveMessage", "QueueUrl": url, "WaitTimeSeconds": "1"}),
                             "ReceiptHandle")
        deleted = self.call({"Action": "DeleteMessageBatch", "QueueUrl": url,
                             "DeleteMessageBatchRequestEntry.1.Id": "x",
                             "DeleteMessageBatchRequestEntry.1.ReceiptHandle": handles[0],
                             "DeleteMessageBatchRequestEntry.2.Id": "y",
                             "DeleteMessageBatchRequestEntry.2.ReceiptHandle": "not-a-handle"})
        self.assertEqual([e.find(NS + "Id").text for e in deleted.iter(NS + "DeleteMessageBatchResultEntry")], ["x"])
        failed = list(deleted.iter(NS + "BatchResultErrorEntry"))
        self.assertEqual([e.find(NS + "Id").text for e in failed], ["y"])
        self.assertEqual(failed[0].find(NS + "Code").text, "ReceiptHandleIsInvalid")
        self.assertEqual(failed[0].find(NS + "SenderFault").text, "true")

        changed = self.call({"Action": "ChangeMessageVisibilityBatch", "QueueUrl": url,
                             "ChangeMessageVisibilityBatchRequestEntry.1.Id": "c",
                             "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle": handles[1],
                             "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": "0"})
        self.assertEqual(texts(changed, "Id"), ["c"])
        self.assertEqual(len(list(changed.iter(NS + "ChangeMessageVisibilityBatchResultEntry"))), 1)

    def test_post_to_the_queue_url_path(self):
        url = self.create("qp-path")
        path = urllib.parse.urlparse(url).path
        self.call({"Action": "SendMessage", "MessageBody": "via path"}, path=path)
        got = self.server.client("sqs").receive_message(QueueUrl=url, WaitTimeSeconds=1)
        self.assertEqual([m["Body"] for m in got["Messages"]], ["via path"])

    def test_errors_have_the_query_shape(self):
        kind, code, message = self.error({"Action": "GetQueueUrl", "QueueName": "qp-never"})
        self.assertEqual((kind, code), ("Sender", "AWS.SimpleQueueService.NonExistentQueue"))
        self.assertEqual(message, "The specified queue does not exist.")
        url = self.create("qp-errors")
        kind, code, message = self.error({"Action": "SendMessage", "QueueUrl": url})
        self.assertEqual(code, "MissingParameter")
        self.assertIn("MessageBody", message)
        _, code, _ = self.error({"Action": "CreateQueue", "QueueName": "qp-errors",
                                 "Attribute.1.Name": "VisibilityTimeout", "Attribute.1.Value": "99"})
        self.assertEqual(code, "QueueAlreadyExists")
        _, code, _ = self.error({"Action": "SendMessage", "QueueUrl": url, "MessageBody": "x",
                                 "DelaySeconds": "soon"})
        self.assertIn(code, ("ValidationError", "InvalidParameterValue"))
        _, code, _ = self.error({"Action": "NoSuchThing"})
        self.assertEqual(code, "InvalidAction")


if __name__ == "__main__":
    unittest.main()
