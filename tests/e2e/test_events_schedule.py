"""EventBridge scheduled rules end to end: a cron rule that fires every minute delivers AWS's
"Scheduled Event" to its SQS target within about a minute. (Cron and rate parsing and the
next-fire computation are unit-tested in src/services/events/schedule_test.cc.)"""
import json
import time
import unittest

from skybox_harness import SkyboxServer


class ScheduledRuleTest(unittest.TestCase):
    def test_every_minute_cron_delivers_a_scheduled_event(self):
        server = SkyboxServer()
        try:
            events, sqs = server.client("events"), server.client("sqs")
            url = sqs.create_queue(QueueName="ticks")["QueueUrl"]
            queue_arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            rule_arn = events.put_rule(Name="every-minute", ScheduleExpression="cron(* * * * ? *)")["RuleArn"]
            events.put_targets(Rule="every-minute", Targets=[{"Id": "q", "Arn": queue_arn}])
            deadline = time.monotonic() + 68
            messages = []
            while not messages and time.monotonic() < deadline:
                messages = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2).get("Messages", [])
            self.assertTrue(messages, "no scheduled event within 68 s")
            event = json.loads(messages[0]["Body"])
            self.assertEqual(event["source"], "aws.events")
            self.assertEqual(event["detail-type"], "Scheduled Event")
            self.assertEqual(event["detail"], {})
            self.assertEqual(event["resources"], [rule_arn])
            self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$")
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
