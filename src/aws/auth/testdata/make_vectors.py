#!/usr/bin/env python3
"""Writes sigv4_vectors.json: requests signed by botocore (the reference SigV4 implementation
that boto3 and the AWS CLI use) at a fixed clock, for aws_auth_test to check that Skybox's
signer produces the same Authorization header / presigned URL and that its verifier accepts
them.

Run from anywhere:  python3 src/aws/auth/testdata/make_vectors.py
"""
import base64
import datetime
import json
import os
from unittest import mock
from urllib.parse import quote, urlsplit

import botocore
from botocore.auth import S3SigV4Auth, S3SigV4QueryAuth, SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

ACCESS_KEY = "AKIDSKYBOXVECTORS01"
SECRET_KEY = "skybox/Vector+Secret/Key0123456789abcdefgh"
SIGNING_TIME = datetime.datetime(2025, 1, 1, 12, 30, 45)
ENDPOINT = "http://127.0.0.1:4566"
HOST = "127.0.0.1:4566"


def s3_path(bucket, key):
    # botocore's rest serializers percent-encode keys with '/' and '~' left alone.
    return "/" + bucket + "/" + quote(key.encode("utf-8"), safe="/~")


def sign(name, signer_class, service, method, path, headers, body=b"", token=None,
         expires=None, region="us-east-1"):
    credentials = Credentials(ACCESS_KEY, SECRET_KEY, token)
    headers = dict(headers)
    headers.setdefault("Host", HOST)
    request = AWSRequest(method=method, url=ENDPOINT + path, data=body, headers=headers)
    if expires is None:
        signer = signer_class(credentials, service, region)
    else:
        signer = signer_class(credentials, service, region, expires=expires)
    with mock.patch("botocore.auth.get_current_datetime", return_value=SIGNING_TIME):
        signer.add_auth(request)
    url = urlsplit(request.url)
    target = url.path + ("?" + url.query if url.query else "")
    return {
        "name": name,
        "service": service,
        "region": region,
        "session_token": token or "",
        "presigned": expires is not None,
        "expires": expires or 0,
        "method": method,
        "target": target,
        "unsigned_target": path,
        "headers": [[k.lower(), v] for k, v in request.headers.items()],
        "body_base64": base64.b64encode(body).decode("ascii"),
    }


def main():
    json_headers = lambda target, version: {  # noqa: E731
        "Content-Type": "application/x-amz-json-" + version,
        "X-Amz-Target": target,
    }
    odd_key = "photos/2025 01/naïve café+tax=€~1.txt"
    vectors = [
        sign("sts_post_form", SigV4Auth, "sts", "POST", "/",
             {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
             b"Action=GetCallerIdentity&Version=2011-06-15"),
        sign("sqs_json_with_session_token", SigV4Auth, "sqs", "POST", "/",
             json_headers("AmazonSQS.SendMessage", "1.0"),
             b'{"QueueUrl": "http://127.0.0.1:4566/000000000000/q", "MessageBody": "h\\u00e9llo"}',
             token="FwoGZXIvYXdzEXAMPLE/session+token=="),
        sign("dynamodb_json_put_item", SigV4Auth, "dynamodb", "POST", "/",
             json_headers("DynamoDB_20120810.PutItem", "1.0"),
             b'{"TableName": "t", "Item": {"pk": {"S": "a  b"}}}', region="eu-west-1"),
        sign("lambda_rest_json_path_reencoded", SigV4Auth, "lambda", "GET",
             "/2015-03-31/functions/" + quote("my:func", safe="") + "/configuration?Qualifier=%24LATEST",
             {}),
        sign("s3_get_odd_key", S3SigV4Auth, "s3", "GET",
             s3_path("bucket", odd_key) + "?versionId=v%2B1&response-content-type=text%2Fplain",
             {"Range": "bytes=0-9"}),
        sign("s3_put_odd_key", S3SigV4Auth, "s3", "PUT", s3_path("bucket", "a b/c+d=e~f.bin"),
             {"Content-Type": "application/octet-stream", "X-Amz-Meta-Note": "  spaced   out  value ",
              "Content-MD5": "kAFQmDzST7DWlj99KOF/cg=="},
             b"hello, skybox"),
        sign("s3_put_unsigned_payload", S3SigV4Auth, "s3", "PUT", s3_path("bucket", "big.bin"),
             {"X-Amz-Content-SHA256": "UNSIGNED-PAYLOAD"}, b"not hashed"),
        sign("s3_list_objects_query", S3SigV4Auth, "s3", "GET",
             "/bucket?list-type=2&prefix=a%2Fb%20c&delimiter=%2F&encoding-type=url", {}),
        sign("s3_presigned_get", S3SigV4QueryAuth, "s3", "GET", s3_path("bucket", odd_key), {},
             expires=3600),
        sign("s3_presigned_put_with_token", S3SigV4QueryAuth, "s3", "PUT",
             s3_path("bucket", "up load.txt"), {}, token="session/token+value=", expires=600),
        sign("sts_presigned_get", SigV4QueryAuth, "sts", "GET",
             "/?Action=GetCallerIdentity&Version=2011-06-15", {}, expires=60),
    ]
    out = {
        "generator": "botocore " + botocore.__version__,
        "access_key_id": ACCESS_KEY,
        "secret_access_key": SECRET_KEY,
        "amz_date": SIGNING_TIME.strftime("%Y%m%dT%H%M%SZ"),
        "vectors": vectors,
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sigv4_vectors.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
