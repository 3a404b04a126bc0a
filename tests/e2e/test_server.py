"""The binary as a user meets it: the CLI, health and metrics, shutdown, bad input."""
import os
import random
import socket
import stat
import tempfile
import threading
import time
import unittest

import botocore.exceptions
import requests

from skybox_harness import SkyboxServer, run_cli


class CliTest(unittest.TestCase):
    def test_version(self):
        r = run_cli("version")
        self.assertEqual(r.returncode, 0)
        self.assertRegex(r.stdout, r"^skybox \d+\.\d+\.\d+\n$")

    def test_bad_flag_exits_non_zero_with_usage(self):
        r = run_cli("serve", "--no-such-flag")
        self.assertEqual(r.returncode, 2)
        self.assertIn("unknown flag '--no-such-flag'", r.stderr)
        self.assertIn("usage: skybox serve", r.stderr)

    def test_bad_durability(self):
        r = run_cli("serve", "--durability", "sometimes")
        self.assertEqual(r.returncode, 2)
        self.assertIn("expected sync or async", r.stderr)

    def test_unusable_data_dir(self):
        with tempfile.NamedTemporaryFile() as f:
            r = run_cli("serve", "--listen", "127.0.0.1:0", "--data-dir", f.name)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn(f.name, r.stderr)

    def test_read_only_data_dir(self):
        if os.geteuid() == 0:
            self.skipTest("root can write anywhere")  # CI runs as root; covered by storage tests
        d = tempfile.mkdtemp()
        os.chmod(d, stat.S_IRUSR | stat.S_IXUSR)
        r = run_cli("serve", "--listen", "127.0.0.1:0", "--data-dir", d)
        self.assertEqual(r.returncode, 1)

    def test_busy_port(self):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        try:
            with tempfile.TemporaryDirectory() as d:
                r = run_cli("serve", "--listen", f"127.0.0.1:{port}", "--data-dir", d)
            self.assertEqual(r.returncode, 1)
            self.assertIn(f"127.0.0.1:{port}", r.stderr)
            self.assertIn("in use", r.stderr)
        finally:
            s.close()

    def test_empty_secret_is_refused(self):
        r = run_cli("serve", "--listen", "0.0.0.0:0", "--ephemeral",
                    env={"SKYBOX_ACCESS_KEY_ID": "admin", "SKYBOX_SECRET_ACCESS_KEY": ""})
        self.assertEqual(r.returncode, 2)
        self.assertIn("must not be empty", r.stderr)

    def test_directory_as_config_file(self):
        r = run_cli("serve", "--config", tempfile.gettempdir())
        self.assertEqual(r.returncode, 2)
        self.assertIn("not a regular file", r.stderr)

    def test_localhost_listen_address(self):
        server = SkyboxServer("--ephemeral", listen="localhost:0")
        try:
            self.assertEqual(server.client("sts").get_caller_identity()["Account"], "000000000000")
        finally:
            server.close()

    def test_data_dir_is_private(self):
        with tempfile.TemporaryDirectory() as d:
            target = os.path.join(d, "state")
            server = SkyboxServer(data_dir=target)
            server.close()
            self.assertEqual(stat.S_IMODE(os.stat(target).st_mode), 0o700)
            for name in os.listdir(target):
                mode = stat.S_IMODE(os.stat(os.path.join(target, name)).st_mode)
                self.assertEqual(mode & 0o077, 0, name)

    def test_non_loopback_without_credentials_refuses(self):
        r = run_cli("serve", "--listen", "0.0.0.0:0", "--ephemeral")
        self.assertEqual(r.returncode, 2)
        self.assertIn("refusing to listen on 0.0.0.0", r.stderr)

    def test_second_server_on_same_data_dir_refuses(self):
        first = SkyboxServer()
        try:
            r = run_cli("serve", "--listen", "127.0.0.1:0", "--data-dir", first.data_dir)
            self.assertEqual(r.returncode, 1)
            self.assertIn(first.data_dir, r.stderr)
        finally:
            first.close()

    def test_ephemeral_writes_nothing(self):
        with tempfile.TemporaryDirectory() as d:
            target = os.path.join(d, "never")
            server = SkyboxServer("--ephemeral", data_dir=target)
            try:
                server.client("sts").get_caller_identity()
            finally:
                server.close()
            self.assertFalse(os.path.exists(target))

    def test_state_directory_is_created_and_reused(self):
        with tempfile.TemporaryDirectory() as d:
            target = os.path.join(d, "state")
            for _ in range(2):
                server = SkyboxServer(data_dir=target)
                server.client("sts").get_caller_identity()
                self.assertEqual(server.stop(), 0)
            self.assertTrue(os.path.isdir(target))


class EndpointsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer("--log-format", "json")

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_health_and_localstack_alias(self):
        for path in ("/_skybox/health", "/_localstack/health"):
            r = requests.get(self.server.endpoint + path, timeout=5)
            self.assertEqual(r.status_code, 200)
            body = r.json()
            self.assertEqual(body["services"]["sts"], "running")
            self.assertEqual(body["services"]["s3"], "running")
            self.assertIn("version", body)
            self.assertGreaterEqual(body["uptime_seconds"], 0)

    def test_metrics_count_requests(self):
        self.server.client("sts").get_caller_identity()
        text = requests.get(self.server.endpoint + "/metrics", timeout=5).text
        self.assertIn('skybox_requests_total{service="sts",operation="GetCallerIdentity",status="200"}', text)
        self.assertIn("skybox_request_duration_seconds_bucket", text)
        self.assertIn("skybox_http_requests_in_flight", text)
        self.assertIn("skybox_storage_fsync_seconds", text)

    def test_access_log_is_json_with_request_id(self):
        out = self.server.client("sts").get_caller_identity()
        rid = out["ResponseMetadata"]["RequestId"]
        deadline = time.time() + 5
        while time.time() < deadline and rid not in self.server.logs():
            time.sleep(0.05)
        lines = [l for l in self.server.log_lines if rid in l]
        self.assertTrue(lines, "no access-log line carries the request id")
        import json
        entry = json.loads(lines[0])
        self.assertEqual(entry["request_id"], rid)
        self.assertEqual(entry["operation"], "GetCallerIdentity")
        self.assertEqual(entry["status"], "200")
        self.assertNotIn("Signature=", self.server.logs())

    def test_hostile_paths_do_not_break_metrics_or_logs(self):
        raw(self.server.port, b"GET /_skybox/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n")
        for n in range(50):
            raw(self.server.port, b"GET /_skybox/p%d HTTP/1.1\r\nHost: x\r\n\r\n" % n)
        text = requests.get(self.server.endpoint + "/metrics", timeout=5).content
        text.decode("utf-8")  # strict: raises on invalid UTF-8
        self.assertNotIn(b"/_skybox/p1", text)
        self.assertIn(b'skybox_requests_total{service="admin",operation="unknown",status="404"}', text)
        import json
        for line in self.server.log_lines:
            json.loads(line)  # every JSON log line stays valid

    def test_keep_alive_reuses_one_connection(self):
        with requests.Session() as s:
            for _ in range(5):
                self.assertEqual(s.get(self.server.endpoint + "/_skybox/health", timeout=5).status_code, 200)


def raw(port, data, read=True, timeout=5):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        if not read:
            return b""
        chunks = []
        while True:
            try:
                c = s.recv(65536)
            except socket.timeout:
                break
            if not c:
                break
            chunks.append(c)
            if b"\r\n\r\n" in b"".join(chunks) and len(chunks) > 0:
                s.settimeout(0.3)
        return b"".join(chunks)
    finally:
        s.close()


class BadInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def status_of(self, data):
        resp = raw(self.server.port, data)
        return int(resp.split(b" ", 2)[1]) if resp.startswith(b"HTTP/1.") else None

    def test_malformed_request_line(self):
        self.assertEqual(self.status_of(b"NOT HTTP AT ALL\r\n\r\n"), 400)

    def test_oversized_header(self):
        self.assertEqual(self.status_of(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 70000 + b"\r\n\r\n"), 431)

    def test_oversized_url(self):
        self.assertEqual(self.status_of(b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"), 414)

    def test_oversized_body(self):
        self.assertEqual(self.status_of(b"PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\n"), 413)

    def test_oversized_s3_upload_is_an_s3_error(self):
        # Over the streamed-body limit (5 GiB objects plus aws-chunked framing): refused from the
        # head alone, in S3's words, before a byte of the body is read.
        resp = raw(self.server.port, b"PUT /b/k HTTP/1.1\r\nHost: x\r\nContent-Length: 7000000000\r\n\r\n")
        self.assertTrue(resp.startswith(b"HTTP/1.1 413 "), resp[:80])
        self.assertIn(b"<Code>EntityTooLarge</Code>", resp)
        self.assertRegex(resp, rb"x-amz-request-id: [0-9A-F]{16}\r\n")

    def test_unknown_query_service_error_is_parseable(self):
        rds = self.server.client("rds")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            rds.describe_db_instances()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "NotImplemented")
        self.assertIn("rds", ctx.exception.response["Error"]["Message"])

    def test_cloudwatch_cbor_client_gets_a_readable_not_implemented(self):
        cloudwatch = self.server.client("cloudwatch")  # boto3 speaks rpc-v2-cbor to CloudWatch
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            cloudwatch.list_metrics()
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], "NotImplemented")
        self.assertIn("ListMetrics", err["Error"]["Message"])
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 501)

    def test_invalid_json_body_gets_aws_error(self):
        r = requests.post(self.server.endpoint + "/", data="{not json", timeout=5, headers={
            "X-Amz-Target": "DynamoDB_20120810.ListTables",
            "Content-Type": "application/x-amz-json-1.0"})
        self.assertIn(r.status_code, (400, 403))
        self.assertIn("__type", r.json())

    def test_unknown_signed_service(self):
        r = requests.post(self.server.endpoint + "/", data="{}", timeout=5, headers={
            "Authorization": "AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/kinesis/aws4_request, "
                             "SignedHeaders=host, Signature=00",
            "X-Amz-Date": "20250101T000000Z"})
        self.assertEqual(r.status_code, 501)
        self.assertIn("kinesis", r.text)

    def test_hundreds_of_random_malformed_requests(self):
        rng = random.Random(1234)
        pieces = [b"GET", b"POST", b" ", b"/", b"?Action=", b"HTTP/1.1", b"HTTP/9.9", b"\r\n", b"\n",
                  b"Host: x", b"Content-Length: ", b"-1", b"18446744073709551616", b"Transfer-Encoding: chunked",
                  b"zz\r\n", b"0\r\n\r\n", b"X-Amz-Target: ", b"Authorization: AWS4-HMAC-SHA256 Credential=",
                  b"\x00", b"\xff\xfe", b":", b"Expect: 100-continue", b"{\"a\":", b"<a>"]
        for i in range(300):
            data = b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
            try:
                raw(self.server.port, data, timeout=0.5)
            except OSError:
                pass
        self.assertTrue(self.server.alive(), "skybox died on malformed input")
        self.assertEqual(self.server.client("sts").get_caller_identity()["Account"], "000000000000")


class ShutdownTest(unittest.TestCase):
    def test_sigterm_under_load_exits_zero(self):
        server = SkyboxServer()
        stop = threading.Event()
        results = {"ok": 0, "errors": 0}

        def load():
            sts = server.client("sts")
            while not stop.is_set():
                try:
                    sts.get_caller_identity()
                    results["ok"] += 1
                except Exception:
                    results["errors"] += 1
                    time.sleep(0.01)
        threads = [threading.Thread(target=load) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(1.0)
        started = time.monotonic()
        code = server.stop()
        elapsed = time.monotonic() - started
        stop.set()
        for t in threads:
            t.join()
        server.close()
        self.assertEqual(code, 0)
        self.assertLess(elapsed, 10)
        self.assertGreater(results["ok"], 10)


if __name__ == "__main__":
    unittest.main()
