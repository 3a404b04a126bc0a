"""DeleteBucket racing writes into the bucket, through boto3: PutObject, CreateMultipartUpload and
PutBucketTagging sent at the same moment as DeleteBucket of a bucket that is empty when they
start. Either the delete wins (every racing PutObject answers NoSuchBucket) or an object does
(the delete answers BucketNotEmpty, and every acknowledged object is listed); never both, for an
acknowledged object must not sit in a deleted bucket, to reappear when the name is created
again. An upload or a tagging may come before a delete that wins (the delete removes them, as
S3 does); what must hold is that a bucket created again under the name has no object, upload or
tagging of the racing writes."""
import threading
import unittest

import botocore.exceptions

from s3_endpoint import S3TestCase, empty_and_delete_bucket, unique_name

ROUNDS = 40
PUTS = 6


def outcome(fn, **kwargs):
    try:
        fn(**kwargs)
        return "ok"
    except botocore.exceptions.ClientError as e:
        return e.response["Error"]["Code"]
    except botocore.exceptions.BotoCoreError as e:  # a timeout or a dropped connection
        return f"{type(e).__name__}: {e}"


class BucketDeleteRaceTest(S3TestCase):
    def race(self, bucket, clients):
        """One round: the writes and the delete released together; returns their outcomes."""
        start = threading.Barrier(len(clients))
        results = {}

        def run(name, fn, **kwargs):
            start.wait()
            results[name] = outcome(fn, **kwargs)

        calls = [("delete", clients[0].delete_bucket, {"Bucket": bucket}),
                 ("upload", clients[1].create_multipart_upload, {"Bucket": bucket, "Key": "mp"}),
                 ("tagging", clients[2].put_bucket_tagging,
                  {"Bucket": bucket, "Tagging": {"TagSet": [{"Key": "k", "Value": "v"}]}})]
        calls += [(f"put{i}", clients[3 + i].put_object, {"Bucket": bucket, "Key": f"k{i}", "Body": b"racing"})
                  for i in range(PUTS)]
        threads = [threading.Thread(target=run, args=(name, fn), kwargs=kwargs, daemon=True)
                   for name, fn, kwargs in calls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
            self.assertFalse(t.is_alive(), "a racing request did not finish in 60 s")
        return results

    def test_delete_and_writes_never_both_succeed(self):
        clients = [self.endpoint.client() for _ in range(3 + PUTS)]
        deleted_rounds = written_rounds = 0
        for round_number in range(ROUNDS):
            bucket = unique_name("race")
            self.s3.create_bucket(Bucket=bucket)
            results = self.race(bucket, clients)
            writes = {name: r for name, r in results.items() if name != "delete"}
            if results["delete"] == "ok":
                deleted_rounds += 1
                puts = {writes[f"put{i}"] for i in range(PUTS)}
                self.assertEqual(puts, {"NoSuchBucket"}, (round_number, results))
                self.assertLessEqual({writes["upload"], writes["tagging"]}, {"ok", "NoSuchBucket"}, results)
                self.assert_error(self.s3.head_bucket, "404", 404, Bucket=bucket)
                # The name again: nothing of the racing writes is left in the new bucket.
                self.s3.create_bucket(Bucket=bucket)
                self.assertEqual(self.s3.list_object_versions(Bucket=bucket).get("Versions", []), [])
                self.assertEqual(self.s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []), [])
                self.assert_error(self.s3.get_bucket_tagging, "NoSuchTagSet", 404, Bucket=bucket)
                self.s3.delete_bucket(Bucket=bucket)
            else:
                written_rounds += 1
                # The bucket was never deleted: every write succeeded and is there.
                self.assertEqual(results["delete"], "BucketNotEmpty", (round_number, results))
                self.assertEqual(set(writes.values()), {"ok"}, (round_number, results))
                listed = {o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket).get("Contents", [])}
                self.assertEqual(listed, {f"k{i}" for i in range(PUTS)}, results)
                uploads = self.s3.list_multipart_uploads(Bucket=bucket).get("Uploads", [])
                self.assertEqual([u["Key"] for u in uploads], ["mp"], results)
                self.assertEqual(self.s3.get_bucket_tagging(Bucket=bucket)["TagSet"], [{"Key": "k", "Value": "v"}])
                empty_and_delete_bucket(self.s3, bucket)
        # Both sides won some rounds, or the race was not exercised.
        print(f"delete won {deleted_rounds} rounds, a write won {written_rounds}")
        self.assertGreater(deleted_rounds, 0)
        self.assertGreater(written_rounds, 0)


if __name__ == "__main__":
    unittest.main()
