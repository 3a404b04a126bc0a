"""SQS through boto3 (JSON protocol): queues, messages, visibility, FIFO, dead-letter queues,
long polling and restart. Error codes are checked as boto3 reports them (the legacy query
codes AWS sends in x-amzn-query-error)."""
import hashlib
import json
import struct
import threading
import time
import unittest

import botocore.exceptions

from skybox_harness import SkyboxServer, aws_cli


def md5_of_attributes(attrs):
    """MD5OfMessageAttributes as AWS documents it, computed independently of Skybox."""
    buf = b""
    for name in sorted(attrs):
        a = attrs[name]
        buf += struct.pack("!I", len(name.encode())) + name.encode()
        buf += struct.pack("!I", len(a["DataType"].encode())) + a["DataType"].encode()
        if a["DataType"].startswith("Binary"):
            buf += b"\x02" + struct.pack("!I", len(a["BinaryValue"])) + a["BinaryValue"]
        else:
            v = a["StringValue"].encode()
            buf += b"\x01" + struct.pack("!I", len(v)) + v
    return hashlib.md5(buf).hexdigest()


class SqsTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.sqs = cls.server.client("sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def queue(self, name, **attributes):
        return self.sqs.create_queue(QueueName=name, Attributes={k: str(v) for k, v in attributes.items()})["QueueUrl"]

    def error(self, fn, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            fn(**kwargs)
        return ctx.exception.response["Error"]


class QueueControlPlaneTest(SqsTestBase):
    def test_create_get_list_delete(self):
        url = self.queue("cp-one")
        self.assertEqual(url, f"{self.server.endpoint}/000000000000/cp-one")
        self.assertEqual(self.sqs.get_queue_url(QueueName="cp-one")["QueueUrl"], url)
        self.assertIn(url, self.sqs.list_queues(QueueNamePrefix="cp-")["QueueUrls"])
        self.sqs.delete_queue(QueueUrl=url)
        err = self.error(self.sqs.get_queue_url, QueueName="cp-one")
        self.assertEqual(err["Code"], "AWS.SimpleQueueService.NonExistentQueue")
        self.assertEqual(err["Message"], "The specified queue does not exist.")

    def test_idempotent_create_and_queue_name_exists(self):
        a = self.queue("cp-idem", VisibilityTimeout=10)
        self.assertEqual(self.queue("cp-idem", VisibilityTimeout=10), a)
        self.assertEqual(self.queue("cp-idem"), a)
        err = self.error(self.sqs.create_queue, QueueName="cp-idem", Attributes={"VisibilityTimeout": "11"})
        self.assertEqual(err["Code"], "QueueAlreadyExists")

    def test_name_and_attribute_validation(self):
        self.assertEqual(self.error(self.sqs.create_queue, QueueName="bad name")["Code"], "InvalidParameterValue")
        self.assertEqual(self.error(self.sqs.create_queue, QueueName="x" * 81)["Code"], "InvalidParameterValue")
        self.assertEqual(self.error(self.sqs.create_queue, QueueName="nofifo.fifo")["Code"], "InvalidParameterValue")
        self.assertEqual(self.error(self.sqs.create_queue, QueueName="fifo-no-suffix",
                                    Attributes={"FifoQueue": "true"})["Code"], "InvalidParameterValue")
        err = self.error(self.sqs.create_queue, QueueName="cp-bad-attr", Attributes={"VisibilityTimeout": "43201"})
        self.assertEqual(err["Code"], "InvalidAttributeValue")
        self.assertEqual(err["Message"], "Invalid value for the parameter VisibilityTimeout.")
        err = self.error(self.sqs.create_queue, QueueName="cp-bad-attr2", Attributes={"ContentBasedDeduplication": "true"})
        self.assertEqual(err["Code"], "InvalidAttributeName")

    def test_list_queues_paging(self):
        urls = {self.queue(f"page-{i:02d}") for i in range(5)}
        seen, token = [], None
        while True:
            kwargs = {"QueueNamePrefix": "page-", "MaxResults": 2}
            if token:
                kwargs["NextToken"] = token
            out = self.sqs.list_queues(**kwargs)
            seen += out.get("QueueUrls", [])
            token = out.get("NextToken")
            if not token:
                break
        self.assertEqual(sorted(seen), sorted(urls))
        self.assertNotIn("QueueUrls", self.sqs.list_queues(QueueNamePrefix="no-such-prefix"))

    def test_attributes_all_and_set(self):
        url = self.queue("cp-attrs", DelaySeconds=2)
        before = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(before["DelaySeconds"], "2")
        self.assertEqual(before["VisibilityTimeout"], "30")
        self.assertEqual(before["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:cp-attrs")
        self.assertEqual(before["ApproximateNumberOfMessages"], "0")
        self.assertNotIn("FifoQueue", before)
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "45", "DelaySeconds": "0"})
        after = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout", "DelaySeconds"])
        self.assertEqual(after["Attributes"], {"VisibilityTimeout": "45", "DelaySeconds": "0"})
        err = self.error(self.sqs.set_queue_attributes, QueueUrl=url, Attributes={"QueueArn": "x"})
        self.assertEqual(err["Code"], "InvalidAttributeName")
        err = self.error(self.sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["VisibilityTimeout", "Bogus"])
        self.assertEqual((err["Code"], err["Message"]), ("InvalidAttributeName", "Unknown Attribute Bogus."))

    def test_tags(self):
        url = self.sqs.create_queue(QueueName="cp-tags", tags={"team": "a"})["QueueUrl"]
        self.sqs.tag_queue(QueueUrl=url, Tags={"env": "dev"})
        self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"team": "a", "env": "dev"})
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
        self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"env": "dev"})

    def test_permissions_edit_the_policy(self):
        url = self.queue("cp-perm")
        self.sqs.add_permission(QueueUrl=url, Label="p1", AWSAccountIds=["111122223333"], Actions=["SendMessage"])
        policy = json.loads(self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])["Attributes"]["Policy"])
        self.assertEqual(policy["Statement"][0]["Sid"], "p1")
        self.assertEqual(policy["Statement"][0]["Action"], "SQS:SendMessage")
        self.assertEqual(self.error(self.sqs.add_permission, QueueUrl=url, Label="p1", AWSAccountIds=["1"],
                                    Actions=["SendMessage"])["Code"], "InvalidParameterValue")
        self.sqs.remove_permission(QueueUrl=url, Label="p1")
        self.assertNotIn("Attributes", self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"]))

    def test_queue_url_forms(self):
        url = self.queue("cp-forms")
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        for form in ["http://localhost:4566/000000000000/cp-forms",
                     "http://sqs.us-east-1.localhost.localstack.cloud:4566/000000000000/cp-forms",
                     "https://sqs.us-east-1.amazonaws.com/000000000000/cp-forms"]:
            attrs = self.sqs.get_queue_attributes(QueueUrl=form, AttributeNames=["QueueArn"])["Attributes"]
            self.assertTrue(attrs["QueueArn"].endswith(":cp-forms"), form)


class AwsCliTest(SqsTestBase):
    def test_cli_round_trip(self):
        r = aws_cli(self.server.endpoint, "sqs", "create-queue", "--queue-name", "cli-queue")
        self.assertEqual(r.returncode, 0, r.stderr)
        url = json.loads(r.stdout)["QueueUrl"]
        r = aws_cli(self.server.endpoint, "sqs", "send-message", "--queue-url", url, "--message-body", "from cli",
                    "--message-attributes", '{"k":{"DataType":"String","StringValue":"v"}}')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["MD5OfMessageAttributes"],
                         md5_of_attributes({"k": {"DataType": "String", "StringValue": "v"}}))
        r = aws_cli(self.server.endpoint, "sqs", "receive-message", "--queue-url", url,
                    "--message-attribute-names", "All")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)["Messages"][0]["Body"], "from cli")


class MessageTest(SqsTestBase):
    def test_send_receive_delete_with_md5s(self):
        url = self.queue("msg-basic")
        attrs = {"s": {"DataType": "String", "StringValue": "v"},
                 "n": {"DataType": "Number", "StringValue": "1.5"},
                 "b": {"DataType": "Binary", "BinaryValue": b"\x00\xff"},
                 "custom": {"DataType": "String.custom", "StringValue": "c"}}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="héllo", MessageAttributes=attrs,
                                     MessageSystemAttributes={"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-a"}})
        self.assertEqual(sent["MD5OfMessageBody"], hashlib.md5("héllo".encode()).hexdigest())
        self.assertEqual(sent["MD5OfMessageAttributes"], md5_of_attributes(attrs))
        self.assertEqual(sent["MD5OfMessageSystemAttributes"],
                         md5_of_attributes({"AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-a"}}))
        got = self.sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], AttributeNames=["All"])["Messages"]
        self.assertEqual(len(got), 1)
        m = got[0]
        self.assertEqual(m["MessageId"], sent["MessageId"])
        self.assertEqual(m["Body"], "héllo")
        self.assertEqual(m["MessageAttributes"], attrs)
        self.assertEqual(m["MD5OfMessageAttributes"], md5_of_attributes(attrs))
        self.assertEqual(m["Attributes"]["ApproximateReceiveCount"], "1")
        self.assertEqual(m["Attributes"]["AWSTraceHeader"], "Root=1-a")
        self.assertAlmostEqual(int(m["Attributes"]["SentTimestamp"]) / 1000, time.time(), delta=30)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url, VisibilityTimeout=0))

    def test_attribute_name_selection(self):
        url = self.queue("msg-select")
        self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageAttributes={
            "color.red": {"DataType": "String", "StringValue": "1"},
            "size": {"DataType": "String", "StringValue": "2"}})
        m = self.sqs.receive_message(QueueUrl=url, MessageAttributeNames=["color.*"], VisibilityTimeout=0)["Messages"][0]
        self.assertEqual(list(m["MessageAttributes"]), ["color.red"])
        self.assertEqual(m["MD5OfMessageAttributes"], md5_of_attributes(m["MessageAttributes"]))
        m = self.sqs.receive_message(QueueUrl=url)["Messages"][0]
        self.assertNotIn("MessageAttributes", m)
        self.assertNotIn("Attributes", m)

    def test_visibility_timeout_and_change(self):
        url = self.queue("msg-vis", VisibilityTimeout=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        first = self.sqs.receive_message(QueueUrl=url)["Messages"][0]
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
        time.sleep(1.2)
        again = self.sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
        self.assertEqual(again["Attributes"]["ApproximateReceiveCount"], "2")
        # The older handle is stale: deleting with it does not delete.
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first["ReceiptHandle"])
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=again["ReceiptHandle"], VisibilityTimeout=0)
        third = self.sqs.receive_message(QueueUrl=url, AttributeNames=["All"])["Messages"][0]
        self.assertEqual(third["Attributes"]["ApproximateReceiveCount"], "3")
        err = self.error(self.sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=first["ReceiptHandle"],
                         VisibilityTimeout=10)
        self.assertEqual(err["Code"], "AWS.SimpleQueueService.MessageNotInflight")
        err = self.error(self.sqs.delete_message, QueueUrl=url, ReceiptHandle="not-a-handle")
        self.assertEqual(err["Code"], "ReceiptHandleIsInvalid")

    def test_delays(self):
        url = self.queue("msg-delay", DelaySeconds=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="queue-delay")
        self.sqs.send_message(QueueUrl=url, MessageBody="no-delay", DelaySeconds=0)
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["ApproximateNumberOfMessagesDelayed"], "1")
        self.assertEqual(attrs["ApproximateNumberOfMessages"], "1")
        got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in got], ["no-delay"])
        got = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=3)["Messages"]
        self.assertEqual([m["Body"] for m in got], ["queue-delay"])
        err = self.error(self.sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901)
        self.assertEqual(err["Code"], "InvalidParameterValue")

    def test_batches(self):
        url = self.queue("msg-batch")
        out = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "1"}, {"Id": "b", "MessageBody": "2"},
            {"Id": "bad", "MessageBody": "x", "DelaySeconds": 1000}])
        self.assertEqual(sorted(e["Id"] for e in out["Successful"]), ["a", "b"])
        self.assertEqual(out["Failed"][0]["Id"], "bad")
        self.assertTrue(out["Failed"][0]["SenderFault"])
        got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual(sorted(m["Body"] for m in got), ["1", "2"])
        deleted = self.sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": "x", "ReceiptHandle": got[0]["ReceiptHandle"]}, {"Id": "y", "ReceiptHandle": "garbage"}])
        self.assertEqual([e["Id"] for e in deleted["Successful"]], ["x"])
        self.assertEqual(deleted["Failed"][0]["Code"], "ReceiptHandleIsInvalid")
        changed = self.sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
            {"Id": "z", "ReceiptHandle": got[1]["ReceiptHandle"], "VisibilityTimeout": 0}])
        self.assertEqual([e["Id"] for e in changed["Successful"]], ["z"])

        too_many = [{"Id": f"e{i}", "MessageBody": "x"} for i in range(11)]
        self.assertEqual(self.error(self.sqs.send_message_batch, QueueUrl=url, Entries=too_many)["Code"],
                         "AWS.SimpleQueueService.TooManyEntriesInBatchRequest")
        self.assertEqual(self.error(self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "d", "MessageBody": "x"}, {"Id": "d", "MessageBody": "y"}])["Code"],
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
        self.assertEqual(self.error(self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "no spaces", "MessageBody": "x"}])["Code"], "AWS.SimpleQueueService.InvalidBatchEntryId")
        self.assertEqual(self.error(self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "x" * 600000}, {"Id": "b", "MessageBody": "y" * 600000}])["Code"],
            "AWS.SimpleQueueService.BatchRequestTooLong")

    def test_limits_and_contents(self):
        url = self.queue("msg-limits", MaximumMessageSize=1024)
        self.sqs.send_message(QueueUrl=url, MessageBody="x" * 1024)
        err = self.error(self.sqs.send_message, QueueUrl=url, MessageBody="x" * 1025)
        self.assertEqual(err["Code"], "InvalidParameterValue")
        self.assertIn("Message must be shorter than 1024 bytes", err["Message"])
        err = self.error(self.sqs.send_message, QueueUrl=url, MessageBody="bad\x01")
        self.assertEqual(err["Code"], "InvalidMessageContents")
        err = self.error(self.sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11)
        self.assertEqual(err["Code"], "InvalidParameterValue")
        big = self.queue("msg-big")
        self.sqs.send_message(QueueUrl=big, MessageBody="y" * 1048576)
        # AWSTraceHeader is the only system attribute a sender may set; Numbers carry <= 38 digits.
        self.sqs.send_message(QueueUrl=url, MessageBody="t", MessageSystemAttributes={
            "AWSTraceHeader": {"DataType": "String", "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793"}})
        err = self.error(self.sqs.send_message, QueueUrl=url, MessageBody="t",
                         MessageSystemAttributes={"Foo": {"DataType": "String", "StringValue": "x"}})
        self.assertEqual(err["Code"], "InvalidParameterValue")
        err = self.error(self.sqs.send_message, QueueUrl=url, MessageBody="t",
                         MessageAttributes={"n": {"DataType": "Number", "StringValue": "1" * 39}})
        self.assertEqual(err["Code"], "InvalidParameterValue")
        self.sqs.send_message(QueueUrl=url, MessageBody="t",
                              MessageAttributes={"n": {"DataType": "Number", "StringValue": "1" * 38}})

    def test_purge(self):
        url = self.queue("msg-purge")
        for i in range(5):
            self.sqs.send_message(QueueUrl=url, MessageBody=str(i))
        self.sqs.purge_queue(QueueUrl=url)
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
        err = self.error(self.sqs.purge_queue, QueueUrl=url)
        self.assertEqual(err["Code"], "AWS.SimpleQueueService.PurgeQueueInProgress")
        self.sqs.send_message(QueueUrl=url, MessageBody="after")
        self.assertEqual(self.sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"], "after")

    def test_retention_period_bounds(self):
        # Expiry itself needs a clock seam (the minimum period is 60 s); the bounds are AWS's.
        url = self.queue("msg-retention", MessageRetentionPeriod=60)
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.assertEqual(len(self.sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"]), 1)
        for bad in ("59", "1209601"):
            err = self.error(self.sqs.set_queue_attributes, QueueUrl=url, Attributes={"MessageRetentionPeriod": bad})
            self.assertEqual(err["Code"], "InvalidAttributeValue")

    def test_concurrent_receivers_get_distinct_messages(self):
        url = self.queue("msg-concurrent")
        bodies = {str(i) for i in range(200)}
        for i in range(0, 200, 10):
            self.sqs.send_message_batch(QueueUrl=url, Entries=[{"Id": str(j), "MessageBody": str(i + j)} for j in range(10)])
        seen, lock = [], threading.Lock()

        def consume():
            client = self.server.client("sqs")
            while True:
                got = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
                if not got:
                    return
                with lock:
                    seen.extend(m["Body"] for m in got)
        threads = [threading.Thread(target=consume) for _ in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(sorted(seen), sorted(bodies))


class LongPollTest(SqsTestBase):
    def test_waiter_wakes_on_send(self):
        url = self.queue("lp-wake")
        result = {}

        def receive():
            client = self.server.client("sqs")
            start = time.monotonic()
            result["out"] = client.receive_message(QueueUrl=url, WaitTimeSeconds=10)
            result["end"] = time.monotonic()
        t = threading.Thread(target=receive)
        t.start()
        time.sleep(0.5)
        sent_at = time.monotonic()
        self.sqs.send_message(QueueUrl=url, MessageBody="wake")
        t.join(15)
        self.assertEqual(result["out"]["Messages"][0]["Body"], "wake")
        self.assertLess(result["end"] - sent_at, 0.5)

    def test_wait_ends_empty_after_timeout(self):
        url = self.queue("lp-empty")
        start = time.monotonic()
        out = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
        self.assertNotIn("Messages", out)
        self.assertGreaterEqual(time.monotonic() - start, 0.95)

    def test_queue_default_wait_and_visibility_expiry_wake(self):
        url = self.queue("lp-default", ReceiveMessageWaitTimeSeconds=5, VisibilityTimeout=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.sqs.receive_message(QueueUrl=url)
        start = time.monotonic()
        again = self.sqs.receive_message(QueueUrl=url)  # waits for the visibility timeout to end
        self.assertEqual(again["Messages"][0]["Body"], "x")
        self.assertLess(time.monotonic() - start, 2.5)


class FifoTest(SqsTestBase):
    def fifo(self, name, **attrs):
        return self.queue(name, FifoQueue="true", **attrs)

    def test_ordering_dedup_and_sequence_numbers(self):
        url = self.fifo("fifo-order.fifo")
        seqs = []
        for i in range(5):
            seqs.append(self.sqs.send_message(QueueUrl=url, MessageBody=str(i), MessageGroupId="g",
                                              MessageDeduplicationId=f"d{i}")["SequenceNumber"])
        self.assertEqual(seqs, sorted(seqs, key=int))
        self.assertTrue(all(len(s) == 20 for s in seqs))
        dup = self.sqs.send_message(QueueUrl=url, MessageBody="dup", MessageGroupId="g", MessageDeduplicationId="d0")
        self.assertEqual(dup["SequenceNumber"], seqs[0])
        got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, AttributeNames=["All"])["Messages"]
        self.assertEqual([m["Body"] for m in got], ["0", "1", "2", "3", "4"])
        self.assertEqual(got[0]["Attributes"]["MessageGroupId"], "g")
        self.assertEqual(got[0]["Attributes"]["SequenceNumber"], seqs[0])

    def test_group_blocked_while_in_flight(self):
        url = self.fifo("fifo-block.fifo", ContentBasedDeduplication="true")
        for body, group in [("a1", "a"), ("a2", "a"), ("b1", "b")]:
            self.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId=group)
        first = self.sqs.receive_message(QueueUrl=url)["Messages"]
        self.assertEqual([m["Body"] for m in first], ["a1"])
        second = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in second], ["b1"])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
        third = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in third], ["a2"])

    def test_fifo_rules(self):
        url = self.fifo("fifo-rules.fifo")
        self.assertEqual(self.error(self.sqs.send_message, QueueUrl=url, MessageBody="x")["Code"], "MissingParameter")
        self.assertEqual(self.error(self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g")["Code"],
                         "InvalidParameterValue")
        self.assertEqual(self.error(self.sqs.send_message, QueueUrl=url, MessageBody="x", MessageGroupId="g",
                                    MessageDeduplicationId="d", DelaySeconds=5)["Code"], "InvalidParameterValue")
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["FifoQueue"], "true")
        self.assertEqual(attrs["DeduplicationScope"], "queue")
        self.assertEqual(attrs["FifoThroughputLimit"], "perQueue")

    def test_receive_request_attempt_id_returns_the_same_messages(self):
        url = self.fifo("fifo-attempt.fifo", ContentBasedDeduplication="true")
        self.sqs.send_message(QueueUrl=url, MessageBody="x", MessageGroupId="g")
        a = self.sqs.receive_message(QueueUrl=url, ReceiveRequestAttemptId="try-1")["Messages"]
        b = self.sqs.receive_message(QueueUrl=url, ReceiveRequestAttemptId="try-1")["Messages"]
        self.assertEqual(a[0]["ReceiptHandle"], b[0]["ReceiptHandle"])

    def test_concurrent_consumers_keep_group_order(self):
        url = self.fifo("fifo-concurrent.fifo", ContentBasedDeduplication="true")
        groups = ["g0", "g1", "g2"]
        for i in range(30):
            for g in groups:
                self.sqs.send_message(QueueUrl=url, MessageBody=f"{g}:{i}", MessageGroupId=g)
        order, lock = [], threading.Lock()

        def consume():
            client = self.server.client("sqs")
            idle = 0
            while idle < 3:
                got = client.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
                if not got:
                    idle += 1
                    time.sleep(0.05)
                    continue
                idle = 0
                with lock:
                    order.extend(m["Body"] for m in got)
                    # Deleting under the lock records the processing order per group.
                    client.delete_message_batch(QueueUrl=url, Entries=[
                        {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got)])
        threads = [threading.Thread(target=consume) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(order), 90)
        for g in groups:
            self.assertEqual([int(b.split(":")[1]) for b in order if b.startswith(g + ":")], list(range(30)))


class DeadLetterTest(SqsTestBase):
    def test_redrive_after_max_receives_and_move_back(self):
        dlq = self.queue("dlq-target")
        dlq_arn = self.sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        src = self.queue("dlq-source", VisibilityTimeout=0,
                         RedrivePolicy=json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2}))
        policy = json.loads(self.sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["RedrivePolicy"])
                            ["Attributes"]["RedrivePolicy"])
        self.assertEqual(policy, {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
        self.assertEqual(self.sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"], [src])
        self.sqs.send_message(QueueUrl=src, MessageBody="poison")
        for _ in range(2):
            self.assertEqual(len(self.sqs.receive_message(QueueUrl=src)["Messages"]), 1)
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=src))
        moved = self.sqs.receive_message(QueueUrl=dlq, AttributeNames=["All"], VisibilityTimeout=0)["Messages"]
        self.assertEqual(moved[0]["Body"], "poison")
        self.assertEqual(moved[0]["Attributes"]["DeadLetterQueueSourceArn"], dlq_arn.replace("dlq-target", "dlq-source"))

        task = self.sqs.start_message_move_task(SourceArn=dlq_arn)["TaskHandle"]
        self.assertTrue(task)
        deadline = time.time() + 5
        while time.time() < deadline:
            results = self.sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"]
            if results[0]["Status"] == "COMPLETED":
                break
            time.sleep(0.05)
        self.assertEqual(results[0]["Status"], "COMPLETED")
        self.assertEqual(results[0]["ApproximateNumberOfMessagesMoved"], 1)
        back = self.sqs.receive_message(QueueUrl=src, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"]
        self.assertEqual(back[0]["Body"], "poison")

    def test_redrive_policy_validation(self):
        err = self.error(self.sqs.create_queue, QueueName="dlq-bad", Attributes={"RedrivePolicy": "{"})
        self.assertEqual(err["Code"], "InvalidParameterValue")
        err = self.error(self.sqs.create_queue, QueueName="dlq-bad2", Attributes={"RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": "arn:aws:sqs:us-east-1:000000000000:missing", "maxReceiveCount": 1})})
        self.assertEqual(err["Code"], "InvalidParameterValue")
        self.assertIn("Dead-letter target does not exist", err["Message"])


class RestartTest(unittest.TestCase):
    def test_messages_and_queues_survive_restart(self):
        server = SkyboxServer()
        try:
            sqs = server.client("sqs")
            url = sqs.create_queue(QueueName="durable", Attributes={"VisibilityTimeout": "60"})["QueueUrl"]
            for i in range(20):
                sqs.send_message(QueueUrl=url, MessageBody=str(i))
            got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got[:5])])
            self.assertEqual(server.stop(), 0)
            server.start()
            sqs = server.client("sqs")
            url = sqs.get_queue_url(QueueName="durable")["QueueUrl"]
            attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
            self.assertEqual(attrs["VisibilityTimeout"], "60")
            self.assertEqual(attrs["ApproximateNumberOfMessages"], "10")
            self.assertEqual(attrs["ApproximateNumberOfMessagesNotVisible"], "5")
            # The 5 received but undeleted messages are still invisible; a handle from before
            # the restart still deletes.
            sqs.delete_message(QueueUrl=url, ReceiptHandle=got[5]["ReceiptHandle"])
            bodies = set()
            while True:
                batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
                if not batch:
                    break
                bodies |= {m["Body"] for m in batch}
            self.assertEqual(len(bodies), 10)
            self.assertFalse(bodies & {m["Body"] for m in got})
        finally:
            server.close()

    def test_shutdown_answers_long_polls(self):
        server = SkyboxServer()
        try:
            sqs = server.client("sqs", read_timeout=30)
            url = sqs.create_queue(QueueName="shutdown")["QueueUrl"]
            result = {}

            def poll():
                result["out"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20)
            t = threading.Thread(target=poll)
            t.start()
            time.sleep(0.5)
            start = time.monotonic()
            self.assertEqual(server.stop(), 0)
            t.join(10)
            self.assertLess(time.monotonic() - start, 5)
            self.assertNotIn("Messages", result["out"])
        finally:
            server.close()


class QueueUrlHostTest(unittest.TestCase):
    def test_queue_url_uses_the_host_the_client_called(self):
        server = SkyboxServer()
        try:
            import boto3
            sqs = boto3.client("sqs", endpoint_url=f"http://localhost:{server.port}", region_name="us-east-1",
                               aws_access_key_id="test", aws_secret_access_key="test")
            url = sqs.create_queue(QueueName="host-form")["QueueUrl"]
            self.assertEqual(url, f"http://localhost:{server.port}/000000000000/host-form")
            # AWS accepts system attribute names in the legacy AttributeNames list.
            sqs.send_message(QueueUrl=url, MessageBody="m")
            got = sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])
            self.assertEqual(got["Messages"][0]["Attributes"]["ApproximateReceiveCount"], "1")
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
