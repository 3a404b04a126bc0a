"""SNS through boto3 (query protocol): topics, subscriptions, fan-out to SQS with filter
policies and raw delivery, FIFO topics to FIFO queues, HTTP endpoints with the
SubscriptionConfirmation handshake, message signatures checked with the `cryptography`
package against the certificate at SigningCertURL, retries of a failing endpoint, and
durability across a restart."""
import base64
import http.server
import json
import threading
import time
import unittest
import urllib.request

import botocore.exceptions
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from skybox_harness import SkyboxServer, wait_for

ACCOUNT = "000000000000"


def error_of(call, *args, **kwargs):
    try:
        call(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"], e.response["Error"]["Message"]
    raise AssertionError("expected an error")


def string_to_sign(msg):
    """AWS's documented canonical string, built independently of Skybox."""
    if msg["Type"] == "Notification":
        keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    else:
        keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    return "".join(f"{k}\n{msg[k]}\n" for k in keys if k in msg)


def verify_signature(msg):
    """Fetches the certificate from SigningCertURL and checks the message's signature."""
    with urllib.request.urlopen(msg["SigningCertURL"]) as r:
        assert r.headers["Content-Type"] == "application/x-x509-ca-cert", r.headers["Content-Type"]
        cert = x509.load_pem_x509_certificate(r.read())
    digest = hashes.SHA256() if msg["SignatureVersion"] == "2" else hashes.SHA1()
    # Raises InvalidSignature when it does not verify.
    cert.public_key().verify(base64.b64decode(msg["Signature"]), string_to_sign(msg).encode(),
                             padding.PKCS1v15(), digest)


class Endpoint:
    """A local HTTP subscriber: records every POST; answers 500 to the first
    `fail_notifications` Notification messages."""

    def __init__(self, fail_notifications=0):
        self.requests = []
        self.fail_notifications = fail_notifications
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                outer.requests.append((dict(self.headers), body))
                failing = (self.headers.get("x-amz-sns-message-type") == "Notification" and
                           len(outer.messages("Notification")) <= outer.fail_notifications)
                self.send_response(500 if failing else 200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def messages(self, type_=None):
        out = []
        for headers, body in self.requests:
            if type_ is None or headers.get("x-amz-sns-message-type") == type_:
                out.append((headers, body))
        return out


class SnsTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.sns = cls.server.client("sns")
        cls.sqs = cls.server.client("sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def queue(self, name, **attributes):
        url = self.sqs.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
        arn = f"arn:aws:sqs:us-east-1:{ACCOUNT}:{name}"
        return url, arn

    def receive_all(self, url, expected, timeout=10):
        got = []

        def poll():
            r = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1,
                                         MessageAttributeNames=["All"], AttributeNames=["All"])
            for m in r.get("Messages", []):
                got.append(m)
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            return len(got) >= expected
        wait_for(poll, timeout=timeout, interval=0.05)
        return got


class TopicTest(SnsTestBase):
    def test_create_get_set_delete(self):
        arn = self.sns.create_topic(Name="orders", Attributes={"DisplayName": "Orders"})["TopicArn"]
        self.assertEqual(arn, f"arn:aws:sns:us-east-1:{ACCOUNT}:orders")
        # Same name and attributes: the same topic.
        self.assertEqual(self.sns.create_topic(Name="orders", Attributes={"DisplayName": "Orders"})["TopicArn"], arn)
        code, message = error_of(self.sns.create_topic, Name="orders", Attributes={"DisplayName": "Other"})
        self.assertEqual(code, "InvalidParameter")
        self.assertIn("Topic already exists with different attributes", message)
        attrs = self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
        self.assertEqual(attrs["DisplayName"], "Orders")
        self.assertEqual(attrs["Owner"], ACCOUNT)
        self.assertEqual(attrs["SubscriptionsConfirmed"], "0")
        self.assertEqual(json.loads(attrs["Policy"])["Statement"][0]["Resource"], arn)
        effective = json.loads(attrs["EffectiveDeliveryPolicy"])
        self.assertEqual(effective["http"]["defaultHealthyRetryPolicy"]["numRetries"], 3)
        self.assertNotIn("FifoTopic", attrs)
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="SignatureVersion", AttributeValue="2")
        self.assertEqual(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["SignatureVersion"], "2")
        code, message = error_of(self.sns.set_topic_attributes, TopicArn=arn, AttributeName="Bogus",
                                 AttributeValue="x")
        self.assertEqual((code, message), ("InvalidParameter", "Invalid parameter: AttributeName"))
        self.assertIn(arn, [t["TopicArn"] for t in self.sns.list_topics()["Topics"]])
        self.sns.delete_topic(TopicArn=arn)
        self.sns.delete_topic(TopicArn=arn)  # deleting twice is fine
        code, message = error_of(self.sns.get_topic_attributes, TopicArn=arn)
        self.assertEqual((code, message), ("NotFound", "Topic does not exist"))

    def test_bad_names_and_fifo(self):
        self.assertEqual(error_of(self.sns.create_topic, Name="bad name"),
                         ("InvalidParameter", "Invalid parameter: Topic Name"))
        self.assertEqual(error_of(self.sns.create_topic, Name="std.fifo")[0], "InvalidParameter")
        code, message = error_of(self.sns.create_topic, Name="nofifo", Attributes={"FifoTopic": "true"})
        self.assertIn("must end with .fifo", message)
        arn = self.sns.create_topic(Name="events.fifo", Attributes={"FifoTopic": "true"})["TopicArn"]
        attrs = self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
        self.assertEqual(attrs["FifoTopic"], "true")
        self.assertEqual(attrs["ContentBasedDeduplication"], "false")
        code, _ = error_of(self.sns.create_topic, Name="plain", Attributes={"ContentBasedDeduplication": "true"})
        self.assertEqual(code, "InvalidParameter")

    def test_tags(self):
        arn = self.sns.create_topic(Name="tagged", Tags=[{"Key": "team", "Value": "a"}])["TopicArn"]
        self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(49)])
        self.assertEqual(len(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"]), 50)
        code, _ = error_of(self.sns.tag_resource, ResourceArn=arn, Tags=[{"Key": "one-more", "Value": "v"}])
        self.assertEqual(code, "TagLimitExceeded")
        self.sns.untag_resource(ResourceArn=arn, TagKeys=["team"])
        keys = {t["Key"] for t in self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"]}
        self.assertNotIn("team", keys)
        code, _ = error_of(self.sns.list_tags_for_resource, ResourceArn=arn + "-missing")
        self.assertEqual(code, "ResourceNotFound")

    def test_list_topics_pages_of_100(self):
        for i in range(105):
            self.sns.create_topic(Name=f"page-{i:03d}")
        first = self.sns.list_topics()
        self.assertEqual(len(first["Topics"]), 100)
        second = self.sns.list_topics(NextToken=first["NextToken"])
        names = [t["TopicArn"] for t in first["Topics"] + second["Topics"]]
        self.assertEqual(len(names), len(set(names)))
        self.assertTrue(all(f"page-{i:03d}" in " ".join(names) for i in range(105)))
        self.assertNotIn("NextToken", second)

    def test_data_protection_policy(self):
        arn = self.sns.create_topic(Name="protected")["TopicArn"]
        policy = json.dumps({"Name": "p", "Version": "2021-06-01", "Statement": []})
        self.sns.put_data_protection_policy(ResourceArn=arn, DataProtectionPolicy=policy)
        self.assertEqual(self.sns.get_data_protection_policy(ResourceArn=arn)["DataProtectionPolicy"], policy)


class FanOutTest(SnsTestBase):
    def test_sqs_fan_out_with_filters_and_raw_delivery(self):
        topic = self.sns.create_topic(Name="fanout")["TopicArn"]
        all_url, all_arn = self.queue("fan-all")
        red_url, red_arn = self.queue("fan-red")
        big_url, big_arn = self.queue("fan-big-raw")
        sub_all = self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=all_arn)["SubscriptionArn"]
        self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=red_arn,
                           Attributes={"FilterPolicy": json.dumps({"color": ["red"]})})
        self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=big_arn, Attributes={
            "FilterPolicy": json.dumps({"order": {"size": [{"numeric": [">", 10]}]}}),
            "FilterPolicyScope": "MessageBody", "RawMessageDelivery": "true"})
        attrs = self.sns.get_subscription_attributes(SubscriptionArn=sub_all)["Attributes"]
        self.assertEqual(attrs["PendingConfirmation"], "false")
        self.assertEqual(attrs["Protocol"], "sqs")
        self.assertEqual(len(self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]), 3)

        self.sns.publish(TopicArn=topic, Message=json.dumps({"order": {"size": 3}}), Subject="small",
                         MessageAttributes={"color": {"DataType": "String", "StringValue": "red"}})
        self.sns.publish(TopicArn=topic, Message=json.dumps({"order": {"size": 30}}),
                         MessageAttributes={"color": {"DataType": "String", "StringValue": "blue"}})

        everything = self.receive_all(all_url, 2)
        self.assertEqual(len(everything), 2)
        notes = [json.loads(m["Body"]) for m in everything]
        for note in notes:
            self.assertEqual(note["Type"], "Notification")
            self.assertEqual(note["TopicArn"], topic)
            self.assertIn("UnsubscribeURL", note)
            verify_signature(note)
        small = [n for n in notes if n.get("Subject") == "small"][0]
        self.assertEqual(small["MessageAttributes"]["color"], {"Type": "String", "Value": "red"})

        red = self.receive_all(red_url, 1)
        self.assertEqual(len(red), 1)
        self.assertEqual(json.loads(json.loads(red[0]["Body"])["Message"]), {"order": {"size": 3}})

        big = self.receive_all(big_url, 1)
        self.assertEqual(len(big), 1)
        self.assertEqual(json.loads(big[0]["Body"]), {"order": {"size": 30}})  # raw: the message itself
        self.assertEqual(big[0]["MessageAttributes"]["color"]["StringValue"], "blue")
        # Nothing else arrives where the filters say no.
        self.assertEqual(self.receive_all(red_url, 1, timeout=1.5), [])

    def test_bad_filter_policy_and_endpoint(self):
        topic = self.sns.create_topic(Name="filters")["TopicArn"]
        _, arn = self.queue("filters-q")
        code, message = error_of(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=arn,
                                 Attributes={"FilterPolicy": "{not json"})
        self.assertEqual(code, "InvalidParameter")
        self.assertIn("FilterPolicy", message)
        self.assertEqual(error_of(self.sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint="nope"),
                         ("InvalidParameter", "Invalid parameter: SQS endpoint ARN"))
        code, _ = error_of(self.sns.subscribe, TopicArn=topic, Protocol="pigeon", Endpoint="x")
        self.assertEqual(code, "InvalidParameter")
        code, _ = error_of(self.sns.subscribe, TopicArn=topic + "x", Protocol="sqs", Endpoint=arn)
        self.assertEqual(code, "NotFound")

    def test_publish_validation_and_batch(self):
        topic = self.sns.create_topic(Name="validation")["TopicArn"]
        self.assertEqual(error_of(self.sns.publish, TopicArn=topic, Message="x" * (256 * 1024 + 1)),
                         ("InvalidParameter", "Invalid parameter: Message too long"))
        code, message = error_of(self.sns.publish, TopicArn=topic, Message='{"sqs":"x"}', MessageStructure="json")
        self.assertIn("No default entry", message)
        code, _ = error_of(self.sns.publish, TopicArn=topic, Message="x", MessageAttributes={
            "n": {"DataType": "Number", "StringValue": "ten"}})
        self.assertEqual(code, "ParameterValueInvalid")
        self.assertEqual(error_of(self.sns.publish, TopicArn=topic + "-missing", Message="x")[0], "NotFound")
        entries = [{"Id": "a", "Message": "one"}, {"Id": "b", "Message": ""}]
        r = self.sns.publish_batch(TopicArn=topic, PublishBatchRequestEntries=entries)
        self.assertEqual([s["Id"] for s in r["Successful"]], ["a"])
        self.assertEqual(r["Failed"][0]["Id"], "b")
        self.assertTrue(r["Failed"][0]["SenderFault"])
        self.assertEqual(error_of(self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": "a", "Message": "1"}, {"Id": "a", "Message": "2"}])[0], "BatchEntryIdsNotDistinct")
        self.assertEqual(error_of(self.sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[
            {"Id": str(i), "Message": "m"} for i in range(11)])[0], "TooManyEntriesInBatchRequest")

    def test_fifo_topic_to_fifo_queue(self):
        topic = self.sns.create_topic(Name="orders.fifo", Attributes={
            "FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
        url, arn = self.queue("orders-q.fifo", FifoQueue="true")
        self.sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn,
                           Attributes={"RawMessageDelivery": "true"})
        code, message = error_of(self.sns.publish, TopicArn=topic, Message="no group")
        self.assertIn("MessageGroupId", message)
        first = self.sns.publish(TopicArn=topic, Message="m1", MessageGroupId="g1")
        again = self.sns.publish(TopicArn=topic, Message="m1", MessageGroupId="g1")
        self.assertEqual(first["MessageId"], again["MessageId"])  # deduplicated by content
        self.assertEqual(len(first["SequenceNumber"]), 20)
        second = self.sns.publish(TopicArn=topic, Message="m2", MessageGroupId="g1", MessageDeduplicationId="d2")
        self.assertGreater(second["SequenceNumber"], first["SequenceNumber"])
        got = self.receive_all(url, 2)
        self.assertEqual([m["Body"] for m in got], ["m1", "m2"])
        self.assertEqual(got[0]["Attributes"]["MessageGroupId"], "g1")
        self.assertEqual(got[1]["Attributes"]["MessageDeduplicationId"], "d2")
        self.assertEqual(self.receive_all(url, 1, timeout=1.5), [])


class HttpEndpointTest(SnsTestBase):
    def test_confirmation_then_signed_notification(self):
        endpoint = Endpoint()
        self.addCleanup(endpoint.close)
        topic = self.sns.create_topic(Name="web")["TopicArn"]
        r = self.sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url)
        self.assertEqual(r["SubscriptionArn"], "pending confirmation")
        self.assertTrue(wait_for(lambda: endpoint.messages("SubscriptionConfirmation"), timeout=10))
        headers, body = endpoint.messages("SubscriptionConfirmation")[0]
        confirmation = json.loads(body)
        self.assertEqual(confirmation["Type"], "SubscriptionConfirmation")
        self.assertEqual(confirmation["TopicArn"], topic)
        self.assertEqual(headers["x-amz-sns-topic-arn"], topic)
        self.assertTrue(headers["Content-Type"].startswith("text/plain"))
        verify_signature(confirmation)
        subs = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        self.assertEqual(subs[0]["SubscriptionArn"], "PendingConfirmation")
        # Nothing is delivered while pending.
        self.sns.publish(TopicArn=topic, Message="too early")
        time.sleep(0.5)  # let the fan-out of that publish happen before the confirmation

        # The SubscribeURL works without credentials, as on AWS.
        with urllib.request.urlopen(confirmation["SubscribeURL"]) as resp:
            self.assertEqual(resp.status, 200)
            self.assertIn(b"<SubscriptionArn>", resp.read())
        sub_arn = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"]
        self.assertTrue(sub_arn.startswith(topic + ":"))
        attrs = self.sns.get_subscription_attributes(SubscriptionArn=sub_arn)["Attributes"]
        self.assertEqual(attrs["PendingConfirmation"], "false")
        self.assertEqual(attrs["ConfirmationWasAuthenticated"], "false")

        self.sns.publish(TopicArn=topic, Message="hello web", Subject="greeting",
                         MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}})
        self.assertTrue(wait_for(lambda: endpoint.messages("Notification"), timeout=10))
        headers, body = endpoint.messages("Notification")[0]
        note = json.loads(body)
        self.assertEqual(note["Message"], "hello web")
        self.assertEqual(note["Subject"], "greeting")
        self.assertEqual(headers["x-amz-sns-subscription-arn"], sub_arn)
        self.assertEqual(headers["x-amz-sns-message-id"], note["MessageId"])
        self.assertEqual(headers["Content-Type"], "text/plain; charset=UTF-8")
        verify_signature(note)

        # SignatureVersion 2 (SHA256withRSA).
        self.sns.set_topic_attributes(TopicArn=topic, AttributeName="SignatureVersion", AttributeValue="2")
        self.sns.publish(TopicArn=topic, Message="second")
        self.assertTrue(wait_for(lambda: len(endpoint.messages("Notification")) >= 2, timeout=10))
        note2 = json.loads(endpoint.messages("Notification")[1][1])
        self.assertEqual(note2["SignatureVersion"], "2")
        verify_signature(note2)
        tampered = dict(note2, Message="forged")
        with self.assertRaises(Exception):
            verify_signature(tampered)
        self.assertEqual([json.loads(b)["Message"] for _, b in endpoint.messages("Notification")],
                         ["hello web", "second"])

        # UnsubscribeURL, also unsigned.
        with urllib.request.urlopen(note["UnsubscribeURL"]) as resp:
            self.assertEqual(resp.status, 200)
        self.assertEqual(self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"], [])

    def test_failing_endpoint_is_retried(self):
        endpoint = Endpoint(fail_notifications=2)
        self.addCleanup(endpoint.close)
        topic = self.sns.create_topic(Name="flaky", Attributes={"DeliveryPolicy": json.dumps({"http": {
            "defaultHealthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 3}}})})["TopicArn"]
        self.sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url)
        self.assertTrue(wait_for(lambda: endpoint.messages("SubscriptionConfirmation"), timeout=10))
        token = json.loads(endpoint.messages("SubscriptionConfirmation")[0][1])["Token"]
        sub_arn = self.sns.confirm_subscription(TopicArn=topic, Token=token)["SubscriptionArn"]
        attrs = self.sns.get_subscription_attributes(SubscriptionArn=sub_arn)["Attributes"]
        self.assertEqual(attrs["ConfirmationWasAuthenticated"], "true")
        self.assertEqual(json.loads(attrs["EffectiveDeliveryPolicy"])["healthyRetryPolicy"]["minDelayTarget"], 1)
        self.sns.publish(TopicArn=topic, Message="eventually")
        self.assertTrue(wait_for(lambda: len(endpoint.messages("Notification")) >= 3, timeout=20))
        bodies = [json.loads(b)["Message"] for _, b in endpoint.messages("Notification")]
        self.assertEqual(bodies, ["eventually"] * 3)  # two 500s, then delivered once
        code, _ = error_of(self.sns.confirm_subscription, TopicArn=topic, Token="wrong")
        self.assertEqual(code, "InvalidParameter")

    def test_unsigned_calls_are_limited_to_the_urls(self):
        topic = self.sns.create_topic(Name="locked")["TopicArn"]
        url = f"{self.server.endpoint}/?Action=DeleteTopic&TopicArn={topic}&Version=2010-03-31"
        with self.assertRaises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(url)
        self.assertEqual(caught.exception.code, 403)
        self.assertIn(topic, [t["TopicArn"] for t in self.sns.list_topics()["Topics"]])


class RecordedDeliveryTest(SnsTestBase):
    def deliveries(self):
        with urllib.request.urlopen(f"{self.server.endpoint}/_skybox/sns/deliveries") as r:
            return json.loads(r.read())

    def test_email_and_sms_are_recorded(self):
        topic = self.sns.create_topic(Name="mail")["TopicArn"]
        self.sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="dev@example.com")
        record = [d for d in self.deliveries() if d.get("Endpoint") == "dev@example.com"][0]
        self.assertEqual(record["Type"], "SubscriptionConfirmation")
        self.sns.confirm_subscription(TopicArn=topic, Token=record["Token"])
        self.sns.subscribe(TopicArn=topic, Protocol="sms", Endpoint="+15555550100")
        self.sns.publish(TopicArn=topic, Message="hi all")
        self.assertTrue(wait_for(lambda: len([d for d in self.deliveries() if d.get("Message") == "hi all"]) == 2,
                                 timeout=10))
        self.sns.publish(PhoneNumber="+15555550199", Message="direct")
        self.assertTrue(any(d.get("Endpoint") == "+15555550199" for d in self.deliveries()))


class RestartTest(unittest.TestCase):
    def test_topics_subscriptions_and_key_survive_restart(self):
        server = SkyboxServer()
        try:
            sns = server.client("sns")
            topic = sns.create_topic(Name="durable", Tags=[{"Key": "k", "Value": "v"}])["TopicArn"]
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=f"arn:aws:sqs:us-east-1:{ACCOUNT}:q")
            sqs = server.client("sqs")
            url = sqs.create_queue(QueueName="durable-q")["QueueUrl"]
            sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=f"arn:aws:sqs:us-east-1:{ACCOUNT}:durable-q")
            sns.publish(TopicArn=topic, Message="before")
            cert_before = json.loads(sqs.receive_message(QueueUrl=url, WaitTimeSeconds=5)["Messages"][0]["Body"])
            self.assertEqual(server.stop(), 0)
            server.start()
            sns = server.client("sns")
            self.assertEqual(len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]), 2)
            self.assertEqual(sns.list_tags_for_resource(ResourceArn=topic)["Tags"], [{"Key": "k", "Value": "v"}])
            sns.publish(TopicArn=topic, Message="after")
            sqs = server.client("sqs")

            def arrived():
                r = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
                return [json.loads(m["Body"]) for m in r.get("Messages", []) if "after" in m["Body"]]
            got = []
            self.assertTrue(wait_for(lambda: got.extend(arrived()) or got, timeout=10))
            # Same key and certificate (the port is new).
            self.assertEqual(got[0]["SigningCertURL"].split("/_skybox/")[1],
                             cert_before["SigningCertURL"].split("/_skybox/")[1])
            verify_signature(got[0])
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
