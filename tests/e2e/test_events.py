"""EventBridge through boto3 (JSON 1.1 protocol): event buses, rules, targets, tags, PutEvents
routed through rules to SQS queues (whole event, InputPath, InputTransformer), dead-letter
queues, TestEventPattern with AWS's documented pattern examples, and restart."""
import json
import time
import unittest

import botocore.exceptions

from skybox_harness import SkyboxServer

ACCOUNT = "000000000000"
DEFAULT_BUS_ARN = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default"


class EventsTestBase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.events = cls.server.client("events")
        cls.sqs = cls.server.client("sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def assertError(self, code, call, *args, message=None, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            call(*args, **kwargs)
        err = ctx.exception.response["Error"]
        self.assertEqual(err["Code"], code, err)
        if message is not None:
            self.assertEqual(err["Message"], message)
        return err

    def queue(self, name):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return url, arn

    def receive(self, url, expect=1, timeout=10):
        """Up to `expect` message bodies, long-polling until they are there or `timeout` passes."""
        bodies = []
        deadline = time.monotonic() + timeout
        while len(bodies) < expect and time.monotonic() < deadline:
            got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=1)
            for m in got.get("Messages", []):
                bodies.append(m["Body"])
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        return bodies

    def rule_to_queue(self, rule, pattern, queue_arn, bus="default", **target):
        self.events.put_rule(Name=rule, EventPattern=json.dumps(pattern), EventBusName=bus)
        out = self.events.put_targets(Rule=rule, EventBusName=bus, Targets=[dict(Id="q", Arn=queue_arn, **target)])
        self.assertEqual(out["FailedEntryCount"], 0, out)


class EventBusTest(EventsTestBase):
    def test_default_bus_exists(self):
        bus = self.events.describe_event_bus()
        self.assertEqual(bus["Name"], "default")
        self.assertEqual(bus["Arn"], DEFAULT_BUS_ARN)
        self.assertEqual(self.events.describe_event_bus(Name=DEFAULT_BUS_ARN)["Name"], "default")
        self.assertError("ValidationException", self.events.delete_event_bus, Name="default",
                         message="Cannot delete event bus default.")

    def test_bus_lifecycle(self):
        out = self.events.create_event_bus(Name="orders-bus", Description="orders")
        arn = f"arn:aws:events:us-east-1:{ACCOUNT}:event-bus/orders-bus"
        self.assertEqual(out["EventBusArn"], arn)
        self.assertError("ResourceAlreadyExistsException", self.events.create_event_bus, Name="orders-bus",
                         message="Event bus orders-bus already exists.")
        bus = self.events.describe_event_bus(Name="orders-bus")
        self.assertEqual((bus["Name"], bus["Arn"], bus["Description"]), ("orders-bus", arn, "orders"))
        self.assertIn("CreationTime", bus)
        self.events.update_event_bus(Name="orders-bus", Description="all orders")
        self.assertEqual(self.events.describe_event_bus(Name=arn)["Description"], "all orders")
        self.events.delete_event_bus(Name="orders-bus")
        self.assertError("ResourceNotFoundException", self.events.describe_event_bus, Name="orders-bus",
                         message="Event bus orders-bus does not exist.")
        self.events.delete_event_bus(Name="orders-bus")  # deleting again succeeds

    def test_list_buses_prefix_and_paging(self):
        for name in ("page-a", "page-b", "page-c"):
            self.events.create_event_bus(Name=name)
        names = [b["Name"] for b in self.events.list_event_buses(NamePrefix="page-")["EventBuses"]]
        self.assertEqual(names, ["page-a", "page-b", "page-c"])
        first = self.events.list_event_buses(NamePrefix="page-", Limit=2)
        self.assertEqual([b["Name"] for b in first["EventBuses"]], ["page-a", "page-b"])
        rest = self.events.list_event_buses(NamePrefix="page-", Limit=2, NextToken=first["NextToken"])
        self.assertEqual([b["Name"] for b in rest["EventBuses"]], ["page-c"])
        self.assertNotIn("NextToken", rest)
        all_names = [b["Name"] for b in self.events.list_event_buses()["EventBuses"]]
        self.assertIn("default", all_names)

    def test_tags_on_buses_and_rules(self):
        arn = self.events.create_event_bus(Name="tagged", Tags=[{"Key": "team", "Value": "a"}])["EventBusArn"]
        self.events.tag_resource(ResourceARN=arn, Tags=[{"Key": "env", "Value": "dev"}])
        tags = self.events.list_tags_for_resource(ResourceARN=arn)["Tags"]
        self.assertEqual(sorted((t["Key"], t["Value"]) for t in tags), [("env", "dev"), ("team", "a")])
        self.events.untag_resource(ResourceARN=arn, TagKeys=["team"])
        self.assertEqual(self.events.list_tags_for_resource(ResourceARN=arn)["Tags"], [{"Key": "env", "Value": "dev"}])

        rule_arn = self.events.put_rule(Name="tagged-rule", EventBusName="tagged", EventPattern='{"source":["x"]}',
                                        Tags=[{"Key": "k", "Value": "v"}])["RuleArn"]
        self.assertEqual(rule_arn, f"arn:aws:events:us-east-1:{ACCOUNT}:rule/tagged/tagged-rule")
        self.assertEqual(self.events.list_tags_for_resource(ResourceARN=rule_arn)["Tags"], [{"Key": "k", "Value": "v"}])
        self.assertError("ResourceNotFoundException", self.events.list_tags_for_resource,
                         ResourceARN=f"arn:aws:events:us-east-1:{ACCOUNT}:rule/nope")


class RuleTest(EventsTestBase):
    def test_rule_crud(self):
        pattern = '{"source":["my.app"]}'
        arn = self.events.put_rule(Name="crud", EventPattern=pattern, Description="d")["RuleArn"]
        self.assertEqual(arn, f"arn:aws:events:us-east-1:{ACCOUNT}:rule/crud")
        rule = self.events.describe_rule(Name="crud")
        self.assertEqual((rule["Name"], rule["Arn"], rule["EventPattern"], rule["State"], rule["EventBusName"]),
                         ("crud", arn, pattern, "ENABLED", "default"))
        self.events.disable_rule(Name="crud")
        self.assertEqual(self.events.describe_rule(Name="crud")["State"], "DISABLED")
        self.events.enable_rule(Name="crud")
        self.assertEqual(self.events.describe_rule(Name="crud")["State"], "ENABLED")
        self.assertIn("crud", [r["Name"] for r in self.events.list_rules(NamePrefix="cr")["Rules"]])
        self.events.delete_rule(Name="crud")
        self.assertError("ResourceNotFoundException", self.events.describe_rule, Name="crud",
                         message="Rule crud does not exist on EventBus default.")
        self.assertError("ResourceNotFoundException", self.events.enable_rule, Name="crud")

    def test_rule_validation(self):
        err = self.assertError("InvalidEventPatternException", self.events.put_rule, Name="bad",
                               EventPattern='{"source":"not-an-array"}')
        self.assertTrue(err["Message"].startswith("Event pattern is not valid. Reason: "), err)
        self.assertError("InvalidEventPatternException", self.events.put_rule, Name="bad", EventPattern="{")
        self.assertError("ValidationException", self.events.put_rule, Name="bad", ScheduleExpression="rate(1 minutes)",
                         message="Parameter ScheduleExpression is not valid.")
        self.assertError("ValidationException", self.events.put_rule, Name="bad", ScheduleExpression="cron(* * * * * *)",
                         message="Parameter ScheduleExpression is not valid.")
        self.assertError("ValidationException", self.events.put_rule, Name="bad")
        self.assertError("ResourceNotFoundException", self.events.put_rule, Name="bad", EventBusName="no-such-bus",
                         EventPattern='{"source":["a"]}', message="Event bus no-such-bus does not exist.")
        self.events.put_rule(Name="every-5", ScheduleExpression="rate(5 minutes)")
        self.events.put_rule(Name="weekdays", ScheduleExpression="cron(0 18 ? * MON-FRI *)")
        self.assertEqual(self.events.describe_rule(Name="weekdays")["ScheduleExpression"], "cron(0 18 ? * MON-FRI *)")

    def test_targets(self):
        _, queue_arn = self.queue("targets-q")
        self.events.put_rule(Name="with-targets", EventPattern='{"source":["a"]}')
        targets = [{"Id": f"t{i}", "Arn": queue_arn} for i in range(5)]
        self.assertEqual(self.events.put_targets(Rule="with-targets", Targets=targets)["FailedEntryCount"], 0)
        self.assertError("LimitExceededException", self.events.put_targets, Rule="with-targets",
                         Targets=[{"Id": "t5", "Arn": queue_arn}])
        listed = self.events.list_targets_by_rule(Rule="with-targets")["Targets"]
        self.assertEqual([t["Id"] for t in listed], ["t0", "t1", "t2", "t3", "t4"])
        page = self.events.list_targets_by_rule(Rule="with-targets", Limit=3)
        self.assertEqual(len(page["Targets"]), 3)
        rest = self.events.list_targets_by_rule(Rule="with-targets", NextToken=page["NextToken"])
        self.assertEqual([t["Id"] for t in rest["Targets"]], ["t3", "t4"])
        self.assertIn("with-targets", self.events.list_rule_names_by_target(TargetArn=queue_arn)["RuleNames"])

        self.assertError("ValidationException", self.events.delete_rule, Name="with-targets",
                         message="Rule can't be deleted since it has targets.")
        self.assertError("ValidationException", self.events.put_targets, Rule="with-targets",
                         Targets=[{"Id": "t0", "Arn": queue_arn, "Input": "{}", "InputPath": "$.detail"}])
        self.assertError("ResourceNotFoundException", self.events.put_targets, Rule="no-such-rule",
                         Targets=[{"Id": "t0", "Arn": queue_arn}])
        out = self.events.remove_targets(Rule="with-targets", Ids=[t["Id"] for t in targets])
        self.assertEqual(out["FailedEntryCount"], 0)
        self.assertEqual(self.events.list_targets_by_rule(Rule="with-targets")["Targets"], [])
        self.events.delete_rule(Name="with-targets")


class PutEventsTest(EventsTestBase):
    def test_event_reaches_queue_with_awss_envelope(self):
        url, arn = self.queue("envelope-q")
        self.rule_to_queue("envelope-rule", {"source": ["shop.orders"], "detail-type": ["OrderPlaced"]}, arn)
        out = self.events.put_events(Entries=[{
            "Source": "shop.orders", "DetailType": "OrderPlaced", "Detail": json.dumps({"order": 7, "total": 12.5}),
            "Resources": ["arn:aws:s3:::orders"]}])
        self.assertEqual(out["FailedEntryCount"], 0)
        event_id = out["Entries"][0]["EventId"]
        [body] = self.receive(url)
        event = json.loads(body)
        self.assertEqual(list(event.keys()),
                         ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"])
        self.assertEqual(event["version"], "0")
        self.assertEqual(event["id"], event_id)
        self.assertEqual(event["detail-type"], "OrderPlaced")
        self.assertEqual(event["source"], "shop.orders")
        self.assertEqual(event["account"], ACCOUNT)
        self.assertEqual(event["region"], "us-east-1")
        self.assertEqual(event["resources"], ["arn:aws:s3:::orders"])
        self.assertEqual(event["detail"], {"order": 7, "total": 12.5})
        self.assertRegex(event["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")

    def test_non_matching_event_is_not_delivered(self):
        url, arn = self.queue("filter-q")
        self.rule_to_queue("filter-rule", {"source": ["shop"], "detail": {"total": [{"numeric": [">", 100]}]}}, arn)
        self.events.put_events(Entries=[
            {"Source": "shop", "DetailType": "t", "Detail": '{"total": 5, "n": "small"}'},
            {"Source": "other", "DetailType": "t", "Detail": '{"total": 500, "n": "other"}'},
            {"Source": "shop", "DetailType": "t", "Detail": '{"total": 500, "n": "big"}'}])
        bodies = self.receive(url, expect=2, timeout=3)
        self.assertEqual([json.loads(b)["detail"]["n"] for b in bodies], ["big"])

    def test_disabled_rule_does_not_deliver(self):
        url, arn = self.queue("disabled-q")
        self.rule_to_queue("disabled-rule", {"source": ["off"]}, arn)
        self.events.disable_rule(Name="disabled-rule")
        self.events.put_events(Entries=[{"Source": "off", "DetailType": "t", "Detail": "{}"}])
        self.assertEqual(self.receive(url, timeout=2), [])

    def test_input_path_and_constant_input(self):
        url, arn = self.queue("input-path-q")
        self.rule_to_queue("input-path-rule", {"source": ["ip"]}, arn, InputPath="$.detail.order")
        url2, arn2 = self.queue("input-const-q")
        self.rule_to_queue("input-const-rule", {"source": ["ip"]}, arn2, Input='{"fixed": 1}')
        self.events.put_events(Entries=[{"Source": "ip", "DetailType": "t", "Detail": '{"order": {"id": 9}}'}])
        self.assertEqual(self.receive(url), ['{"id":9}'])
        self.assertEqual(self.receive(url2), ['{"fixed": 1}'])

    def test_input_transformer(self):
        url, arn = self.queue("transformer-q")
        self.rule_to_queue("json-template", {"source": ["ec2"]}, arn, InputTransformer={
            "InputPathsMap": {"instance": "$.detail.instance-id", "state": "$.detail.state"},
            "InputTemplate": '{"instance": <instance>, "state": [9, <state>, true], "msg": "<instance> is <state>"}'})
        url2, arn2 = self.queue("transformer-string-q")
        self.rule_to_queue("string-template", {"source": ["ec2"]}, arn2, InputTransformer={
            "InputPathsMap": {"instance": "$.detail.instance-id", "state": "$.detail.state"},
            "InputTemplate": '"<instance> is in state <state>"'})
        self.events.put_events(Entries=[{"Source": "ec2", "DetailType": "t",
                                         "Detail": '{"instance-id": "i-0123", "state": "running"}'}])
        self.assertEqual(self.receive(url),
                         ['{"instance": "i-0123", "state": [9, "running", true], "msg": "i-0123 is running"}'])
        self.assertEqual(self.receive(url2), ['"i-0123 is in state running"'])

    def test_custom_bus_and_bus_to_bus(self):
        self.events.create_event_bus(Name="custom")
        self.events.create_event_bus(Name="downstream")
        url, arn = self.queue("downstream-q")
        self.rule_to_queue("sink", {"source": ["chain"]}, arn, bus="downstream")
        downstream_arn = self.events.describe_event_bus(Name="downstream")["Arn"]
        self.events.put_rule(Name="forward", EventBusName="custom", EventPattern='{"source":["chain"]}')
        self.events.put_targets(Rule="forward", EventBusName="custom", Targets=[{"Id": "bus", "Arn": downstream_arn}])
        out = self.events.put_events(Entries=[{"Source": "chain", "DetailType": "t", "Detail": '{"hop": 1}',
                                               "EventBusName": "custom"}])
        [body] = self.receive(url)
        self.assertEqual(json.loads(body)["id"], out["Entries"][0]["EventId"])
        self.assertEqual(json.loads(body)["detail"], {"hop": 1})

    def test_dead_letter_queue_for_a_missing_target(self):
        dlq_url, dlq_arn = self.queue("events-dlq")
        missing = f"arn:aws:sqs:us-east-1:{ACCOUNT}:no-such-queue"
        self.rule_to_queue("to-missing", {"source": ["dlq.test"]}, missing, DeadLetterConfig={"Arn": dlq_arn},
                           RetryPolicy={"MaximumRetryAttempts": 0, "MaximumEventAgeInSeconds": 60})
        out = self.events.put_events(Entries=[{"Source": "dlq.test", "DetailType": "t", "Detail": '{"x": 1}'}])
        deadline, got = time.monotonic() + 15, []
        while not got and time.monotonic() < deadline:
            got = self.sqs.receive_message(QueueUrl=dlq_url, WaitTimeSeconds=1,
                                           MessageAttributeNames=["All"]).get("Messages", [])
        self.assertEqual(len(got), 1)
        event = json.loads(got[0]["Body"])
        self.assertEqual(event["id"], out["Entries"][0]["EventId"])
        self.assertEqual(event["detail"], {"x": 1})
        # EventBridge says why, on the dead-letter message's attributes.
        attributes = {k: v["StringValue"] for k, v in got[0]["MessageAttributes"].items()}
        self.assertEqual(attributes["RULE_ARN"], f"arn:aws:events:us-east-1:{ACCOUNT}:rule/to-missing")
        self.assertEqual(attributes["TARGET_ARN"], missing)
        self.assertEqual(attributes["RETRY_ATTEMPTS"], "0")
        self.assertIn("NonExistentQueue", attributes["ERROR_MESSAGE"])

    def test_entry_errors(self):
        out = self.events.put_events(Entries=[
            {"Source": "ok", "DetailType": "t", "Detail": "{}"},
            {"Source": "bad", "DetailType": "t", "Detail": "{not json"},
            {"Source": "bad", "DetailType": "t", "Detail": "[1, 2]"},
            {"DetailType": "t", "Detail": "{}"},
            {"Source": "ok", "DetailType": "t", "Detail": "{}", "EventBusName": "no-such-bus"}])
        self.assertEqual(out["FailedEntryCount"], 3)
        e = out["Entries"]
        self.assertIn("EventId", e[0])
        self.assertEqual((e[1]["ErrorCode"], e[1]["ErrorMessage"]), ("MalformedDetail", "Detail is malformed."))
        self.assertEqual(e[2]["ErrorCode"], "MalformedDetail")
        self.assertEqual((e[3]["ErrorCode"], e[3]["ErrorMessage"]),
                         ("InvalidArgument", "Parameter Source is not valid. Reason: Source is a required argument."))
        # AWS accepts events for a bus that does not exist (and drops them).
        self.assertIn("EventId", e[4])
        self.assertError("ValidationException", self.events.put_events,
                         Entries=[{"Source": "big", "DetailType": "t", "Detail": json.dumps({"x": "a" * 262144})}])


# AWS's documented pattern examples (EventBridge user guide, "Event patterns" and "Content
# filtering"): (pattern, detail or event overrides, expected).
EXAMPLE_EVENT = {
    "version": "0", "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718", "detail-type": "EC2 Instance State-change Notification",
    "source": "aws.ec2", "account": "111122223333", "time": "2017-12-22T18:43:48Z", "region": "us-west-1",
    "resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0"],
    "detail": {"instance-id": "i-1234567890abcdef0", "state": "terminated", "c-count": 5, "d-count": 3,
               "source-ip": "10.0.0.123", "eventName": "PutObject"}}
PATTERN_CASES = [
    ({"source": ["aws.ec2"]}, True),
    ({"source": ["aws.s3"]}, False),
    ({"source": ["aws.ec2"], "detail": {"state": ["terminated", "stopped"]}}, True),
    ({"source": [{"prefix": "aws."}]}, True),
    ({"detail": {"instance-id": [{"suffix": "cdef0"}]}}, True),
    ({"detail": {"state": [{"anything-but": "initializing"}]}}, True),
    ({"detail": {"state": [{"anything-but": ["stopped", "terminated"]}]}}, False),
    ({"detail": {"c-count": [{"numeric": [">", 0, "<=", 5]}]}}, True),
    ({"detail": {"d-count": [{"numeric": ["<", 3]}]}}, False),
    ({"detail": {"c-count": [{"exists": True}], "nope": [{"exists": False}]}}, True),
    ({"detail": {"source-ip": [{"cidr": "10.0.0.0/24"}]}}, True),
    ({"detail": {"eventName": [{"equals-ignore-case": "putobject"}]}}, True),
    ({"detail": {"instance-id": [{"wildcard": "i-*def0"}]}}, True),
    ({"resources": ["arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0", "other"]}, True),
    ({"detail": {"$or": [{"c-count": [{"numeric": [">", 10]}]}, {"d-count": [3]}]}}, True),
    ({"detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": ["running"]}}, False),
]


class TestEventPatternTest(EventsTestBase):
    def test_documented_examples(self):
        for pattern, expected in PATTERN_CASES:
            with self.subTest(pattern=pattern):
                out = self.events.test_event_pattern(EventPattern=json.dumps(pattern), Event=json.dumps(EXAMPLE_EVENT))
                self.assertEqual(out["Result"], expected)

    def test_invalid_pattern_and_event(self):
        err = self.assertError("InvalidEventPatternException", self.events.test_event_pattern,
                               EventPattern='{"detail": {"x": [{"numeric": [">"]}]}}', Event=json.dumps(EXAMPLE_EVENT))
        self.assertTrue(err["Message"].startswith("Event pattern is not valid. Reason: "))
        self.assertError("ValidationException", self.events.test_event_pattern,
                         EventPattern='{"source": ["a"]}', Event="not json")


class RestartTest(unittest.TestCase):
    def test_buses_rules_and_targets_survive_a_restart(self):
        server = SkyboxServer()
        try:
            events = server.client("events")
            events.create_event_bus(Name="durable", Description="kept")
            events.put_rule(Name="kept-rule", EventBusName="durable", EventPattern='{"source":["a"]}')
            events.put_targets(Rule="kept-rule", EventBusName="durable",
                               Targets=[{"Id": "t", "Arn": f"arn:aws:sqs:us-east-1:{ACCOUNT}:q"}])
            self.assertEqual(server.stop(), 0)
            server.start()
            events = server.client("events")
            self.assertEqual(events.describe_event_bus(Name="durable")["Description"], "kept")
            self.assertEqual(events.describe_rule(Name="kept-rule", EventBusName="durable")["EventPattern"],
                             '{"source":["a"]}')
            self.assertEqual([t["Id"] for t in events.list_targets_by_rule(Rule="kept-rule", EventBusName="durable")["Targets"]],
                             ["t"])
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
