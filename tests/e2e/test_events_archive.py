"""EventBridge archives and replays through boto3: an archive keeps the matching events of its
bus; a replay sends a time window of them back to the bus, marked with "replay-name", to every
rule or only to the rules named in FilterArns."""
import datetime
import json
import time
import unittest

import botocore.exceptions

from skybox_harness import wait_for
from test_events import EventsTestBase

DEFAULT_BUS_ARN = "arn:aws:events:us-east-1:000000000000:event-bus/default"


class ArchiveReplayTest(EventsTestBase):

    def error_code(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(**kwargs)
        return ctx.exception.response["Error"]["Code"]

    def test_archive_and_replay(self):
        start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)
        out = self.events.create_archive(ArchiveName="orders-archive", EventSourceArn=DEFAULT_BUS_ARN,
                                         EventPattern='{"source":["arch"]}', RetentionDays=7)
        self.assertEqual(out["ArchiveArn"], "arn:aws:events:us-east-1:000000000000:archive/orders-archive")
        self.assertEqual(out["State"], "ENABLED")
        self.assertEqual(self.error_code(self.events.create_archive, ArchiveName="orders-archive",
                                         EventSourceArn=DEFAULT_BUS_ARN), "ResourceAlreadyExistsException")
        self.events.put_events(Entries=[
            {"Source": "arch", "DetailType": "t", "Detail": '{"n": 1}'},
            {"Source": "other", "DetailType": "t", "Detail": '{"n": 2}'},
            {"Source": "arch", "DetailType": "t", "Detail": '{"n": 3}'}])
        self.assertTrue(wait_for(lambda: self.events.describe_archive(ArchiveName="orders-archive")["EventCount"] == 2,
                                 timeout=10))
        archive = self.events.describe_archive(ArchiveName="orders-archive")
        self.assertEqual((archive["EventSourceArn"], archive["RetentionDays"]), (DEFAULT_BUS_ARN, 7))
        self.assertGreater(archive["SizeBytes"], 0)
        self.assertEqual([a["ArchiveName"] for a in self.events.list_archives(NamePrefix="orders")["Archives"]],
                         ["orders-archive"])

        url = self.sqs.create_queue(QueueName="replayed")["QueueUrl"]
        queue_arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        rule_arn = self.events.put_rule(Name="replay-target", EventPattern='{"source":["arch"]}')["RuleArn"]
        self.events.put_targets(Rule="replay-target", Targets=[{"Id": "q", "Arn": queue_arn}])
        end = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=1)

        # Limited to a rule that is not this one: nothing arrives.
        self.events.start_replay(ReplayName="filtered", EventSourceArn=archive["ArchiveArn"], EventStartTime=start,
                                 EventEndTime=end, Destination={"Arn": DEFAULT_BUS_ARN, "FilterArns": [
                                     "arn:aws:events:us-east-1:000000000000:rule/other"]})
        out = self.events.start_replay(ReplayName="all", EventSourceArn=archive["ArchiveArn"], EventStartTime=start,
                                       EventEndTime=end, Destination={"Arn": DEFAULT_BUS_ARN, "FilterArns": [rule_arn]})
        self.assertEqual(out["State"], "STARTING")
        bodies = []
        deadline = time.monotonic() + 10
        while len(bodies) < 2 and time.monotonic() < deadline:
            for m in self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1).get("Messages", []):
                bodies.append(json.loads(m["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertEqual(sorted(b["detail"]["n"] for b in bodies), [1, 3])
        self.assertEqual({b["replay-name"] for b in bodies}, {"all"})
        time.sleep(0.5)
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1))
        # Replayed events are not archived again.
        self.assertEqual(self.events.describe_archive(ArchiveName="orders-archive")["EventCount"], 2)

        replay = self.events.describe_replay(ReplayName="all")
        self.assertEqual(replay["State"], "COMPLETED")
        self.assertEqual(replay["Destination"]["Arn"], DEFAULT_BUS_ARN)
        self.assertEqual(sorted(r["ReplayName"] for r in self.events.list_replays()["Replays"]), ["all", "filtered"])
        self.assertEqual(self.error_code(self.events.cancel_replay, ReplayName="all"), "IllegalStatusException")
        self.assertEqual(self.error_code(self.events.start_replay, ReplayName="all", EventSourceArn=archive["ArchiveArn"],
                                         EventStartTime=start, EventEndTime=end,
                                         Destination={"Arn": DEFAULT_BUS_ARN}), "ResourceAlreadyExistsException")
        self.assertEqual(self.error_code(self.events.start_replay, ReplayName="backwards",
                                         EventSourceArn=archive["ArchiveArn"], EventStartTime=end, EventEndTime=start,
                                         Destination={"Arn": DEFAULT_BUS_ARN}), "ValidationException")

        self.events.delete_archive(ArchiveName="orders-archive")
        self.assertEqual(self.error_code(self.events.describe_archive, ArchiveName="orders-archive"),
                         "ResourceNotFoundException")


if __name__ == "__main__":
    unittest.main()
