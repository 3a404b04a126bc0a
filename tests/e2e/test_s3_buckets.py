"""S3 buckets through boto3 and raw signed HTTP: creation rules and regions, listing with paging,
deletion, and the bucket configuration sub-resources (tagging, versioning, CORS with browser
preflight, policy, lifecycle, encryption, ownership controls, ACLs), plus virtual-host addressing.
Expected values are AWS's documented behaviour (see s3_endpoint.py for the endpoint choice)."""
import json
import unittest
import xml.etree.ElementTree as ET

import botocore.exceptions
import requests

from s3_endpoint import S3TestCase, md5_b64, unique_name

NS = "{http://s3.amazonaws.com/doc/2006-03-01/}"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


class CreateBucketTest(S3TestCase):
    def test_naming_rules(self):
        bad = ["ab", "a" * 64, "Upper-case-" + unique_name("x"), "under_score-bucket", "-leading-dash",
               "trailing-dash-", "two..dots", "192.168.5.4", "xn--punycode-bucket",
               "sthree-reserved", "name-s3alias", "name--ol-s3", "dot.-dash"]
        for name in bad:
            with self.subTest(name=name):
                try:
                    self.s3.create_bucket(Bucket=name)
                except botocore.exceptions.ClientError as e:
                    err, status = e.response["Error"], e.response["ResponseMetadata"]["HTTPStatusCode"]
                    self.assertEqual((err["Code"], status, err["Message"]),
                                     ("InvalidBucketName", 400, "The specified bucket is not valid."))
                    self.assertEqual(err.get("BucketName"), name)
                else:
                    self.track_bucket(name)  # wrongly accepted: still clean it up
                    self.fail(f"bucket name {name!r} was accepted")
        for name in [unique_name("ok")[:3 + 13], "a.b-c." + unique_name("d"), unique_name("z" * 50)]:
            with self.subTest(name=name):
                self.s3.create_bucket(Bucket=name)
                self.track_bucket(name)
                self.assertEqual(self.s3.head_bucket(Bucket=name)["ResponseMetadata"]["HTTPStatusCode"], 200)

    def test_create_returns_location_and_recreate_in_us_east_1_succeeds(self):
        name = unique_name("create")
        r = self.s3.create_bucket(Bucket=name)
        self.track_bucket(name)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertEqual(r["Location"], f"/{name}")
        # AWS: us-east-1 answers 200 to re-creating a bucket you own (legacy compatibility).
        again = self.s3.create_bucket(Bucket=name)
        self.assertEqual(again["ResponseMetadata"]["HTTPStatusCode"], 200)

    def test_recreate_in_other_region_is_already_owned_by_you(self):
        eu = self.endpoint.client(region="eu-west-1")
        name = unique_name("eu")
        eu.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.track_bucket(name)
        self.assertEqual(eu.get_bucket_location(Bucket=name)["LocationConstraint"], "eu-west-1")
        self.assertEqual(eu.head_bucket(Bucket=name)["BucketRegion"], "eu-west-1")
        err = self.assert_error(eu.create_bucket, "BucketAlreadyOwnedByYou", 409,
                                "Your previous request to create the named bucket succeeded and you already own it.",
                                Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        self.assertEqual(err["BucketName"], name)

    def test_location_constraint_rules(self):
        # An explicit us-east-1 constraint is rejected; us-east-1 buckets have none.
        self.assert_error(self.s3.create_bucket, "InvalidLocationConstraint", 400,
                          "The specified location-constraint is not valid",
                          Bucket=unique_name("loc"), CreateBucketConfiguration={"LocationConstraint": "us-east-1"})
        west = self.endpoint.client(region="us-west-2")
        self.assert_error(west.create_bucket, "IllegalLocationConstraintException", 400,
                          "The unspecified location constraint is incompatible for the region specific "
                          "endpoint this request was sent to.", Bucket=unique_name("loc"))
        self.assert_error(west.create_bucket, "IllegalLocationConstraintException", 400,
                          "The eu-west-1 location constraint is incompatible for the region specific "
                          "endpoint this request was sent to.",
                          Bucket=unique_name("loc"), CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        # A region S3 does not have is not a location either, unless the request was signed for it
        # (a client configured with a region of its own creates buckets there).
        self.assert_error(self.s3.create_bucket, "InvalidLocationConstraint", 400,
                          "The specified location-constraint is not valid",
                          Bucket=unique_name("loc"), CreateBucketConfiguration={"LocationConstraint": "mars-1"})
        mars = self.endpoint.client(region="mars-1")
        on_mars = self.track_bucket(unique_name("loc"))
        mars.create_bucket(Bucket=on_mars, CreateBucketConfiguration={"LocationConstraint": "mars-1"})
        self.assertEqual(mars.get_bucket_location(Bucket=on_mars)["LocationConstraint"], "mars-1")
        name = self.make_bucket("loc")
        self.assertIsNone(self.s3.get_bucket_location(Bucket=name).get("LocationConstraint"))
        self.assertEqual(self.s3.head_bucket(Bucket=name)["BucketRegion"], "us-east-1")

    def test_tags_at_creation(self):
        # CreateBucketConfiguration.Tags become the bucket's tagging; tags PutBucketTagging would
        # refuse make the create fail, and no bucket is made.
        name = self.track_bucket(unique_name("tagged"))
        self.s3.create_bucket(Bucket=name, CreateBucketConfiguration={
            "Tags": [{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "dev"}]})
        self.assertEqual(self.s3.get_bucket_tagging(Bucket=name)["TagSet"],
                         [{"Key": "team", "Value": "storage"}, {"Key": "env", "Value": "dev"}])
        bad = unique_name("tagbad")
        self.assert_error(self.s3.create_bucket, "InvalidTag", 400, "System tags cannot be added/updated by requester",
                          Bucket=bad, CreateBucketConfiguration={"Tags": [{"Key": "aws:owner", "Value": "x"}]})
        self.assert_error(self.s3.create_bucket, "InvalidTag", 400, "Cannot provide multiple Tags with the same key",
                          Bucket=bad, CreateBucketConfiguration={"Tags": [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]})
        _, status, _ = self.client_error(self.s3.head_bucket, Bucket=bad)
        self.assertEqual(status, 404)
        plain = self.track_bucket(unique_name("untagged"))
        self.s3.create_bucket(Bucket=plain)
        self.assert_error(self.s3.get_bucket_tagging, "NoSuchTagSet", 404, Bucket=plain)

    def test_head_bucket_reports_region_and_no_access_point_alias(self):
        name = self.track_bucket(unique_name("head"))
        self.s3.create_bucket(Bucket=name)
        head = self.s3.head_bucket(Bucket=name)
        self.assertEqual((head["BucketRegion"], head["AccessPointAlias"]), ("us-east-1", False))

    def test_head_missing_bucket(self):
        err, status, _ = self.client_error(self.s3.head_bucket, Bucket=unique_name("missing"))
        self.assertEqual((err["Code"], status), ("404", 404))

    def test_operations_on_missing_bucket(self):
        name = unique_name("missing")
        err = self.assert_error(self.s3.list_objects_v2, "NoSuchBucket", 404,
                                "The specified bucket does not exist", Bucket=name)
        self.assertEqual(err["BucketName"], name)
        self.assert_error(self.s3.put_object, "NoSuchBucket", 404, Bucket=name, Key="k", Body=b"x")
        self.assert_error(self.s3.get_bucket_location, "NoSuchBucket", 404, Bucket=name)



class BucketRegionTest(S3TestCase):
    """A request signed for another region than its bucket's is redirected as S3's endpoint for
    the signed region redirects it: 301 PermanentRedirect with x-amz-bucket-region, which
    boto3, the CLI and the JS SDK (followRegionRedirects) follow by signing again."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eu = cls.endpoint.client(region="eu-west-1")
        cls.bucket = cls.track_bucket(unique_name("region"))
        cls.eu.create_bucket(Bucket=cls.bucket, CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
        cls.eu.put_object(Bucket=cls.bucket, Key="k", Body=b"in ireland")

    def assert_redirect(self, r, body=True):
        self.assertEqual(r.status_code, 301, r.text)
        self.assertEqual(r.headers.get("x-amz-bucket-region"), "eu-west-1")
        if not body:
            self.assertEqual(r.content, b"")
            return
        root = ET.fromstring(r.content)
        self.assertEqual(root.findtext("Code"), "PermanentRedirect")
        self.assertEqual(root.findtext("Message"),
                         "The bucket you are attempting to access must be addressed using the specified "
                         "endpoint. Please send all future requests to this endpoint.")
        self.assertEqual(root.findtext("Bucket"), self.bucket)
        self.assertEqual(root.findtext("Endpoint"), self.endpoint.url.split("://", 1)[1])

    def test_signed_for_another_region_is_redirected(self):
        self.assert_redirect(self.endpoint.request("GET", f"/{self.bucket}/k"))
        self.assert_redirect(self.endpoint.request("GET", f"/{self.bucket}", params={"list-type": "2"},
                                                   region="us-west-2"))
        self.assert_redirect(self.endpoint.request("HEAD", f"/{self.bucket}/k"), body=False)
        self.assert_redirect(self.endpoint.request("HEAD", f"/{self.bucket}"), body=False)
        # Nothing was written by a redirected PUT or DELETE.
        self.assert_redirect(self.endpoint.request("PUT", f"/{self.bucket}/other", body=b"x"))
        self.assert_redirect(self.endpoint.request("DELETE", f"/{self.bucket}/k"))
        self.assertEqual(self.eu.get_object(Bucket=self.bucket, Key="k")["Body"].read(), b"in ireland")
        self.assert_error(self.eu.head_object, "404", 404, Bucket=self.bucket, Key="other")
        ok = self.endpoint.request("GET", f"/{self.bucket}/k", region="eu-west-1")
        self.assertEqual((ok.status_code, ok.content), (200, b"in ireland"))
        # GetBucketLocation is how a client finds the region: it answers whatever was signed for.
        location = self.endpoint.request("GET", f"/{self.bucket}", params={"location": ""}, region="us-west-2")
        self.assertEqual(location.status_code, 200, location.text)
        self.assertEqual(ET.fromstring(location.content).text, "eu-west-1")

    def test_presigned_url_for_another_region_is_redirected(self):
        us = self.endpoint.client(signature_version="s3v4")
        url = us.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "k"})
        self.assert_redirect(requests.get(url, allow_redirects=False, timeout=60))
        eu = self.endpoint.client(region="eu-west-1", signature_version="s3v4")
        url = eu.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "k"})
        self.assertEqual(requests.get(url, allow_redirects=False, timeout=60).content, b"in ireland")

    def test_unsigned_and_sigv2_requests_name_no_region(self):
        # SigV2 signs no region: the bucket answers wherever it is.
        url = self.s3.generate_presigned_url("get_object", Params={"Bucket": self.bucket, "Key": "k"})
        self.assertIn("Signature=", url)
        self.assertEqual(requests.get(url, allow_redirects=False, timeout=60).content, b"in ireland")
        # Unsigned: refused for want of access, not redirected.
        self.assertEqual(self.endpoint.request("GET", f"/{self.bucket}/k", sign=False).status_code, 403)

    def test_boto3_and_cli_follow_the_redirect(self):
        us = self.endpoint.client()  # signs for us-east-1
        us.put_object(Bucket=self.bucket, Key="from-us", Body=b"followed")
        self.assertEqual(us.get_object(Bucket=self.bucket, Key="from-us")["Body"].read(), b"followed")
        self.assertEqual(us.head_bucket(Bucket=self.bucket)["BucketRegion"], "eu-west-1")
        self.assertEqual(us.head_object(Bucket=self.bucket, Key="from-us")["ContentLength"], 8)
        listed = self.endpoint.aws("s3", "ls", f"s3://{self.bucket}/")
        self.assertEqual(listed.returncode, 0, listed.stderr)
        self.assertIn("from-us", listed.stdout)
        us.delete_object(Bucket=self.bucket, Key="from-us")

    def test_post_form_for_another_region_is_invalid_argument(self):
        us = self.endpoint.client(signature_version="s3v4")
        form = us.generate_presigned_post(Bucket=self.bucket, Key="posted")
        r = requests.post(form["url"], data=form["fields"], files={"file": ("f", b"x")}, timeout=60)
        self.assertEqual(r.status_code, 400, r.text)
        root = ET.fromstring(r.content)
        self.assertEqual(root.findtext("Code"), "InvalidArgument")
        self.assertEqual(root.findtext("Message"), "the region 'us-east-1' is wrong; expecting 'eu-west-1'")
        self.assertEqual(root.findtext("ArgumentName"), "X-Amz-Credential")
        self.assertEqual(root.findtext("ArgumentValue"), form["fields"]["x-amz-credential"])
        self.assertEqual(root.findtext("Region"), "eu-west-1")
        form = self.endpoint.client(region="eu-west-1", signature_version="s3v4").generate_presigned_post(
            Bucket=self.bucket, Key="posted")
        r = requests.post(form["url"], data=form["fields"], files={"file": ("f", b"x")}, timeout=60)
        self.assertEqual(r.status_code, 204, r.text)
        self.eu.delete_object(Bucket=self.bucket, Key="posted")

class ListBucketsTest(S3TestCase):
    def test_prefix_and_paging(self):
        prefix = unique_name("lb")
        names = sorted(self.make_bucket(prefix) for _ in range(3))
        r = self.s3.list_buckets(Prefix=prefix)
        self.assertEqual([b["Name"] for b in r["Buckets"]], names)
        self.assertEqual(r["Prefix"], prefix)
        self.assertTrue(r["Owner"]["ID"])
        for b in r["Buckets"]:
            self.assertEqual(b["BucketRegion"], "us-east-1")
            self.assertIsNotNone(b["CreationDate"])
        page1 = self.s3.list_buckets(Prefix=prefix, MaxBuckets=2)
        self.assertEqual([b["Name"] for b in page1["Buckets"]], names[:2])
        self.assertTrue(page1["ContinuationToken"])
        page2 = self.s3.list_buckets(Prefix=prefix, MaxBuckets=2, ContinuationToken=page1["ContinuationToken"])
        self.assertEqual([b["Name"] for b in page2["Buckets"]], names[2:])
        self.assertNotIn("ContinuationToken", page2)

    def test_list_all_includes_new_bucket_and_owner_matches_acl(self):
        name = self.make_bucket("lball")
        r = self.s3.list_buckets()
        self.assertIn(name, [b["Name"] for b in r["Buckets"]])
        self.assertEqual(self.s3.get_bucket_acl(Bucket=name)["Owner"]["ID"], r["Owner"]["ID"])


class DeleteBucketTest(S3TestCase):
    def test_delete_rules(self):
        name = self.make_bucket("del")
        self.s3.put_object(Bucket=name, Key="k", Body=b"x")
        err = self.assert_error(self.s3.delete_bucket, "BucketNotEmpty", 409,
                                "The bucket you tried to delete is not empty", Bucket=name)
        self.assertEqual(err["BucketName"], name)
        self.s3.delete_object(Bucket=name, Key="k")
        r = self.s3.delete_bucket(Bucket=name)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assert_error(self.s3.delete_bucket, "NoSuchBucket", 404, "The specified bucket does not exist",
                          Bucket=name)
        self.assertNotIn(name, [b["Name"] for b in self.s3.list_buckets()["Buckets"]])

    def test_bucket_with_only_delete_markers_is_not_empty(self):
        name = self.make_bucket("delv", versioned=True)
        self.s3.put_object(Bucket=name, Key="k", Body=b"x")
        self.s3.delete_object(Bucket=name, Key="k")  # leaves a version and a delete marker
        self.assert_error(self.s3.delete_bucket, "BucketNotEmpty", 409, Bucket=name)


class BucketConfigTest(S3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bucket = cls.make_bucket("cfg")

    def test_tagging(self):
        b = self.make_bucket("tag")
        self.assert_error(self.s3.get_bucket_tagging, "NoSuchTagSet", 404, "The TagSet does not exist", Bucket=b)
        tags = [{"Key": "env", "Value": "dev"}, {"Key": "team", "Value": "storage"}]
        self.s3.put_bucket_tagging(Bucket=b, Tagging={"TagSet": tags})
        got = self.s3.get_bucket_tagging(Bucket=b)["TagSet"]
        self.assertEqual(sorted(got, key=lambda t: t["Key"]), tags)
        # A document that does not validate against S3's schema is refused whole, not read in
        # part: another root element, or an element given twice where the schema allows one.
        for body in (b"<Tags><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tags>",
                     b"<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet>"
                     b"<TagSet><Tag><Key>x</Key><Value>y</Value></Tag></TagSet></Tagging>",
                     b"<Tagging><TagSet><Tag><Key>k</Key><Key>k2</Key><Value>v</Value></Tag></TagSet></Tagging>"):
            r = self.endpoint.request("PUT", f"/{b}", params={"tagging": ""}, body=body,
                                      headers={"Content-MD5": md5_b64(body)})
            self.assertEqual(r.status_code, 400, r.text)
            self.assertIn(b"<Code>MalformedXML</Code>", r.content)
        self.assertEqual(sorted(self.s3.get_bucket_tagging(Bucket=b)["TagSet"], key=lambda t: t["Key"]), tags)
        r = self.s3.delete_bucket_tagging(Bucket=b)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assert_error(self.s3.get_bucket_tagging, "NoSuchTagSet", 404, Bucket=b)

    def test_versioning_configuration(self):
        b = self.make_bucket("ver")
        r = self.s3.get_bucket_versioning(Bucket=b)
        self.assertNotIn("Status", r)
        self.assertNotIn("MFADelete", r)
        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=b)["Status"], "Enabled")
        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Suspended"})
        self.assertEqual(self.s3.get_bucket_versioning(Bucket=b)["Status"], "Suspended")
        self.assert_error(self.s3.put_bucket_versioning, "MalformedXML", 400,
                          Bucket=b, VersioningConfiguration={"Status": "Sometimes"})

    def test_configurations_never_set_answer_an_empty_root_element(self):
        # As S3 answers (and SDKs that parse strictly expect): an element with nothing in it,
        # named as S3 names it, not an empty body.
        b = self.make_bucket("empty")
        for query, root in (("versioning", "VersioningConfiguration"), ("logging", "BucketLoggingStatus"),
                            ("accelerate", "AccelerateConfiguration"), ("notification", "NotificationConfiguration")):
            with self.subTest(query=query):
                r = self.endpoint.request("GET", f"/{b}", params={query: ""})
                self.assertEqual(r.status_code, 200, r.text)
                self.assertEqual(r.headers.get("Content-Type"), "application/xml")
                element = ET.fromstring(r.content)
                self.assertEqual((element.tag, len(element), element.text), (NS + root, 0, None))
        payment = ET.fromstring(self.endpoint.request("GET", f"/{b}", params={"requestPayment": ""}).content)
        self.assertEqual((payment.tag, payment.findtext(NS + "Payer")), (NS + "RequestPaymentConfiguration", "BucketOwner"))
        metrics = ET.fromstring(self.endpoint.request("GET", f"/{b}", params={"metrics": ""}).content)
        self.assertEqual((metrics.tag, metrics.findtext(NS + "IsTruncated")), (NS + "ListMetricsConfigurationsResult", "false"))

    def test_transfer_acceleration(self):
        b = self.make_bucket("accel")
        self.s3.put_bucket_accelerate_configuration(Bucket=b, AccelerateConfiguration={"Status": "Enabled"})
        self.assertEqual(self.s3.get_bucket_accelerate_configuration(Bucket=b)["Status"], "Enabled")
        # Not for a bucket whose name has dots, whatever the status.
        dotted = self.make_bucket("accel.dotted")
        for status in ("Enabled", "Suspended"):
            self.assert_error(self.s3.put_bucket_accelerate_configuration, "InvalidRequest", 400,
                              "Amazon S3 Transfer Acceleration is not supported for buckets with periods (.) in their "
                              "names.", Bucket=dotted, AccelerateConfiguration={"Status": status})
        self.assertNotIn("Status", self.s3.get_bucket_accelerate_configuration(Bucket=dotted))

    def test_replication_configuration_is_stored(self):
        b = self.make_bucket("repl")
        self.assert_error(self.s3.get_bucket_replication, "ReplicationConfigurationNotFoundError", 404,
                          "The replication configuration was not found", Bucket=b)
        config = {"Role": "arn:aws:iam::000000000000:role/replication",
                  "Rules": [{"Status": "Enabled", "Priority": 1, "Filter": {"Prefix": "logs/"},
                             "DeleteMarkerReplication": {"Status": "Disabled"},
                             "Destination": {"Bucket": "arn:aws:s3:::elsewhere", "StorageClass": "STANDARD_IA"}}]}
        self.assert_error(self.s3.put_bucket_replication, "InvalidRequest", 400,
                          "Versioning must be 'Enabled' on the bucket to apply a replication configuration",
                          Bucket=b, ReplicationConfiguration=config)
        self.s3.put_bucket_versioning(Bucket=b, VersioningConfiguration={"Status": "Enabled"})
        self.s3.put_bucket_replication(Bucket=b, ReplicationConfiguration=config)
        got = self.s3.get_bucket_replication(Bucket=b)["ReplicationConfiguration"]
        self.assertEqual(got["Role"], config["Role"])
        rule = got["Rules"][0]
        self.assertTrue(rule.pop("ID"))  # S3 names a rule sent without an ID
        self.assertEqual(rule, config["Rules"][0])
        self.assert_error(self.s3.put_bucket_replication, "MalformedXML", 400, Bucket=b,
                          ReplicationConfiguration={"Role": "r", "Rules": [{"Status": "Sometimes",
                                                                            "Destination": {"Bucket": "x"}}]})
        r = self.s3.delete_bucket_replication(Bucket=b)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assert_error(self.s3.get_bucket_replication, "ReplicationConfigurationNotFoundError", 404, Bucket=b)

    def test_cors_configuration_preflight_and_response_headers(self):
        b = self.make_bucket("cors")
        self.assert_error(self.s3.get_bucket_cors, "NoSuchCORSConfiguration", 404,
                          "The CORS configuration does not exist", Bucket=b)
        rules = [{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET", "PUT"],
                  "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000}]
        self.s3.put_bucket_cors(Bucket=b, CORSConfiguration={"CORSRules": rules})
        self.assertEqual(self.s3.get_bucket_cors(Bucket=b)["CORSRules"], rules)
        self.s3.put_object(Bucket=b, Key="page.html", Body=b"<p>hi</p>")

        # Browsers send preflights unsigned.
        pre = self.endpoint.request("OPTIONS", f"/{b}/page.html", sign=False, headers={
            "Origin": "https://app.example.com", "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type"})
        self.assertEqual(pre.status_code, 200, pre.text)
        self.assertEqual(pre.headers["Access-Control-Allow-Origin"], "https://app.example.com")
        methods = {m.strip() for m in pre.headers["Access-Control-Allow-Methods"].split(",")}
        self.assertEqual(methods, {"GET", "PUT"})
        self.assertEqual(pre.headers["Access-Control-Allow-Headers"].lower(), "content-type")
        self.assertEqual(pre.headers["Access-Control-Max-Age"], "3000")
        self.assertEqual(pre.headers["Access-Control-Expose-Headers"], "ETag")

        denied = self.endpoint.request("OPTIONS", f"/{b}/page.html", sign=False, headers={
            "Origin": "https://evil.example.org", "Access-Control-Request-Method": "GET"})
        self.assertEqual(denied.status_code, 403)
        self.assertNotIn("Access-Control-Allow-Origin", denied.headers)
        self.assertEqual(ET.fromstring(denied.content).findtext("Code"), "AccessForbidden")
        wrong_method = self.endpoint.request("OPTIONS", f"/{b}/page.html", sign=False, headers={
            "Origin": "https://app.example.com", "Access-Control-Request-Method": "DELETE"})
        self.assertEqual(wrong_method.status_code, 403)

        get = self.endpoint.request("GET", f"/{b}/page.html", headers={"Origin": "https://app.example.com"})
        self.assertEqual(get.status_code, 200)
        self.assertEqual(get.content, b"<p>hi</p>")
        self.assertEqual(get.headers["Access-Control-Allow-Origin"], "https://app.example.com")
        self.assertEqual(get.headers["Access-Control-Expose-Headers"], "ETag")
        other = self.endpoint.request("GET", f"/{b}/page.html", headers={"Origin": "https://evil.example.org"})
        self.assertEqual(other.status_code, 200)
        self.assertNotIn("Access-Control-Allow-Origin", other.headers)

        self.s3.delete_bucket_cors(Bucket=b)
        self.assert_error(self.s3.get_bucket_cors, "NoSuchCORSConfiguration", 404, Bucket=b)
        gone = self.endpoint.request("OPTIONS", f"/{b}/page.html", sign=False, headers={
            "Origin": "https://app.example.com", "Access-Control-Request-Method": "GET"})
        self.assertEqual(gone.status_code, 403)

    def test_a_configuration_request_without_its_id_never_touches_the_bucket(self):
        # DELETE ?metrics (or ?analytics, ?inventory, ?intelligent-tiering) without its id is that
        # operation, refused for the missing id: not a DeleteBucket of an empty bucket.
        b = self.make_bucket("noid")
        for query in ("metrics", "analytics", "inventory", "intelligent-tiering"):
            with self.subTest(query=query):
                r = self.endpoint.request("DELETE", f"/{b}", params={query: ""})
                self.assertEqual(r.status_code, 400, r.text)
                self.s3.head_bucket(Bucket=b)
        listed = self.endpoint.request("GET", f"/{b}", params={"metrics": ""})
        self.assertIn(b"<ListMetricsConfigurationsResult", listed.content)

    def test_new_buckets_block_public_access(self):
        # S3's defaults since April 2023: every setting on, until deleted or relaxed.
        b = self.make_bucket("bpa")
        self.assertEqual(self.s3.get_public_access_block(Bucket=b)["PublicAccessBlockConfiguration"],
                         {"BlockPublicAcls": True, "IgnorePublicAcls": True, "BlockPublicPolicy": True,
                          "RestrictPublicBuckets": True})
        # A Put that names one setting leaves the others off, and Get names all four.
        self.s3.put_public_access_block(Bucket=b, PublicAccessBlockConfiguration={"BlockPublicPolicy": True})
        self.assertEqual(self.s3.get_public_access_block(Bucket=b)["PublicAccessBlockConfiguration"],
                         {"BlockPublicAcls": False, "IgnorePublicAcls": False, "BlockPublicPolicy": True,
                          "RestrictPublicBuckets": False})
        self.s3.delete_public_access_block(Bucket=b)
        self.assert_error(self.s3.get_public_access_block, "NoSuchPublicAccessBlockConfiguration", 404, Bucket=b)

    def test_policy(self):
        b = self.make_bucket("pol")
        err = self.assert_error(self.s3.get_bucket_policy, "NoSuchBucketPolicy", 404,
                                "The bucket policy does not exist", Bucket=b)
        self.assertEqual(err.get("BucketName"), b)  # S3 names the bucket in its NoSuch*Configuration errors
        policy = {"Version": "2012-10-17", "Statement": [{
            "Sid": "PublicRead", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{b}/*"}]}
        # A new bucket blocks public policies until its Block Public Access is lifted.
        self.assert_error(self.s3.put_bucket_policy, "AccessDenied", 403, Bucket=b, Policy=json.dumps(policy))
        self.s3.delete_public_access_block(Bucket=b)
        r = self.s3.put_bucket_policy(Bucket=b, Policy=json.dumps(policy))
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assertEqual(json.loads(self.s3.get_bucket_policy(Bucket=b)["Policy"]), policy)
        self.assert_error(self.s3.put_bucket_policy, "MalformedPolicy", 400, Bucket=b, Policy="not json")
        # An object action on the bucket's own ARN acts on nothing the statement names.
        misplaced = {"Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{b}"}]}
        self.assert_error(self.s3.put_bucket_policy, "MalformedPolicy", 400,
                          "Action does not apply to any resource(s) in statement", Bucket=b, Policy=json.dumps(misplaced))
        statements = [{"Sid": f"s{i}", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                       "Resource": f"arn:aws:s3:::{b}/private-{i}/*"} for i in range(300)]
        self.assert_error(self.s3.put_bucket_policy, "MalformedPolicy", 400,
                          "Policy exceeds the maximum allowed document size.", Bucket=b,
                          Policy=json.dumps({"Version": "2012-10-17", "Statement": statements}))
        self.s3.delete_bucket_policy(Bucket=b)
        self.assert_error(self.s3.get_bucket_policy, "NoSuchBucketPolicy", 404, Bucket=b)

    def test_lifecycle(self):
        b = self.make_bucket("lc")
        self.assert_error(self.s3.get_bucket_lifecycle_configuration, "NoSuchLifecycleConfiguration", 404,
                          "The lifecycle configuration does not exist", Bucket=b)
        rules = [
            {"ID": "expire-logs", "Filter": {"Prefix": "logs/"}, "Status": "Enabled",
             "Expiration": {"Days": 30}},
            {"ID": "old-versions", "Filter": {"Prefix": ""}, "Status": "Enabled",
             "NoncurrentVersionExpiration": {"NoncurrentDays": 7},
             "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 3}},
        ]
        self.s3.put_bucket_lifecycle_configuration(Bucket=b, LifecycleConfiguration={"Rules": rules})
        got = self.s3.get_bucket_lifecycle_configuration(Bucket=b)["Rules"]
        self.assertEqual(sorted(got, key=lambda r: r["ID"]), rules)
        self.assert_error(self.s3.put_bucket_lifecycle_configuration, "InvalidRequest", 400, Bucket=b,
                          LifecycleConfiguration={"Rules": [{"ID": "x", "Filter": {"Prefix": ""},
                                                              "Status": "Enabled"}]})
        # An And of one predicate is malformed; an upload abort cannot depend on an object's size.
        self.assert_error(self.s3.put_bucket_lifecycle_configuration, "MalformedXML", 400, Bucket=b,
                          LifecycleConfiguration={"Rules": [{"ID": "x", "Filter": {"And": {"Prefix": "a"}},
                                                              "Status": "Enabled", "Expiration": {"Days": 1}}]})
        self.assert_error(self.s3.put_bucket_lifecycle_configuration, "InvalidRequest", 400,
                          "AbortIncompleteMultipartUpload cannot be specified with Object Size.", Bucket=b,
                          LifecycleConfiguration={"Rules": [{"ID": "x", "Filter": {"ObjectSizeGreaterThan": 100},
                                                              "Status": "Enabled",
                                                              "AbortIncompleteMultipartUpload": {
                                                                  "DaysAfterInitiation": 1}}]})
        self.assertEqual(sorted(self.s3.get_bucket_lifecycle_configuration(Bucket=b)["Rules"], key=lambda r: r["ID"]),
                         rules)
        r = self.s3.delete_bucket_lifecycle(Bucket=b)
        self.assertEqual(r["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.assert_error(self.s3.get_bucket_lifecycle_configuration, "NoSuchLifecycleConfiguration", 404,
                          Bucket=b)

    def test_default_encryption_is_aes256(self):
        b = self.make_bucket("enc")
        rule = self.s3.get_bucket_encryption(Bucket=b)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"], {"SSEAlgorithm": "AES256"})
        self.assertEqual(rule["BucketKeyEnabled"], False)
        self.assertEqual(rule["BlockedEncryptionTypes"], {"EncryptionType": ["SSE-C"]})  # S3's default since April 2026
        self.assertEqual(self.s3.put_object(Bucket=b, Key="k", Body=b"x")["ServerSideEncryption"], "AES256")
        self.assertEqual(self.s3.head_object(Bucket=b, Key="k")["ServerSideEncryption"], "AES256")
        kms = {"Rules": [{"ApplyServerSideEncryptionByDefault": {
            "SSEAlgorithm": "aws:kms", "KMSMasterKeyID": "alias/my-key"}, "BucketKeyEnabled": True}]}
        self.s3.put_bucket_encryption(Bucket=b, ServerSideEncryptionConfiguration=kms)
        self.assertEqual(self.s3.get_bucket_encryption(Bucket=b)["ServerSideEncryptionConfiguration"], kms)
        self.s3.delete_bucket_encryption(Bucket=b)
        rule = self.s3.get_bucket_encryption(Bucket=b)["ServerSideEncryptionConfiguration"]["Rules"][0]
        self.assertEqual(rule["ApplyServerSideEncryptionByDefault"]["SSEAlgorithm"], "AES256")

    def test_ownership_controls_and_acls(self):
        b = self.make_bucket("own", public=True)
        rules = self.s3.get_bucket_ownership_controls(Bucket=b)["OwnershipControls"]["Rules"]
        self.assertEqual(rules, [{"ObjectOwnership": "BucketOwnerEnforced"}])
        acl = self.s3.get_bucket_acl(Bucket=b)
        owner = acl["Owner"]["ID"]
        self.assertEqual(len(acl["Grants"]), 1)
        self.assertEqual(acl["Grants"][0]["Permission"], "FULL_CONTROL")
        self.assertEqual(acl["Grants"][0]["Grantee"]["Type"], "CanonicalUser")
        self.assertEqual(acl["Grants"][0]["Grantee"]["ID"], owner)
        # With ACLs disabled only the owner-full-control style canned ACLs are accepted.
        self.s3.put_bucket_acl(Bucket=b, ACL="private")
        self.assert_error(self.s3.put_bucket_acl, "AccessControlListNotSupported", 400,
                          "The bucket does not allow ACLs", Bucket=b, ACL="public-read")

        self.s3.put_bucket_ownership_controls(
            Bucket=b, OwnershipControls={"Rules": [{"ObjectOwnership": "ObjectWriter"}]})
        self.assertEqual(self.s3.get_bucket_ownership_controls(Bucket=b)["OwnershipControls"]["Rules"],
                         [{"ObjectOwnership": "ObjectWriter"}])
        self.s3.put_bucket_acl(Bucket=b, ACL="public-read")
        grants = self.s3.get_bucket_acl(Bucket=b)["Grants"]
        self.assertIn({"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}, grants)
        self.assertEqual(len(grants), 2)
        self.s3.put_object(Bucket=b, Key="o", Body=b"x", ACL="public-read")
        obj_grants = self.s3.get_object_acl(Bucket=b, Key="o")["Grants"]
        self.assertIn({"Grantee": {"Type": "Group", "URI": ALL_USERS}, "Permission": "READ"}, obj_grants)
        # Grantees must exist: another canonical user, an e-mail address, an unknown group.
        policy = {"Owner": {"ID": owner}, "Grants": [
            {"Grantee": {"Type": "CanonicalUser", "ID": "f" * 64}, "Permission": "READ"}]}
        err = self.assert_error(self.s3.put_bucket_acl, "InvalidArgument", 400, "Invalid id", Bucket=b,
                                AccessControlPolicy=policy)
        self.assertEqual(err.get("ArgumentValue"), "f" * 64)
        self.assert_error(self.s3.put_object_acl, "InvalidArgument", 400, "Invalid id", Bucket=b, Key="o",
                          GrantRead='id="' + "e" * 64 + '"')
        self.assert_error(self.s3.put_bucket_acl, "UnresolvableGrantByEmailAddress", 400, Bucket=b,
                          GrantRead='emailAddress="nobody@example.com"')
        self.assert_error(self.s3.put_bucket_acl, "InvalidArgument", 400, "Invalid group uri", Bucket=b,
                          GrantRead='uri="http://acs.amazonaws.com/groups/global/Nobody"')
        self.s3.put_bucket_acl(Bucket=b, GrantRead=f'id="{owner}"')

        self.s3.delete_bucket_ownership_controls(Bucket=b)
        self.assert_error(self.s3.get_bucket_ownership_controls, "OwnershipControlsNotFoundError", 404,
                          "The bucket ownership controls were not found", Bucket=b)

    def test_create_with_object_ownership(self):
        b = unique_name("ownc")
        self.s3.create_bucket(Bucket=b, ObjectOwnership="BucketOwnerPreferred")
        self.track_bucket(b)
        self.assertEqual(self.s3.get_bucket_ownership_controls(Bucket=b)["OwnershipControls"]["Rules"],
                         [{"ObjectOwnership": "BucketOwnerPreferred"}])

    def test_create_with_canned_acl(self):
        # With ACLs enabled by the ownership setting, the canned ACL is the bucket's ACL; a public
        # one is refused, as the new bucket blocks public access (S3 since April 2023).
        b = unique_name("aclc")
        self.s3.create_bucket(Bucket=b, ACL="log-delivery-write", ObjectOwnership="BucketOwnerPreferred")
        self.track_bucket(b)
        grants = self.s3.get_bucket_acl(Bucket=b)["Grants"]
        self.assertIn({"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/s3/LogDelivery"},
                       "Permission": "WRITE"}, grants)
        for public in ("public-read", "authenticated-read"):
            self.assert_error(self.s3.create_bucket, "InvalidBucketAclWithBlockPublicAccessError", 400,
                              "Bucket cannot have public ACLs set with BlockPublicAccess enabled",
                              Bucket=unique_name("aclc"), ACL=public, ObjectOwnership="ObjectWriter")
        # The default ownership (BucketOwnerEnforced) refuses any ACL but private.
        self.assert_error(self.s3.create_bucket, "InvalidBucketAclWithObjectOwnership", 400,
                          "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting",
                          Bucket=unique_name("acld"), ACL="public-read")
        private = unique_name("aclp")
        self.s3.create_bucket(Bucket=private, ACL="private")
        self.track_bucket(private)
        self.assertEqual(len(self.s3.get_bucket_acl(Bucket=private)["Grants"]), 1)


    def test_logging_needs_an_existing_target_bucket(self):
        b = self.make_bucket("log")
        self.assertNotIn("LoggingEnabled", self.s3.get_bucket_logging(Bucket=b))
        missing = unique_name("nolog")
        err = self.assert_error(self.s3.put_bucket_logging, "InvalidTargetBucketForLogging", 400,
                                "The target bucket for logging does not exist", Bucket=b,
                                BucketLoggingStatus={"LoggingEnabled": {"TargetBucket": missing, "TargetPrefix": "l/"}})
        self.assertEqual(err.get("TargetBucket"), missing)
        target = self.make_bucket("logs")
        self.s3.put_bucket_logging(Bucket=b, BucketLoggingStatus={
            "LoggingEnabled": {"TargetBucket": target, "TargetPrefix": "l/"}})
        self.assertEqual(self.s3.get_bucket_logging(Bucket=b)["LoggingEnabled"]["TargetBucket"], target)
        self.s3.put_bucket_logging(Bucket=b, BucketLoggingStatus={})  # turning it off names no bucket
        self.assertNotIn("LoggingEnabled", self.s3.get_bucket_logging(Bucket=b))

class VirtualHostTest(S3TestCase):
    """Virtual-host addressing. *.localhost does not resolve on every machine, so requests connect
    to the endpoint's address and carry the bucket in a SigV4-signed Host header."""

    def check_host(self, host_fmt):
        b = self.make_bucket("vh")
        host = host_fmt.format(bucket=b, port=self.endpoint.port)
        put = self.endpoint.request("PUT", "/dir/key.txt", host=host, body=b"virtual",
                                    headers={"Content-Type": "text/plain"})
        self.assertEqual(put.status_code, 200, put.text)
        obj = self.s3.get_object(Bucket=b, Key="dir/key.txt")
        self.assertEqual(obj["Body"].read(), b"virtual")
        self.assertEqual(obj["ContentType"], "text/plain")
        get = self.endpoint.request("GET", "/dir/key.txt", host=host)
        self.assertEqual((get.status_code, get.content), (200, b"virtual"))
        listing = self.endpoint.request("GET", "/", host=host, params={"list-type": "2"})
        self.assertEqual(listing.status_code, 200, listing.text)
        root = ET.fromstring(listing.content)
        self.assertEqual(root.findtext(f"{NS}Name"), b)
        self.assertEqual([c.findtext(f"{NS}Key") for c in root.findall(f"{NS}Contents")], ["dir/key.txt"])
        missing = self.endpoint.request("GET", "/nope", host=host)
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(ET.fromstring(missing.content).findtext("Code"), "NoSuchKey")

    def test_bucket_dot_localhost(self):
        self.check_host("{bucket}.localhost:{port}")

    def test_bucket_dot_s3_localhost(self):
        self.check_host("{bucket}.s3.localhost:{port}")

    def test_plain_localhost_is_path_style(self):
        b = self.make_bucket("vhp")
        self.s3.put_object(Bucket=b, Key="k", Body=b"path")
        r = self.endpoint.request("GET", f"/{b}/k", host=f"localhost:{self.endpoint.port}")
        self.assertEqual((r.status_code, r.content), (200, b"path"))


if __name__ == "__main__":
    unittest.main()
