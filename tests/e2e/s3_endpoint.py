"""Where the S3 end-to-end tests send their requests, and the helpers they share.

With S3_TEST_ENDPOINT set (e.g. http://127.0.0.1:5000) the tests talk to that already running
server and start nothing, so the same tests can judge any S3 implementation against AWS's
documented behaviour; otherwise each test class starts its own Skybox (SkyboxServer).
Credentials come from S3_TEST_ACCESS_KEY / S3_TEST_SECRET_KEY (default test/test).

Bucket names get a random suffix so runs against a long-lived endpoint do not collide, and every
bucket a test class creates is emptied (versions, delete markers, multipart uploads) and deleted
when the class ends.
"""
import base64
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest
import urllib.parse
import uuid
import zlib

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.exceptions
import requests

from skybox_harness import SkyboxServer

ACCESS_KEY = os.environ.get("S3_TEST_ACCESS_KEY", "test")
SECRET_KEY = os.environ.get("S3_TEST_SECRET_KEY", "test")
REGION = "us-east-1"
MiB = 1024 * 1024


class S3Endpoint:
    """One S3 server for a test class: an external one from S3_TEST_ENDPOINT, or a fresh Skybox."""

    def __init__(self, env=None):
        external = os.environ.get("S3_TEST_ENDPOINT")
        self.server = None
        if external:
            self.url = external.rstrip("/")
        else:
            self.server = SkyboxServer(env=env)
            self.url = self.server.endpoint
        parsed = urllib.parse.urlsplit(self.url)
        self.host = parsed.hostname
        self.port = parsed.port or (443 if parsed.scheme == "https" else 80)
        self.netloc = parsed.netloc

    def close(self):
        if self.server is not None:
            self.server.close()

    def client(self, region=REGION, addressing_style="path", **config):
        s3_config = dict(config.pop("s3", {}), addressing_style=addressing_style)
        return boto3.client(
            "s3", endpoint_url=self.url, region_name=region,
            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY,
            config=botocore.config.Config(retries={"max_attempts": 1}, s3=s3_config, **config))

    def request(self, method, path, *, params=None, headers=None, body=b"", host=None,
                sign=True, region=REGION, payload_hash=None, timeout=60):
        """A raw HTTP request (requests) signed with SigV4 as an SDK would sign it.

        host overrides the Host header (virtual-host addressing while still connecting to the
        endpoint's address); payload_hash replaces the body hash in x-amz-content-sha256 and the
        canonical request (UNSIGNED-PAYLOAD, STREAMING-UNSIGNED-PAYLOAD-TRAILER, ...).
        """
        query = urllib.parse.urlencode(params or {}, quote_via=urllib.parse.quote)
        url = self.url + path + ("?" + query if query else "")
        headers = dict(headers or {})
        if host is not None:
            headers["Host"] = host
        if sign:
            headers = sign_headers(method, url, headers, body, region, payload_hash)
        return requests.request(method, url, headers=headers, data=body, timeout=timeout,
                                allow_redirects=False)

    def aws(self, *args, env=None, timeout=120):
        """The AWS CLI pointed at the endpoint; returns CompletedProcess (text)."""
        e = dict(os.environ, AWS_ACCESS_KEY_ID=ACCESS_KEY, AWS_SECRET_ACCESS_KEY=SECRET_KEY,
                 AWS_DEFAULT_REGION=REGION, AWS_PAGER="", AWS_MAX_ATTEMPTS="1")
        for name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN"):
            e.pop(name, None)
        e.update(env or {})
        return subprocess.run([shutil.which("aws") or "aws", "--endpoint-url", self.url, *args],
                              capture_output=True, text=True, timeout=timeout, env=e,
                              stdin=subprocess.DEVNULL)


class _PayloadHashSigV4(botocore.auth.SigV4Auth):
    """SigV4 with the payload hash given by the caller (S3's special x-amz-content-sha256 values)."""

    def __init__(self, credentials, region, payload_hash):
        super().__init__(credentials, "s3", region)
        self._payload_hash = payload_hash

    def payload(self, request):
        return self._payload_hash

    def _modify_request_before_signing(self, request):
        super()._modify_request_before_signing(request)
        request.headers["X-Amz-Content-SHA256"] = self._payload_hash


def sign_headers(method, url, headers, body=b"", region=REGION, payload_hash=None):
    """Returns headers with SigV4 Authorization, X-Amz-Date and X-Amz-Content-SHA256 added."""
    if payload_hash is None:
        payload_hash = hashlib.sha256(body if isinstance(body, bytes) else body.encode()).hexdigest()
    req = botocore.awsrequest.AWSRequest(method=method, url=url, headers=headers, data=body)
    creds = botocore.credentials.Credentials(ACCESS_KEY, SECRET_KEY)
    _PayloadHashSigV4(creds, region, payload_hash).add_auth(req)
    return dict(req.headers.items())


def aws_chunked(payload, chunk_size, trailers):
    """An aws-chunked body with unsigned chunks and the given trailer headers."""
    out = b""
    for i in range(0, len(payload), chunk_size):
        piece = payload[i:i + chunk_size]
        out += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    out += b"0\r\n" + b"".join(f"{k}:{v}\r\n".encode() for k, v in trailers) + b"\r\n"
    return out


def write_file(directory, rel, data):
    """Writes `data` to directory/rel (making parent folders) and returns the path."""
    path = os.path.join(directory, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    return path


def unique_name(prefix):
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def empty_and_delete_bucket(s3, bucket):
    """Deletes every version, delete marker and multipart upload, then the bucket."""
    try:
        for page in s3.get_paginator("list_multipart_uploads").paginate(Bucket=bucket):
            for u in page.get("Uploads", []):
                s3.abort_multipart_upload(Bucket=bucket, Key=u["Key"], UploadId=u["UploadId"])
        for _ in range(100):  # re-read the first page each round: deleting while paging confuses some servers
            page = s3.list_object_versions(Bucket=bucket)
            victims = [{"Key": v["Key"], "VersionId": v["VersionId"]}
                       for v in page.get("Versions", []) + page.get("DeleteMarkers", [])]
            if not victims:
                break
            for i in range(0, len(victims), 1000):  # DeleteObjects takes at most 1,000 keys
                s3.delete_objects(Bucket=bucket, Delete={"Objects": victims[i:i + 1000], "Quiet": True},
                                  BypassGovernanceRetention=True)
        s3.delete_bucket(Bucket=bucket)
    except botocore.exceptions.ClientError as e:
        if e.response["Error"]["Code"] != "NoSuchBucket":
            raise


class S3TestCase(unittest.TestCase):
    """Base class: an endpoint and a path-style boto3 client per class; buckets cleaned up."""

    @classmethod
    def setUpClass(cls):
        cls.endpoint = S3Endpoint()
        cls.s3 = cls.endpoint.client()
        cls._buckets = []

    @classmethod
    def tearDownClass(cls):
        try:
            for bucket in cls._buckets:
                try:
                    empty_and_delete_bucket(cls.s3, bucket)
                except Exception:  # noqa: BLE001 - cleanup must not hide the test result
                    pass
        finally:
            cls.endpoint.close()

    @classmethod
    def make_bucket(cls, prefix="t", versioned=False, public=False, **kwargs):
        """A new bucket; public=True deletes its Block Public Access (on for new buckets, as in S3
        since April 2023), so public policies and ACLs can be set on it."""
        name = unique_name(prefix)
        cls.s3.create_bucket(Bucket=name, **kwargs)
        cls._buckets.append(name)
        if versioned:
            cls.s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
        if public:
            cls.s3.delete_public_access_block(Bucket=name)
        return name

    @classmethod
    def track_bucket(cls, name):
        cls._buckets.append(name)
        return name

    def client_error(self, fn, **kwargs):
        """Calls fn expecting a ClientError; returns (Error dict, HTTP status, response headers)."""
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            fn(**kwargs)
        r = ctx.exception.response
        return r["Error"], r["ResponseMetadata"]["HTTPStatusCode"], r["ResponseMetadata"]["HTTPHeaders"]

    def assert_error(self, fn, code, status, message=None, **kwargs):
        err, got_status, _ = self.client_error(fn, **kwargs)
        self.assertEqual((err.get("Code"), got_status), (code, status), err)
        if message is not None:
            self.assertEqual(err.get("Message"), message)
        return err


class ToolTestCase(S3TestCase):
    """Base class for tests that drive a command-line S3 client from Debian (`tool`, the name of
    both the executable and its package, which scripts/setup.sh installs): a missing tool fails
    the test rather than skipping it. Each test gets a scratch directory, `self.dir`, removed
    after its tearDown."""

    tool = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.binary = shutil.which(cls.tool)

    def setUp(self):
        if self.binary is None:
            self.fail(f"{self.tool} is not installed (apt-get install -y {self.tool})")
        self.tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self.tmp.cleanup)
        self.dir = self.tmp.name

    def write(self, rel, data):
        """Writes `data` to self.dir/rel and returns the path."""
        return write_file(self.dir, rel, data)


# Independent checksum implementations (no dependency on awscrt, which botocore needs for
# CRC32C/CRC64NVME): values are the base64 of the big-endian digest, as S3 reports them.

def _reflected_table(poly, width):
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ poly if c & 1 else c >> 1
        table.append(c & ((1 << width) - 1))
    return table


_CRC32C_TABLE = _reflected_table(0x82F63B78, 32)
_CRC64NVME_TABLE = _reflected_table(0x9A6C9329AC4BC9B5, 64)


def crc32c_int(data, crc=0):
    c = crc ^ 0xFFFFFFFF
    for b in data:
        c = _CRC32C_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def crc64nvme_int(data, crc=0):
    mask = 0xFFFFFFFFFFFFFFFF
    c = crc ^ mask
    for b in data:
        c = _CRC64NVME_TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ mask


def b64(raw):
    return base64.b64encode(raw).decode()


def xxhash_module():
    """The xxhash module: Debian's python3-xxhash (scripts/setup.sh installs it), whose
    dist-packages are appended to the path, never prepended (they hold an older boto3)."""
    try:
        import xxhash  # noqa: PLC0415
    except ImportError:
        import sys  # noqa: PLC0415
        if "/usr/lib/python3/dist-packages" not in sys.path:
            sys.path.append("/usr/lib/python3/dist-packages")
        import xxhash  # noqa: PLC0415
    return xxhash


def checksum(algorithm, data):
    """S3's checksum value (base64) of data for any of S3's checksum algorithms."""
    algorithm = algorithm.upper()
    if algorithm == "CRC32":
        return b64((zlib.crc32(data) & 0xFFFFFFFF).to_bytes(4, "big"))
    if algorithm == "CRC32C":
        return b64(crc32c_int(data).to_bytes(4, "big"))
    if algorithm == "CRC64NVME":
        return b64(crc64nvme_int(data).to_bytes(8, "big"))
    if algorithm == "SHA1":
        return b64(hashlib.sha1(data).digest())
    if algorithm == "SHA256":
        return b64(hashlib.sha256(data).digest())
    if algorithm == "SHA512":
        return b64(hashlib.sha512(data).digest())
    if algorithm == "MD5":
        return b64(hashlib.md5(data).digest())
    if algorithm.startswith("XXHASH"):
        xxhash = xxhash_module()
        digest = {"XXHASH64": xxhash.xxh64, "XXHASH3": xxhash.xxh3_64, "XXHASH128": xxhash.xxh3_128}[algorithm]
        return b64(digest(data).digest())  # the canonical (big-endian) bytes
    raise ValueError(algorithm)


def md5_hex(data):
    return hashlib.md5(data).hexdigest()


def md5_b64(data):
    return b64(hashlib.md5(data).digest())


def multipart_etag(parts):
    """The ETag S3 gives a completed multipart upload: md5 of the parts' binary md5s, '-N'."""
    joined = b"".join(hashlib.md5(p).digest() for p in parts)
    return f'"{hashlib.md5(joined).hexdigest()}-{len(parts)}"'


assert crc32c_int(b"123456789") == 0xE3069283
assert crc64nvme_int(b"123456789") == 0xAE8B14860A799888
