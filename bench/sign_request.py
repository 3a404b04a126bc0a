#!/usr/bin/env python3
"""Signs one STS GetCallerIdentity request (SigV4, key test/test, us-east-1) with botocore and
writes it for replay: OUT_DIR/headers.txt ("Name: value" per line, usable as `curl -H @file`)
and OUT_DIR/body.txt. A SigV4 signature stays valid for 15 minutes, so sign right before a run.

Usage: bench/sign_request.py http://127.0.0.1:PORT/ OUT_DIR
"""
import os
import sys
from urllib.parse import urlsplit

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

BODY = "Action=GetCallerIdentity&Version=2011-06-15"


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    url, out_dir = sys.argv[1], sys.argv[2]
    request = AWSRequest(method="POST", url=url, data=BODY, headers={
        "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials("test", "test"), "sts", "us-east-1").add_auth(request)
    prepared = request.prepare()
    with open(os.path.join(out_dir, "headers.txt"), "w") as f:
        f.write(f"Host: {urlsplit(url).netloc}\n")  # signed; make curl and wrk send it verbatim
        for name, value in prepared.headers.items():
            if name.lower() != "content-length":  # curl and wrk compute it from the body
                f.write(f"{name}: {value}\n")
    with open(os.path.join(out_dir, "body.txt"), "w") as f:
        f.write(BODY)


if __name__ == "__main__":
    main()
