#!/usr/bin/env python3
"""Golden transcripts for Skybox's protocol codecs, produced and checked by botocore itself.

  botocore_transcripts.py generate [out.json]
      Sends each request case through a real botocore client (signing and all), captures the
      HTTP request it would put on the wire and writes it with the input the codec must decode
      from it. Output cases carry documents the codec must encode.
  botocore_transcripts.py check <responses.json>
      Reads the responses Skybox encoded for the output cases and parses each with botocore's
      own response parser; exits non-zero unless every one parses back to the expected dict.

Documents use JSON with tagged values: {"$bytes": "<base64>"} for blobs and
{"$timestamp": <epoch seconds>} for timestamps.
"""
import base64
import datetime
import io
import json
import os
import sys

import botocore.awsrequest
import botocore.config
import botocore.parsers
import botocore.response
import botocore.session

ENDPOINT = "http://127.0.0.1:4566"
HERE = os.path.dirname(os.path.abspath(__file__))
EPOCH = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)

REQUESTS = [
    ("sts", "GetCallerIdentity", {}),
    ("sts", "AssumeRole", {"RoleArn": "arn:aws:iam::000000000000:role/r", "RoleSessionName": "s1",
                           "DurationSeconds": 900, "Tags": [{"Key": "team", "Value": "a b&c"}],
                           "PolicyArns": [{"arn": "arn:aws:iam::aws:policy/ReadOnly"}]}),
    ("sqs", "SendMessage", {"QueueUrl": "http://127.0.0.1:4566/000000000000/q", "MessageBody": "héllo",
                            "DelaySeconds": 5,
                            "MessageAttributes": {
                                "s": {"DataType": "String", "StringValue": "x"},
                                "b": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xff"}}}),
    ("sqs", "SendMessageBatch", {"QueueUrl": "http://127.0.0.1:4566/000000000000/q",
                                 "Entries": [{"Id": "1", "MessageBody": "a"},
                                             {"Id": "2", "MessageBody": "b", "DelaySeconds": 1}]}),
    ("sns", "Publish", {"TopicArn": "arn:aws:sns:us-east-1:000000000000:t", "Message": "m",
                        "MessageAttributes": {
                            "k1": {"DataType": "String", "StringValue": "v1"},
                            "k2": {"DataType": "Binary", "BinaryValue": b"\x01\x02"}}}),
    ("dynamodb", "PutItem", {"TableName": "t", "Item": {
        "pk": {"S": "a"}, "n": {"N": "1.5"}, "b": {"B": b"xyz"},
        "l": {"L": [{"BOOL": True}, {"NULL": True}]}, "m": {"M": {"x": {"SS": ["p", "q"]}}}},
        "ConditionExpression": "attribute_not_exists(pk)"}),
    ("dynamodb", "Query", {"TableName": "t", "KeyConditionExpression": "pk = :v",
                           "ExpressionAttributeValues": {":v": {"S": "a"}}, "Limit": 10,
                           "ScanIndexForward": False}),
    ("s3", "PutObject", {"Bucket": "bkt", "Key": "dir/a b+c.txt", "Body": b"hello world",
                         "Metadata": {"color": "blue"}, "ContentType": "text/plain"}),
    ("s3", "ListObjectsV2", {"Bucket": "bkt", "Prefix": "dir/", "MaxKeys": 5}),
    ("s3", "CompleteMultipartUpload", {"Bucket": "bkt", "Key": "big", "UploadId": "u1",
                                       "MultipartUpload": {"Parts": [{"ETag": "\"e1\"", "PartNumber": 1},
                                                                     {"ETag": "\"e2\"", "PartNumber": 2}]}}),
    ("s3", "CopyObject", {"Bucket": "bkt", "Key": "copy", "CopySource": "src/key"}),
    ("s3", "DeleteObjects", {"Bucket": "bkt", "Delete": {"Objects": [{"Key": "a"}, {"Key": "b"}],
                                                           "Quiet": True}}),
    ("lambda", "Invoke", {"FunctionName": "fn", "Payload": b'{"a": 1}', "InvocationType": "Event"}),
    ("lambda", "CreateFunction", {"FunctionName": "fn", "Runtime": "python3.12",
                                  "Role": "arn:aws:iam::000000000000:role/r", "Handler": "h.main",
                                  "Code": {"ZipFile": b"PK\x03\x04"}, "Timeout": 30,
                                  "Environment": {"Variables": {"A": "1"}}}),
    ("apigatewayv2", "CreateApi", {"Name": "api", "ProtocolType": "HTTP"}),
]

OUTPUTS = [
    ("sts", "GetCallerIdentity", {"UserId": "AKIAEXAMPLE", "Account": "000000000000",
                                  "Arn": "arn:aws:iam::000000000000:root"}),
    ("sts", "AssumeRole", {"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s",
                                           "SessionToken": "t", "Expiration": EPOCH},
                           "AssumedRoleUser": {"AssumedRoleId": "AROA1:s1",
                                               "Arn": "arn:aws:sts::000000000000:assumed-role/r/s1"},
                           "PackedPolicySize": 6}),
    ("sqs", "SendMessage", {"MessageId": "m-1", "MD5OfMessageBody": "abc"}),
    ("sqs", "SendMessageBatch", {"Successful": [{"Id": "1", "MessageId": "m1", "MD5OfMessageBody": "x"}],
                                 "Failed": [{"Id": "2", "SenderFault": True, "Code": "c", "Message": "m"}]}),
    ("sns", "Publish", {"MessageId": "sns-1"}),
    ("iam", "ListUsers", {"Users": [{"Path": "/", "UserName": "u", "UserId": "AIDA1",
                                     "Arn": "arn:aws:iam::000000000000:user/u", "CreateDate": EPOCH,
                                     "Tags": [{"Key": "k", "Value": "v"}]}],
                          "IsTruncated": False}),
    ("dynamodb", "Query", {"Items": [{"pk": {"S": "a"}, "b": {"B": b"\x00\x01"}, "n": {"N": "2"}}],
                           "Count": 1, "ScannedCount": 1}),
    ("dynamodb", "DescribeTable", {"Table": {"TableName": "t", "TableStatus": "ACTIVE",
                                             "CreationDateTime": EPOCH, "ItemCount": 3}}),
    ("s3", "ListObjectsV2", {"Name": "bkt", "Prefix": "dir/", "KeyCount": 2, "MaxKeys": 1000,
                             "IsTruncated": False,
                             "Contents": [{"Key": "dir/a", "LastModified": EPOCH, "ETag": "\"e\"",
                                           "Size": 3, "StorageClass": "STANDARD"},
                                          {"Key": "dir/b & c", "LastModified": EPOCH, "ETag": "\"f\"",
                                           "Size": 4, "StorageClass": "STANDARD"}],
                             "CommonPrefixes": [{"Prefix": "dir/sub/"}]}),
    ("s3", "CompleteMultipartUpload", {"Location": "http://x/bkt/big", "Bucket": "bkt", "Key": "big",
                                       "ETag": "\"e-2\""}),
    ("s3", "HeadObject", {"ContentLength": 11, "ContentType": "text/plain", "ETag": "\"e\"",
                          "LastModified": EPOCH, "Metadata": {"color": "blue"}}),
    ("s3", "GetObject", {"Body": b"hello world", "ContentLength": 11, "ETag": "\"e\"", "Metadata": {}}),
    ("s3", "GetBucketAcl", {"Owner": {"ID": "o"}, "Grants": [
        {"Grantee": {"ID": "o", "Type": "CanonicalUser"}, "Permission": "FULL_CONTROL"}]}),
    ("lambda", "Invoke", {"StatusCode": 200, "Payload": b'{"ok": true}', "ExecutedVersion": "$LATEST"}),
    ("lambda", "CreateFunction", {"FunctionName": "fn", "Runtime": "python3.12", "Timeout": 30,
                                  "LastModified": "2024-05-06T07:08:09.000+0000"}),
    ("apigatewayv2", "CreateApi", {"ApiId": "a1", "Name": "api", "ProtocolType": "HTTP",
                                   "CreatedDate": EPOCH}),
]


def tag(value):
    """Python value -> tagged JSON."""
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, datetime.datetime):
        return {"$timestamp": value.timestamp()}
    if isinstance(value, dict):
        return {k: tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag(v) for v in value]
    return value


def untag(value):
    if isinstance(value, dict):
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        if set(value) == {"$timestamp"}:
            return datetime.datetime.fromtimestamp(value["$timestamp"], datetime.timezone.utc)
        return {k: untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [untag(v) for v in value]
    return value


class Captured(Exception):
    pass


def make_client(session, service):
    config = botocore.config.Config(retries={"total_max_attempts": 1},
                                    s3={"addressing_style": "path"},
                                    request_checksum_calculation="when_required",
                                    response_checksum_validation="when_required")
    return session.create_client(service, region_name="us-east-1", endpoint_url=ENDPOINT,
                                 aws_access_key_id="test", aws_secret_access_key="test",
                                 config=config)


def generate(out_path):
    session = botocore.session.get_session()
    requests = []
    for service, operation, params in REQUESTS:
        client = make_client(session, service)
        seen = []

        def capture(request, **_):
            seen.append(request)
            raise Captured()

        client.meta.events.register("before-send", capture)
        try:
            getattr(client, botocore.xform_name(operation))(**params)
        except Captured:
            pass
        req = seen[0]
        url = req.url[len(ENDPOINT):] or "/"
        body = req.body or b""
        if isinstance(body, str):
            body = body.encode()
        elif hasattr(body, "read"):
            body = body.read()
        requests.append({
            "service": service, "operation": operation, "method": req.method, "target": url,
            "headers": [[k, v.decode() if isinstance(v, bytes) else v] for k, v in req.headers.items()],
            "body": base64.b64encode(body).decode(), "expected_input": tag(params)})
    outputs = [{"service": s, "operation": o, "output": tag(d)} for s, o, d in OUTPUTS]
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"botocore": botocore.__version__, "requests": requests, "outputs": outputs},
                  f, indent=1, sort_keys=True, ensure_ascii=False)
        f.write("\n")


def normalize(value):
    """Parsed botocore value -> comparable plain value."""
    if hasattr(value, "read"):
        return value.read()
    if isinstance(value, datetime.datetime):
        return round(value.timestamp(), 3)
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items() if k != "ResponseMetadata"}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value


def check(responses_path):
    session = botocore.session.get_session()
    with open(responses_path, encoding="utf-8") as f:
        responses = json.load(f)
    failures = 0
    for case, resp in zip(OUTPUTS, responses):
        service, operation, expected = case
        model = session.get_service_model(service)
        op = model.operation_model(operation)
        parser = botocore.parsers.create_parser(model.metadata["protocol"])
        body = base64.b64decode(resp["body"])
        headers = botocore.awsrequest.HeadersDict(dict(resp["headers"]))
        http = {"status_code": resp["status"], "headers": headers, "body": body}
        if op.has_streaming_output:
            http["body"] = botocore.response.StreamingBody(io.BytesIO(body), len(body))
        parsed = normalize(parser.parse(http, op.output_shape))
        want = normalize(untag(tag(expected)))
        if parsed != want:
            failures += 1
            print(f"MISMATCH {service}.{operation}\n  skybox body: {body[:400]!r}\n"
                  f"  parsed: {parsed}\n  wanted: {want}")
    print(f"{len(OUTPUTS) - failures} passed, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "generate":
        generate(sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "transcripts.json"))
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    else:
        sys.exit(__doc__)
