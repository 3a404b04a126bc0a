"""SQS state beyond the messages, across restarts of the real binary on the same data dir (a
clean SIGTERM stop and a kill -9): FIFO deduplication, ReceiveRequestAttemptId, the PurgeQueue
window, QueueDeletedRecently, the Approximate* counters and message move tasks."""
import json
import time
import unittest

import botocore.exceptions

from skybox_harness import SkyboxServer, wait_for


class SqsDurabilityTest(unittest.TestCase):
    def setUp(self):
        self.server = SkyboxServer()
        self.sqs = self.server.client("sqs")

    def tearDown(self):
        self.server.close()

    def restart(self, crash=False):
        if crash:
            self.server.kill()
        else:
            self.assertEqual(self.server.stop(), 0)
        self.server.start()
        self.sqs = self.server.client("sqs")

    def error(self, fn, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            fn(**kwargs)
        return ctx.exception.response

    def counts(self, url):
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        return (int(attrs["ApproximateNumberOfMessages"]), int(attrs["ApproximateNumberOfMessagesNotVisible"]),
                int(attrs["ApproximateNumberOfMessagesDelayed"]))

    def test_fifo_deduplication_survives_kill_9(self):
        url = self.sqs.create_queue(QueueName="dedup.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
        first = self.sqs.send_message(QueueUrl=url, MessageBody="once", MessageGroupId="g",
                                      MessageDeduplicationId="d-1")
        self.restart(crash=True)
        again = self.sqs.send_message(QueueUrl=url, MessageBody="once", MessageGroupId="g",
                                      MessageDeduplicationId="d-1")
        self.assertEqual(again["MessageId"], first["MessageId"])
        self.assertEqual(again["SequenceNumber"], first["SequenceNumber"])
        batch = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "once", "MessageGroupId": "g", "MessageDeduplicationId": "d-1"},
            {"Id": "b", "MessageBody": "new", "MessageGroupId": "g", "MessageDeduplicationId": "d-2"}])
        self.assertEqual(batch["Successful"][0]["MessageId"], first["MessageId"])
        self.assertEqual(self.counts(url), (2, 0, 0))
        got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in got], ["once", "new"])

    def test_receive_attempt_id_answers_the_same_after_restart(self):
        url = self.sqs.create_queue(QueueName="attempt.fifo", Attributes={
            "FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
        for body in ("m1", "m2"):
            self.sqs.send_message(QueueUrl=url, MessageBody=body, MessageGroupId="g")
        first = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, ReceiveRequestAttemptId="try-1")
        self.restart()
        retry = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, ReceiveRequestAttemptId="try-1")
        self.assertEqual([m["ReceiptHandle"] for m in retry["Messages"]],
                         [m["ReceiptHandle"] for m in first["Messages"]])
        # The retried answer's handles delete.
        for m in retry["Messages"]:
            self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertEqual(self.counts(url), (0, 0, 0))

    def test_purge_queue_in_progress_survives_restart(self):
        url = self.sqs.create_queue(QueueName="purged")["QueueUrl"]
        self.sqs.send_message(QueueUrl=url, MessageBody="x")
        self.sqs.purge_queue(QueueUrl=url)
        self.restart()
        err = self.error(self.sqs.purge_queue, QueueUrl=url)
        self.assertEqual(err["Error"]["Code"], "AWS.SimpleQueueService.PurgeQueueInProgress")
        self.assertEqual(err["Error"]["Message"], "Only one PurgeQueue operation on purged is allowed every 60 seconds.")
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(self.counts(url), (0, 0, 0))

    def test_queue_deleted_recently_survives_restart(self):
        url = self.sqs.create_queue(QueueName="recent")["QueueUrl"]
        self.sqs.delete_queue(QueueUrl=url)
        for restarted in (False, True):
            if restarted:
                self.restart()
            err = self.error(self.sqs.create_queue, QueueName="recent")
            self.assertEqual(err["Error"]["Code"], "AWS.SimpleQueueService.QueueDeletedRecently")
            self.assertEqual(err["Error"]["Message"], "You must wait 60 seconds after deleting a queue before you "
                                                      "can create another with the same name.")
            self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 400)
            # The name is free: it does not resolve.
            err = self.error(self.sqs.get_queue_url, QueueName="recent")
            self.assertEqual(err["Error"]["Code"], "AWS.SimpleQueueService.NonExistentQueue")
        self.sqs.create_queue(QueueName="recent-other")

    def test_counters_survive_kill_9(self):
        url = self.sqs.create_queue(QueueName="counted", Attributes={"VisibilityTimeout": "600"})["QueueUrl"]
        for i in range(0, 50, 10):
            self.sqs.send_message_batch(QueueUrl=url, Entries=[
                {"Id": str(j), "MessageBody": str(i + j)} for j in range(10)])
        self.sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=900)
        got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got[:4])])
        self.assertEqual(self.counts(url), (40, 6, 1))
        self.restart(crash=True)
        self.assertEqual(self.counts(url), (40, 6, 1))
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=got[4]["ReceiptHandle"], VisibilityTimeout=0)
        self.assertEqual(self.counts(url), (41, 5, 1))

    def test_message_move_task_is_listed_after_restart(self):
        dlq_arn = self.sqs.get_queue_attributes(
            QueueUrl=self.sqs.create_queue(QueueName="mv-dlq")["QueueUrl"], AttributeNames=["QueueArn"]
        )["Attributes"]["QueueArn"]
        src = self.sqs.create_queue(QueueName="mv-src", Attributes={"VisibilityTimeout": "0", "RedrivePolicy": json.dumps(
            {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1})})["QueueUrl"]
        for i in range(5):
            self.sqs.send_message(QueueUrl=src, MessageBody=str(i))
        self.sqs.receive_message(QueueUrl=src, MaxNumberOfMessages=10)
        self.sqs.receive_message(QueueUrl=src, MaxNumberOfMessages=10)  # moves all 5 to the DLQ
        handle = self.sqs.start_message_move_task(SourceArn=dlq_arn)["TaskHandle"]

        def completed():
            return self.sqs.list_message_move_tasks(SourceArn=dlq_arn)["Results"][0]["Status"] == "COMPLETED"
        self.assertTrue(wait_for(completed))
        self.restart()
        results = self.sqs.list_message_move_tasks(SourceArn=dlq_arn, MaxResults=10)["Results"]
        self.assertEqual(len(results), 1)
        self.assertEqual(results[0]["Status"], "COMPLETED")
        self.assertEqual(results[0]["ApproximateNumberOfMessagesMoved"], 5)
        self.assertEqual(results[0]["ApproximateNumberOfMessagesToMove"], 5)
        self.assertNotIn("TaskHandle", results[0])
        err = self.error(self.sqs.cancel_message_move_task, TaskHandle=handle)
        self.assertEqual(err["Error"]["Message"], "Only active tasks can be cancelled.")
        self.assertEqual(self.counts(src)[0], 5)


if __name__ == "__main__":
    unittest.main()
