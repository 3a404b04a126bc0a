"""SNS delivery to HTTPS and HTTP endpoints beyond test_sns.py: the whole confirmation handshake
and signed notifications over TLS (a self-signed certificate made with the `cryptography`
package), raw delivery over HTTPS, and a subscription's own DeliveryPolicy (retry delays,
attempt count and request content type) overriding the topic's default, ending in the
subscription's dead-letter queue when every attempt fails."""
import datetime
import http.server
import ipaddress
import json
import os
import ssl
import tempfile
import threading
import time
import unittest
import urllib.request

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from skybox_harness import SkyboxServer, wait_for
from test_sns import verify_signature

ACCOUNT = "000000000000"
FAST_RETRIES = {"minDelayTarget": 1, "maxDelayTarget": 1, "numRetries": 3, "numNoDelayRetries": 0,
                "numMinDelayRetries": 0, "numMaxDelayRetries": 0, "backoffFunction": "linear"}


def self_signed_certificate(directory):
    """Writes a key and a self-signed certificate for 127.0.0.1; returns (cert_path, key_path)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                           critical=False)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = os.path.join(directory, "cert.pem"), os.path.join(directory, "key.pem")
    with open(cert_path, "wb") as f:
        f.write(cert.public_bytes(serialization.Encoding.PEM))
    with open(key_path, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()))
    return cert_path, key_path


class Subscriber:
    """A local endpoint recording every POST as (monotonic time, TLS version or None, headers, body).
    Notifications are answered with the next status of `notification_statuses` (then 200);
    everything else with 200."""

    def __init__(self, tls_context=None, notification_statuses=()):
        self.requests = []
        self.statuses = list(notification_statuses)
        self.lock = threading.Lock()
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                tls = self.connection.version() if isinstance(self.connection, ssl.SSLSocket) else None
                status = 200
                with outer.lock:
                    outer.requests.append((time.monotonic(), tls, dict(self.headers), body))
                    if self.headers.get("x-amz-sns-message-type") == "Notification" and outer.statuses:
                        status = outer.statuses.pop(0)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls_context is not None:
            self.server.socket = tls_context.wrap_socket(self.server.socket, server_side=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        scheme = "https" if tls_context is not None else "http"
        self.url = f"{scheme}://127.0.0.1:{self.server.server_address[1]}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def of_type(self, type_):
        with self.lock:
            return [r for r in self.requests if r[2].get("x-amz-sns-message-type") == type_]


class SnsEndpointTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.sns = cls.server.client("sns")
        cls.sqs = cls.server.client("sqs")
        cls.cert_dir = tempfile.TemporaryDirectory()
        cls.tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        cls.tls.load_cert_chain(*self_signed_certificate(cls.cert_dir.name))

    @classmethod
    def tearDownClass(cls):
        cls.server.close()
        cls.cert_dir.cleanup()

    def subscriber(self, **kwargs):
        s = Subscriber(**kwargs)
        self.addCleanup(s.close)
        return s

    def confirm_by_url(self, subscriber):
        """Waits for the SubscriptionConfirmation, GETs its SubscribeURL; returns the message."""
        self.assertTrue(wait_for(lambda: subscriber.of_type("SubscriptionConfirmation"), timeout=10))
        _, tls, headers, body = subscriber.of_type("SubscriptionConfirmation")[0]
        confirmation = json.loads(body)
        with urllib.request.urlopen(confirmation["SubscribeURL"], timeout=10) as resp:
            self.assertEqual(resp.status, 200)
            self.assertIn(b"<ConfirmSubscriptionResult>", resp.read())
        return tls, headers, confirmation


class HttpsEndpointTest(SnsEndpointTestBase):
    def test_confirmation_and_notification_over_tls(self):
        endpoint = self.subscriber(tls_context=self.tls)
        self.assertTrue(endpoint.url.startswith("https://"))
        topic = self.sns.create_topic(Name="secure")["TopicArn"]
        r = self.sns.subscribe(TopicArn=topic, Protocol="https", Endpoint=endpoint.url)
        self.assertEqual(r["SubscriptionArn"], "pending confirmation")

        tls, headers, confirmation = self.confirm_by_url(endpoint)
        self.assertIn(tls, ("TLSv1.2", "TLSv1.3"))
        self.assertEqual(headers["x-amz-sns-message-type"], "SubscriptionConfirmation")
        self.assertEqual(headers["x-amz-sns-topic-arn"], topic)
        self.assertEqual(confirmation["Type"], "SubscriptionConfirmation")
        self.assertEqual(confirmation["TopicArn"], topic)
        verify_signature(confirmation)
        [sub] = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        self.assertEqual((sub["Protocol"], sub["Endpoint"]), ("https", endpoint.url))
        self.assertTrue(sub["SubscriptionArn"].startswith(topic + ":"), sub)

        published = self.sns.publish(TopicArn=topic, Message="over tls", Subject="secure",
                                     MessageAttributes={"n": {"DataType": "Number", "StringValue": "7"}})
        self.assertTrue(wait_for(lambda: endpoint.of_type("Notification"), timeout=10))
        [(_, tls, headers, body)] = endpoint.of_type("Notification")
        self.assertIn(tls, ("TLSv1.2", "TLSv1.3"))
        note = json.loads(body)
        self.assertEqual(note["Type"], "Notification")
        self.assertEqual(note["MessageId"], published["MessageId"])
        self.assertEqual((note["Message"], note["Subject"]), ("over tls", "secure"))
        self.assertEqual(note["MessageAttributes"], {"n": {"Type": "Number", "Value": "7"}})
        self.assertEqual(headers["x-amz-sns-subscription-arn"], sub["SubscriptionArn"])
        self.assertEqual(headers["x-amz-sns-message-id"], published["MessageId"])
        verify_signature(note)

        # Raw delivery over HTTPS: the body is the message itself.
        self.sns.set_subscription_attributes(SubscriptionArn=sub["SubscriptionArn"],
                                             AttributeName="RawMessageDelivery", AttributeValue="true")
        self.sns.publish(TopicArn=topic, Message="raw over tls")
        self.assertTrue(wait_for(lambda: len(endpoint.of_type("Notification")) >= 2, timeout=10))
        _, tls, headers, body = endpoint.of_type("Notification")[1]
        self.assertIn(tls, ("TLSv1.2", "TLSv1.3"))
        self.assertEqual(body, "raw over tls")
        self.assertEqual(headers["x-amz-sns-rawdelivery"], "true")


class SubscriptionDeliveryPolicyTest(SnsEndpointTestBase):
    def subscribe_confirmed(self, topic, endpoint, **attributes):
        self.sns.subscribe(TopicArn=topic, Protocol="http", Endpoint=endpoint.url, Attributes=attributes)
        self.confirm_by_url(endpoint)
        [sub] = self.sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
        return sub["SubscriptionArn"]

    def test_third_attempt_delivers_with_the_subscriptions_delays(self):
        endpoint = self.subscriber(notification_statuses=[500, 500])
        # The topic keeps SNS's default (20 s between retries); only the subscription is fast.
        topic = self.sns.create_topic(Name="flaky-subscriber")["TopicArn"]
        policy = {"healthyRetryPolicy": FAST_RETRIES, "throttlePolicy": {"maxReceivesPerSecond": 10},
                  "requestPolicy": {"headerContentType": "application/json"}}
        sub_arn = self.subscribe_confirmed(topic, endpoint, DeliveryPolicy=json.dumps(policy))
        attrs = self.sns.get_subscription_attributes(SubscriptionArn=sub_arn)["Attributes"]
        self.assertEqual(json.loads(attrs["DeliveryPolicy"]), policy)
        effective = json.loads(attrs["EffectiveDeliveryPolicy"])
        self.assertEqual(effective["healthyRetryPolicy"]["minDelayTarget"], 1)
        self.assertEqual(effective["healthyRetryPolicy"]["numRetries"], 3)

        published = self.sns.publish(TopicArn=topic, Message="third time lucky")
        self.assertTrue(wait_for(lambda: len(endpoint.of_type("Notification")) >= 3, timeout=15))
        attempts = endpoint.of_type("Notification")
        # The same signed message each time, with the subscription's content type.
        self.assertEqual({r[3] for r in attempts}, {attempts[0][3]})
        self.assertEqual(json.loads(attempts[0][3])["MessageId"], published["MessageId"])
        self.assertEqual({r[2]["Content-Type"] for r in attempts}, {"application/json"})
        # minDelayTarget=maxDelayTarget=1: retries wait about a second, not the topic's 20 s.
        gaps = [b[0] - a[0] for a, b in zip(attempts, attempts[1:])]
        for gap in gaps:
            self.assertGreaterEqual(gap, 0.9, gaps)
            self.assertLess(gap, 10, gaps)
        # Delivered by the third attempt: no fourth.
        self.assertFalse(wait_for(lambda: len(endpoint.of_type("Notification")) > 3, timeout=2.5))

    def test_exhausted_retries_go_to_the_dead_letter_queue(self):
        endpoint = self.subscriber(notification_statuses=[500] * 10)
        dlq_url = self.sqs.create_queue(QueueName="https-sub-dlq")["QueueUrl"]
        topic = self.sns.create_topic(Name="always-failing")["TopicArn"]
        one_retry = dict(FAST_RETRIES, numRetries=1)
        self.subscribe_confirmed(
            topic, endpoint, DeliveryPolicy=json.dumps({"healthyRetryPolicy": one_retry}),
            RedrivePolicy=json.dumps({"deadLetterTargetArn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:https-sub-dlq"}))
        published = self.sns.publish(TopicArn=topic, Message="undeliverable")

        got = []

        def dead_lettered():
            r = self.sqs.receive_message(QueueUrl=dlq_url, WaitTimeSeconds=1, MaxNumberOfMessages=10)
            got.extend(r.get("Messages", []))
            return got
        self.assertTrue(wait_for(dead_lettered, timeout=15))
        # numRetries=1: the first attempt and one retry.
        self.assertEqual(len(endpoint.of_type("Notification")), 2)
        [message] = got
        note = json.loads(message["Body"])
        self.assertEqual((note["Type"], note["MessageId"], note["Message"]),
                         ("Notification", published["MessageId"], "undeliverable"))
        self.assertFalse(wait_for(lambda: len(endpoint.of_type("Notification")) > 2, timeout=2.5))


if __name__ == "__main__":
    unittest.main()
