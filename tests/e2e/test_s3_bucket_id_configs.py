"""Bucket configurations S3 names by Id: analytics, inventory, metrics and intelligent-tiering
(Put/Get/Delete/List of each), through boto3 against the real binary: paging, S3's errors, the
1,000 limit, DeleteBucket taking them along, and durability across a restart."""
import unittest

from s3_endpoint import S3TestCase
from skybox_harness import SkyboxServer

NO_SUCH_CONFIGURATION = "The specified configuration does not exist."


def sample(kind, config_id):
    """A valid configuration of `kind` named config_id, as boto3 takes (and Get returns) it."""
    if kind == "Analytics":
        return {"Id": config_id, "Filter": {"Prefix": "logs/"}, "StorageClassAnalysis": {"DataExport": {
            "OutputSchemaVersion": "V_1",
            "Destination": {"S3BucketDestination": {"Format": "CSV", "Bucket": "arn:aws:s3:::out", "Prefix": "a/"}}}}}
    if kind == "Inventory":
        return {"Id": config_id, "IsEnabled": True, "IncludedObjectVersions": "All",
                "Destination": {"S3BucketDestination": {"Format": "ORC", "Bucket": "arn:aws:s3:::out"}},
                "Schedule": {"Frequency": "Daily"}, "OptionalFields": ["Size", "StorageClass"]}
    if kind == "Metrics":
        return {"Id": config_id, "Filter": {"And": {"Prefix": "img/", "Tags": [{"Key": "k", "Value": "v"}]}}}
    return {"Id": config_id, "Status": "Enabled", "Filter": {"Prefix": "cold/"},
            "Tierings": [{"Days": 90, "AccessTier": "ARCHIVE_ACCESS"}, {"Days": 365, "AccessTier": "DEEP_ARCHIVE_ACCESS"}]}


KINDS = ["Analytics", "Inventory", "Metrics", "IntelligentTiering"]


class KindCalls:
    """The four boto3 calls of one kind, named uniformly."""

    def __init__(self, s3, kind):
        self.kind = kind
        self.member = f"{kind}Configuration"
        snake = {"Analytics": "analytics", "Inventory": "inventory", "Metrics": "metrics",
                 "IntelligentTiering": "intelligent_tiering"}[kind]
        self.put_fn = getattr(s3, f"put_bucket_{snake}_configuration")
        self.get_fn = getattr(s3, f"get_bucket_{snake}_configuration")
        self.delete_fn = getattr(s3, f"delete_bucket_{snake}_configuration")
        self.list_fn = getattr(s3, f"list_bucket_{snake}_configurations")

    def put(self, bucket, config_id, config=None):
        return self.put_fn(Bucket=bucket, Id=config_id, **{self.member: config or sample(self.kind, config_id)})

    def get(self, bucket, config_id):
        return self.get_fn(Bucket=bucket, Id=config_id)[self.member]

    def list(self, bucket, **kwargs):
        return self.list_fn(Bucket=bucket, **kwargs)


class BucketIdConfigsTest(S3TestCase):
    def calls(self, kind):
        return KindCalls(self.s3, kind)

    def test_put_get_list_delete_every_kind(self):
        b = self.make_bucket("idc")
        for kind in KINDS:
            with self.subTest(kind=kind):
                c = self.calls(kind)
                self.assertEqual(c.list(b)["IsTruncated"], False)
                self.assertNotIn(f"{kind}ConfigurationList", c.list(b))
                self.assertEqual(c.put(b, "first")["ResponseMetadata"]["HTTPStatusCode"], 204)
                c.put(b, "second")
                self.assertEqual(c.get(b, "first"), sample(kind, "first"))
                listed = c.list(b)[f"{kind}ConfigurationList"]
                self.assertEqual(listed, [sample(kind, "first"), sample(kind, "second")])
                deleted = c.delete_fn(Bucket=b, Id="first")
                self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
                self.assert_error(c.get_fn, "NoSuchConfiguration", 404, NO_SUCH_CONFIGURATION, Bucket=b, Id="first")
                self.assert_error(c.delete_fn, "NoSuchConfiguration", 404, NO_SUCH_CONFIGURATION, Bucket=b, Id="first")
                self.assertEqual([x["Id"] for x in c.list(b)[f"{kind}ConfigurationList"]], ["second"])
                self.assert_error(c.list_fn, "NoSuchBucket", 404, Bucket=b + "-missing")

    def test_list_pages_by_hundred_in_id_order(self):
        b = self.make_bucket("idc")
        c = self.calls("Metrics")
        ids = [f"m{i:03d}" for i in range(230)]
        for config_id in reversed(ids):
            c.put(b, config_id, {"Id": config_id})
        listed, token, pages = [], None, 0
        while True:
            page = c.list(b, **({"ContinuationToken": token} if token else {}))
            pages += 1
            listed += [x["Id"] for x in page["MetricsConfigurationList"]]
            self.assertEqual(page.get("ContinuationToken"), token)
            if not page["IsTruncated"]:
                self.assertNotIn("NextContinuationToken", page)
                break
            self.assertEqual(len(page["MetricsConfigurationList"]), 100)
            token = page["NextContinuationToken"]
        self.assertEqual((listed, pages), (ids, 3))
        self.assert_error(c.list_fn, "InvalidArgument", 400, "The continuation token provided is incorrect",
                          Bucket=b, ContinuationToken="bogus")

    def test_query_id_must_match_the_document_id(self):
        b = self.make_bucket("idc")
        expected = {"Analytics": "MalformedXML", "Inventory": "IdMismatch", "Metrics": "MalformedXML",
                    "IntelligentTiering": "MalformedXML"}
        for kind in KINDS:
            with self.subTest(kind=kind):
                c = self.calls(kind)
                self.assert_error(c.put_fn, expected[kind], 400, Bucket=b, Id="query",
                                  **{c.member: sample(kind, "body")})
                self.assert_error(c.get_fn, "NoSuchConfiguration", 404, Bucket=b, Id="query")

    def test_inventory_enums_and_required_members(self):
        b = self.make_bucket("idc")
        c = self.calls("Inventory")
        for path, value in [(("Destination", "S3BucketDestination", "Format"), "JSON"),
                            (("Schedule", "Frequency"), "Hourly"), (("IncludedObjectVersions",), "Some"),
                            (("OptionalFields",), ["Size", "Colour"])]:
            config = sample("Inventory", "inv")
            target = config
            for step in path[:-1]:
                target = target[step]
            target[path[-1]] = value
            with self.subTest(path=path):
                self.assert_error(c.put_fn, "MalformedXML", 400, Bucket=b, Id="inv", InventoryConfiguration=config)
        # boto3 refuses a document without a required member, so send the XML itself.
        body = (b'<InventoryConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Id>inv</Id>'
                b'<IsEnabled>true</IsEnabled><IncludedObjectVersions>All</IncludedObjectVersions>'
                b'<Destination><S3BucketDestination><Format>CSV</Format><Bucket>arn:aws:s3:::out</Bucket>'
                b'</S3BucketDestination></Destination></InventoryConfiguration>')
        r = self.endpoint.request("PUT", f"/{b}", params={"inventory": "", "id": "inv"}, body=body)
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("<Code>MalformedXML</Code>", r.text)
        self.assertEqual(c.list(b)["IsTruncated"], False)
        self.assertNotIn("InventoryConfigurationList", c.list(b))

    def test_intelligent_tiering_days_range(self):
        b = self.make_bucket("idc")
        c = self.calls("IntelligentTiering")
        for tier, days, bound in [("ARCHIVE_ACCESS", 89, "less than 90"), ("ARCHIVE_ACCESS", 731, "more than 730"),
                                  ("DEEP_ARCHIVE_ACCESS", 179, "less than 180")]:
            config = {"Id": "t", "Status": "Enabled", "Tierings": [{"Days": days, "AccessTier": tier}]}
            self.assert_error(c.put_fn, "InvalidArgument", 400, f"Days specified in {tier} tier should not be {bound}.",
                              Bucket=b, Id="t", IntelligentTieringConfiguration=config)
        config = {"Id": "t", "Status": "Paused", "Tierings": [{"Days": 100, "AccessTier": "ARCHIVE_ACCESS"}]}
        self.assert_error(c.put_fn, "MalformedXML", 400, Bucket=b, Id="t", IntelligentTieringConfiguration=config)
        config["Status"] = "Disabled"
        c.put(b, "t", config)
        self.assertEqual(c.get(b, "t"), config)

    def test_a_thousand_of_a_kind_is_the_limit(self):
        b = self.make_bucket("idc")
        c = self.calls("Metrics")
        for i in range(1000):
            c.put(b, f"m{i}", {"Id": f"m{i}"})
        self.assert_error(c.put_fn, "TooManyConfigurations", 400, Bucket=b, Id="extra",
                          MetricsConfiguration={"Id": "extra"})
        c.put(b, "m7", {"Id": "m7", "Filter": {"Prefix": "p/"}})  # replacing one is allowed
        self.calls("Analytics").put(b, "a")  # the limit is per kind

    def test_deleted_bucket_takes_its_configurations_along(self):
        b = self.make_bucket("idc")
        for kind in KINDS:
            self.calls(kind).put(b, "keep")
        self.s3.delete_bucket(Bucket=b)
        self.s3.create_bucket(Bucket=b)
        for kind in KINDS:
            with self.subTest(kind=kind):
                c = self.calls(kind)
                self.assertNotIn(f"{kind}ConfigurationList", c.list(b))
                self.assert_error(c.get_fn, "NoSuchConfiguration", 404, Bucket=b, Id="keep")


class BucketIdConfigsRestartTest(unittest.TestCase):
    def test_configurations_survive_a_restart(self):
        server = SkyboxServer()
        try:
            s3 = server.client("s3", s3={"addressing_style": "path"})
            s3.create_bucket(Bucket="durable")
            for kind in KINDS:
                KindCalls(s3, kind).put("durable", "kept")
            self.assertEqual(server.stop(), 0)
            server.start()
            s3 = server.client("s3", s3={"addressing_style": "path"})
            for kind in KINDS:
                with self.subTest(kind=kind):
                    c = KindCalls(s3, kind)
                    self.assertEqual(c.get("durable", "kept"), sample(kind, "kept"))
                    self.assertEqual(c.list("durable")[f"{kind}ConfigurationList"], [sample(kind, "kept")])
        finally:
            server.close()


if __name__ == "__main__":
    unittest.main()
