"""S3 event notifications through boto3: PutBucketNotificationConfiguration round trip and
S3's validation errors, the s3:TestEvent sent to a new destination, and the event records a
queue receives for uploads (key/size/eTag, prefix and suffix filters), deletes (Delete vs
DeleteMarkerCreated), multipart completion, copies and tagging; EventBridge delivery of the
same changes when the bucket enables it."""
import datetime
import email.utils
import json
import time
import unittest
import uuid

import botocore.exceptions
import requests

from skybox_harness import SkyboxServer


class NotificationTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()
        cls.s3 = cls.server.client("s3")
        cls.sqs = cls.server.client("sqs")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def new_bucket(self, versioned=False):
        name = "notify-" + uuid.uuid4().hex[:12]
        self.s3.create_bucket(Bucket=name)
        if versioned:
            self.s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        return name

    def new_queue(self):
        url = self.sqs.create_queue(QueueName="q-" + uuid.uuid4().hex[:12])["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        return url, arn

    def receive(self, url, count, timeout=5.0, settle=0.3):
        """Bodies (parsed JSON) of the messages that arrive within `timeout`, once `count` are in
        and nothing more came for `settle` seconds."""
        bodies, deadline, last = [], time.monotonic() + timeout, None
        while time.monotonic() < deadline:
            got = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0)
            messages = got.get("Messages", [])
            for m in messages:
                bodies.append(json.loads(m["Body"]))
                self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
            if messages:
                last = time.monotonic()
            if len(bodies) >= count and (last is None or time.monotonic() - last >= settle):
                break
            time.sleep(0.05)
        return bodies

    def configure(self, bucket, arn, events=("s3:ObjectCreated:*",), prefix=None, suffix=None, drain_url=None):
        config = {"Id": "cfg", "QueueArn": arn, "Events": list(events)}
        rules = [r for r in (("prefix", prefix), ("suffix", suffix)) if r[1] is not None]
        if rules:
            config["Filter"] = {"Key": {"FilterRules": [{"Name": n, "Value": v} for n, v in rules]}}
        self.s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [config]})
        if drain_url:
            test_events = self.receive(drain_url, 1)
            self.assertEqual([b.get("Event") for b in test_events], ["s3:TestEvent"])

    @staticmethod
    def records(bodies):
        return [r for b in bodies for r in b.get("Records", [])]

    def assert_invalid(self, bucket, config, message):
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidArgument")
        self.assertIn(message, ctx.exception.response["Error"]["Message"])

    def test_configuration_round_trip_and_validation(self):
        bucket = self.new_bucket()
        _, arn = self.new_queue()
        empty = self.s3.get_bucket_notification_configuration(Bucket=bucket)
        self.assertNotIn("QueueConfigurations", empty)
        config = {"QueueConfigurations": [{
            "QueueArn": arn, "Events": ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"],
            "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "in/"}]}}}],
            "EventBridgeConfiguration": {}}
        self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
        got = self.s3.get_bucket_notification_configuration(Bucket=bucket)
        queue = got["QueueConfigurations"][0]
        self.assertEqual(queue["QueueArn"], arn)
        self.assertTrue(queue["Id"])  # S3 names configurations sent without an Id
        self.assertEqual(sorted(queue["Events"]), ["s3:ObjectCreated:*", "s3:ObjectRemoved:Delete"])
        self.assertEqual(queue["Filter"]["Key"]["FilterRules"], [{"Name": "Prefix", "Value": "in/"}])
        self.assertIn("EventBridgeConfiguration", got)

        self.assert_invalid(bucket, {"QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:Nope"]}]},
                            "The event is not supported for notifications")
        self.assert_invalid(bucket, {"QueueConfigurations": [
            {"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]},
            {"QueueArn": arn, "Events": ["s3:ObjectCreated:Put"]}]},
            "Configurations overlap. Configurations on the same bucket cannot share a common event type.")
        self.assert_invalid(bucket, {"QueueConfigurations": [{
            "QueueArn": arn, "Events": ["s3:ObjectCreated:*"],
            "Filter": {"Key": {"FilterRules": [{"Name": "middle", "Value": "x"}]}}}]},
            "filter rule name must be either prefix or suffix")
        self.assert_invalid(bucket, {"QueueConfigurations": [{"QueueArn": "not-an-arn", "Events": ["s3:ObjectCreated:*"]}]},
                            "The ARN is not well formed")
        # Disjoint prefixes may share event types.
        self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
            {"QueueArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "a/"}]}}},
            {"QueueArn": arn, "Events": ["s3:ObjectCreated:*"], "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "b/"}]}}}]})
        # An empty configuration turns notifications off.
        self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration={})
        self.assertNotIn("QueueConfigurations", self.s3.get_bucket_notification_configuration(Bucket=bucket))

    def test_the_deprecated_notification_operations_are_answered_too(self):
        # PutBucketNotification / GetBucketNotification are the same requests as their
        # successors (a queue's ARN in <Queue> either way).
        b = self.new_bucket()
        _, arn = self.new_queue()
        self.s3.put_bucket_notification(Bucket=b, NotificationConfiguration={
            "QueueConfiguration": {"Id": "old", "Queue": arn, "Events": ["s3:ObjectCreated:*"]}})
        old = self.s3.get_bucket_notification(Bucket=b)["QueueConfiguration"]
        self.assertEqual((old["Id"], old["Queue"], old["Events"]), ("old", arn, ["s3:ObjectCreated:*"]))
        new = self.s3.get_bucket_notification_configuration(Bucket=b)["QueueConfigurations"]
        self.assertEqual([(q["Id"], q["QueueArn"]) for q in new], [("old", arn)])

    def test_destinations_must_exist(self):
        bucket = self.new_bucket()
        _, arn = self.new_queue()
        missing_queue = arn + "-missing"
        missing_topic = "arn:aws:sns:us-east-1:000000000000:no-such-topic"
        config = {"QueueConfigurations": [{"QueueArn": arn, "Events": ["s3:ObjectCreated:*"]},
                                          {"QueueArn": missing_queue, "Events": ["s3:ObjectRemoved:*"]}],
                  "TopicConfigurations": [{"TopicArn": missing_topic, "Events": ["s3:ObjectTagging:*"]}]}
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config)
        error = ctx.exception.response["Error"]
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertEqual(error["Code"], "InvalidArgument")
        self.assertEqual(error["Message"], "Unable to validate the following destination configurations")
        self.assertEqual({error["ArgumentName1"], error["ArgumentName2"]}, {missing_queue, missing_topic})
        self.assertNotIn("QueueConfigurations", self.s3.get_bucket_notification_configuration(Bucket=bucket))
        # A topic that exists passes; SkipDestinationValidation stores the configuration as it is.
        topic = self.server.client("sns").create_topic(Name="notify-" + uuid.uuid4().hex[:8])["TopicArn"]
        config["TopicConfigurations"][0]["TopicArn"] = topic
        self.s3.put_bucket_notification_configuration(Bucket=bucket, NotificationConfiguration=config,
                                                      SkipDestinationValidation=True)
        got = self.s3.get_bucket_notification_configuration(Bucket=bucket)
        self.assertEqual({q["QueueArn"] for q in got["QueueConfigurations"]}, {arn, missing_queue})
        self.assertEqual(got["TopicConfigurations"][0]["TopicArn"], topic)

    def test_configuration_sends_a_test_event(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.configure(bucket, arn, drain_url=url)
        # The queue already receives this bucket's events: no second test event.
        self.configure(bucket, arn, events=("s3:ObjectRemoved:*",))
        self.assertEqual(self.receive(url, 0, timeout=0.5), [])

        url2, arn2 = self.new_queue()
        self.s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"QueueConfigurations": [
                {"QueueArn": arn2, "Events": ["s3:ObjectCreated:*"]}]})
        (event,) = self.receive(url2, 1)
        self.assertEqual(event["Service"], "Amazon S3")
        self.assertEqual(event["Event"], "s3:TestEvent")
        self.assertEqual(event["Bucket"], bucket)
        self.assertTrue(event["RequestId"] and event["HostId"])
        self.assertRegex(event["Time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

    def test_upload_record_and_filters(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.configure(bucket, arn, prefix="in/", suffix=".txt", drain_url=url)
        self.s3.put_object(Bucket=bucket, Key="out/skip.txt", Body=b"no")
        self.s3.put_object(Bucket=bucket, Key="in/skip.jpg", Body=b"no")
        put = self.s3.put_object(Bucket=bucket, Key="in/a b+c.txt", Body=b"hello")
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventVersion"], "2.1")
        self.assertEqual(record["eventSource"], "aws:s3")
        self.assertEqual(record["awsRegion"], "us-east-1")
        self.assertEqual(record["eventName"], "ObjectCreated:Put")
        self.assertRegex(record["eventTime"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
        self.assertIn("principalId", record["userIdentity"])
        self.assertIn("sourceIPAddress", record["requestParameters"])
        self.assertEqual(record["responseElements"]["x-amz-request-id"], put["ResponseMetadata"]["RequestId"])
        self.assertIn("x-amz-id-2", record["responseElements"])
        s3 = record["s3"]
        self.assertEqual(s3["s3SchemaVersion"], "1.0")
        self.assertEqual(s3["configurationId"], "cfg")
        self.assertEqual(s3["bucket"]["name"], bucket)
        self.assertEqual(s3["bucket"]["arn"], "arn:aws:s3:::" + bucket)
        self.assertIn("principalId", s3["bucket"]["ownerIdentity"])
        self.assertEqual(s3["object"]["key"], "in/a+b%2Bc.txt")  # URL-encoded as S3 does
        self.assertEqual(s3["object"]["size"], 5)
        self.assertEqual(s3["object"]["eTag"], put["ETag"].strip('"'))
        self.assertNotIn("versionId", s3["object"])  # unversioned bucket
        self.assertRegex(s3["object"]["sequencer"], r"^[0-9A-F]+$")

    def test_delete_records(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.configure(bucket, arn, events=("s3:ObjectRemoved:*",), drain_url=url)
        self.s3.put_object(Bucket=bucket, Key="gone", Body=b"x")
        self.s3.delete_object(Bucket=bucket, Key="gone")
        self.s3.delete_object(Bucket=bucket, Key="never-existed")
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectRemoved:Delete")
        self.assertEqual(record["s3"]["object"]["key"], "gone")
        self.assertNotIn("size", record["s3"]["object"])

        self.s3.put_object(Bucket=bucket, Key="b1", Body=b"x")
        self.s3.put_object(Bucket=bucket, Key="b2", Body=b"x")
        self.s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "b1"}, {"Key": "b2"}]})
        keys = sorted(r["s3"]["object"]["key"] for r in self.records(self.receive(url, 2)))
        self.assertEqual(keys, ["b1", "b2"])

    def test_versioned_delete_creates_marker_event(self):
        bucket = self.new_bucket(versioned=True)
        url, arn = self.new_queue()
        self.configure(bucket, arn, events=("s3:ObjectCreated:*", "s3:ObjectRemoved:*"), drain_url=url)
        v1 = self.s3.put_object(Bucket=bucket, Key="doc", Body=b"one")["VersionId"]
        (created,) = self.records(self.receive(url, 1))
        self.assertEqual(created["s3"]["object"]["versionId"], v1)
        marker = self.s3.delete_object(Bucket=bucket, Key="doc")["VersionId"]
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectRemoved:DeleteMarkerCreated")
        self.assertEqual(record["s3"]["object"]["versionId"], marker)
        self.s3.delete_object(Bucket=bucket, Key="doc", VersionId=v1)
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectRemoved:Delete")
        self.assertEqual(record["s3"]["object"]["versionId"], v1)

    def test_multipart_copy_and_tagging_records(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.s3.put_object(Bucket=bucket, Key="src", Body=b"source")
        self.configure(bucket, arn, events=("s3:ObjectCreated:CompleteMultipartUpload", "s3:ObjectCreated:Copy",
                                            "s3:ObjectTagging:*"), drain_url=url)
        upload = self.s3.create_multipart_upload(Bucket=bucket, Key="big")["UploadId"]
        part = self.s3.upload_part(Bucket=bucket, Key="big", UploadId=upload, PartNumber=1, Body=b"p" * 100)
        done = self.s3.complete_multipart_upload(Bucket=bucket, Key="big", UploadId=upload, MultipartUpload={
            "Parts": [{"PartNumber": 1, "ETag": part["ETag"]}]})
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectCreated:CompleteMultipartUpload")
        self.assertEqual(record["s3"]["object"]["eTag"], done["ETag"].strip('"'))
        self.assertEqual(record["s3"]["object"]["size"], 100)

        self.s3.copy_object(Bucket=bucket, Key="dst", CopySource={"Bucket": bucket, "Key": "src"})
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual((record["eventName"], record["s3"]["object"]["key"]), ("ObjectCreated:Copy", "dst"))

        self.s3.put_object_tagging(Bucket=bucket, Key="src", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
        self.s3.delete_object_tagging(Bucket=bucket, Key="src")
        names = sorted(r["eventName"] for r in self.records(self.receive(url, 2)))
        self.assertEqual(names, ["ObjectTagging:Delete", "ObjectTagging:Put"])

    def test_post_upload_and_acl_records(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.configure(bucket, arn, events=("s3:ObjectCreated:Post", "s3:ObjectAcl:Put"), drain_url=url)
        form = self.server.client("s3", signature_version="s3v4").generate_presigned_post(
            Bucket=bucket, Key="form.txt", ExpiresIn=300)
        posted = requests.post(form["url"], data=form["fields"], files={"file": ("f.txt", b"posted", "text/plain")},
                               timeout=30)
        self.assertEqual(posted.status_code, 204, posted.text)
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectCreated:Post")
        self.assertEqual((record["s3"]["object"]["key"], record["s3"]["object"]["size"]), ("form.txt", 6))

        self.s3.put_bucket_ownership_controls(
            Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": "BucketOwnerPreferred"}]})
        self.s3.delete_public_access_block(Bucket=bucket)
        self.s3.put_object_acl(Bucket=bucket, Key="form.txt", ACL="public-read")
        (record,) = self.records(self.receive(url, 1))
        self.assertEqual(record["eventName"], "ObjectAcl:Put")

    def test_restore_records(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.s3.put_object(Bucket=bucket, Key="cold", Body=b"frozen", StorageClass="GLACIER")
        self.configure(bucket, arn, events=("s3:ObjectRestore:*", "s3:ObjectCreated:*"), drain_url=url)
        self.s3.restore_object(Bucket=bucket, Key="cold", RestoreRequest={"Days": 1})
        records = self.records(self.receive(url, 2))
        self.assertEqual(sorted(r["eventName"] for r in records), ["ObjectRestore:Completed", "ObjectRestore:Post"])
        self.assertEqual({(r["s3"]["object"]["key"], r["s3"]["object"]["size"]) for r in records}, {("cold", 6)})
        (completed,) = [r for r in records if r["eventName"] == "ObjectRestore:Completed"]
        restored = completed["glacierEventData"]["restoreEventData"]
        self.assertEqual(restored["lifecycleRestoreStorageClass"], "GLACIER")
        head = self.s3.head_object(Bucket=bucket, Key="cold")
        expiry = email.utils.parsedate_to_datetime(head["Restore"].split('expiry-date="')[1].rstrip('"'))
        self.assertEqual(restored["lifecycleRestorationExpiryTime"], expiry.strftime("%Y-%m-%dT%H:%M:%S.000Z"))
        # Extending the restore sends nothing: the next record is the later upload's.
        self.s3.restore_object(Bucket=bucket, Key="cold", RestoreRequest={"Days": 2})
        self.s3.put_object(Bucket=bucket, Key="marker", Body=b"m")
        records = self.records(self.receive(url, 1))
        self.assertEqual([(r["eventName"], r["s3"]["object"]["key"]) for r in records],
                         [("ObjectCreated:Put", "marker")])

    def test_lifecycle_expiration_records(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        self.s3.put_object(Bucket=bucket, Key="tmp/old", Body=b"x")
        self.configure(bucket, arn, events=("s3:LifecycleExpiration:*",), drain_url=url)
        self.s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": [
            {"ID": "expire", "Filter": {"Prefix": "tmp/"}, "Status": "Enabled",
             "Expiration": {"Date": datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)}}]})
        # The lifecycle worker runs every 5 s.
        (record,) = self.records(self.receive(url, 1, timeout=15))
        self.assertEqual(record["eventName"], "LifecycleExpiration:Delete")
        self.assertEqual(record["s3"]["object"]["key"], "tmp/old")

    def test_eventbridge_receives_object_events(self):
        bucket = self.new_bucket()
        url, arn = self.new_queue()
        events = self.server.client("events")
        rule = "s3-" + uuid.uuid4().hex[:8]
        events.put_rule(Name=rule, EventPattern=json.dumps(
            {"source": ["aws.s3"], "detail": {"bucket": {"name": [bucket]}}}))
        events.put_targets(Rule=rule, Targets=[{"Id": "q", "Arn": arn}])
        self.s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"EventBridgeConfiguration": {}})
        put = self.s3.put_object(Bucket=bucket, Key="eb key", Body=b"12345")
        (event,) = self.receive(url, 1, timeout=10)
        self.assertEqual(event["source"], "aws.s3")
        self.assertEqual(event["detail-type"], "Object Created")
        self.assertEqual(event["resources"], ["arn:aws:s3:::" + bucket])
        detail = event["detail"]
        self.assertEqual(detail["bucket"]["name"], bucket)
        self.assertEqual(detail["object"]["key"], "eb key")
        self.assertEqual(detail["object"]["size"], 5)
        self.assertEqual(detail["object"]["etag"], put["ETag"].strip('"'))
        self.assertEqual(detail["reason"], "PutObject")


if __name__ == "__main__":
    unittest.main()
