#!/usr/bin/env python3
"""Signs one DynamoDB JSON request (SigV4, key test/test, us-east-1) with botocore and writes it
for replay by bench/replay.lua: OUT_DIR/headers.txt and OUT_DIR/body.txt.

Usage: bench/dynamodb_sign.py http://127.0.0.1:PORT/ OUT_DIR OPERATION JSON_BODY
"""
import os
import sys
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    url, out_dir, operation, body = sys.argv[1:]
    request = AWSRequest(method="POST", url=url, data=body, headers={
        "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"DynamoDB_20120810.{operation}"})
    SigV4Auth(Credentials("test", "test"), "dynamodb", "us-east-1").add_auth(request)
    prepared = request.prepare()
    with open(os.path.join(out_dir, "headers.txt"), "w") as f:
        f.write(f"Host: {urlsplit(url).netloc}\n")
        for name, value in prepared.headers.items():
            if name.lower() != "content-length":
                f.write(f"{name}: {value}\n")
    with open(os.path.join(out_dir, "body.txt"), "w") as f:
        f.write(body)


if __name__ == "__main__":
    main()
