#!/usr/bin/env python3
"""A small SigV4 signer for the S3 benchmarks (key test/test, us-east-1, path-style URLs):
header-signed requests with an UNSIGNED-PAYLOAD body, and presigned URLs. Hand-written so that a
load generator can sign tens of thousands of requests per second without botocore.

As a command it prints the path and query of presigned URLs, one a line, for curl and wrk:
  s3_sigv4.py ENDPOINT METHOD PATH [--count N] [--expires SECONDS]
    ENDPOINT is http://host:port (its host:port is what gets signed); PATH is /bucket or
    /bucket/key; with --count N, N URLs for PATH0 .. PATH<N-1>.
"""
import argparse
import datetime
import hashlib
import hmac
import sys
import urllib.parse

ACCESS_KEY = "test"
SECRET_KEY = "test"
REGION = "us-east-1"
UNSIGNED = "UNSIGNED-PAYLOAD"


def quote(text, safe=""):
    return urllib.parse.quote(text, safe="-_.~" + safe)


class Signer:
    def __init__(self, access_key=ACCESS_KEY, secret_key=SECRET_KEY, region=REGION):
        self.access_key, self.secret_key, self.region = access_key, secret_key, region
        self._key_day, self._key = None, None

    def _signing_key(self, day):
        if day != self._key_day:
            key = ("AWS4" + self.secret_key).encode()
            for part in (day, self.region, "s3", "aws4_request"):
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            self._key_day, self._key = day, key
        return self._key

    def _signature(self, method, path, query, headers, amz_date):
        day = amz_date[:8]
        canonical_query = "&".join(f"{quote(k)}={quote(v)}" for k, v in sorted(query.items()))
        names = sorted(headers)
        canonical = "\n".join([method, quote(path, "/"), canonical_query,
                               *(f"{n}:{headers[n]}" for n in names), "", ";".join(names), UNSIGNED])
        scope = f"{day}/{self.region}/s3/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope,
                             hashlib.sha256(canonical.encode()).hexdigest()])
        return scope, hmac.new(self._signing_key(day), to_sign.encode(), hashlib.sha256).hexdigest()

    def headers(self, method, host, path, query=None):
        """Headers for a header-signed request; the body is not part of the signature."""
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        headers = {"host": host, "x-amz-content-sha256": UNSIGNED, "x-amz-date": amz_date}
        scope, signature = self._signature(method, path, query or {}, headers, amz_date)
        headers["authorization"] = (f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
                                    f"SignedHeaders={';'.join(sorted(headers))}, Signature={signature}")
        return headers

    def presign(self, method, host, path, expires=3600):
        """The path and query of a presigned URL (only Host is signed)."""
        amz_date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        query = {"X-Amz-Algorithm": "AWS4-HMAC-SHA256",
                 "X-Amz-Credential": f"{self.access_key}/{amz_date[:8]}/{self.region}/s3/aws4_request",
                 "X-Amz-Date": amz_date, "X-Amz-Expires": str(expires), "X-Amz-SignedHeaders": "host"}
        _, signature = self._signature(method, path, query, {"host": host}, amz_date)
        query["X-Amz-Signature"] = signature
        return quote(path, "/") + "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in query.items())


def main():
    parser = argparse.ArgumentParser(description="Prints presigned S3 URL paths, one a line.")
    parser.add_argument("endpoint")
    parser.add_argument("method")
    parser.add_argument("path")
    parser.add_argument("--count", type=int)
    parser.add_argument("--expires", type=int, default=3600)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.endpoint).netloc
    signer = Signer()
    paths = [args.path] if args.count is None else (f"{args.path}{i}" for i in range(args.count))
    sys.stdout.writelines(signer.presign(args.method, host, p, args.expires) + "\n" for p in paths)


if __name__ == "__main__":
    main()
