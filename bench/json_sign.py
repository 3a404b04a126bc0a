#!/usr/bin/env python3
"""Signs one JSON-protocol request (POST /, SigV4 with key test/test in us-east-1) with botocore
for replay by bench/replay.lua or curl: writes OUT_DIR/headers.txt (one "Name: value" a line,
Host included because it is signed; no Content-Length, which wrk and curl derive from the body)
and OUT_DIR/body.txt (the body read from stdin, byte for byte). The signature is valid for 15
minutes, so sign right before the run that replays it.

Usage: bench/json_sign.py URL OUT_DIR SERVICE TARGET CONTENT_TYPE < BODY
  e.g. bench/json_sign.py http://127.0.0.1:4566/ /tmp/req sqs AmazonSQS.SendMessage \\
         application/x-amz-json-1.0 < send.json
"""
import os
import sys
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def signed_header_lines(url, service, target, content_type, body):
    request = AWSRequest(method="POST", url=url, data=body,
                         headers={"Content-Type": content_type, "X-Amz-Target": target})
    SigV4Auth(Credentials("test", "test"), service, "us-east-1").add_auth(request)
    headers = request.prepare().headers
    return [f"Host: {urlsplit(url).netloc}"] + [
        f"{name}: {value}" for name, value in headers.items() if name.lower() != "content-length"]


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    url, out_dir, service, target, content_type = sys.argv[1:]
    body = sys.stdin.buffer.read()
    lines = signed_header_lines(url, service, target, content_type, body)
    with open(os.path.join(out_dir, "headers.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out_dir, "body.txt"), "wb") as f:
        f.write(body)


if __name__ == "__main__":
    main()
