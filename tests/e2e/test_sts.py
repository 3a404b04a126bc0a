"""STS through real clients: the AWS CLI, boto3, and signatures that must fail."""
import json
import unittest

import botocore.exceptions
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from skybox_harness import SkyboxServer, aws_cli


def signed_sts(endpoint, body="Action=GetCallerIdentity&Version=2011-06-15",
               key="test", secret="test", tamper=None):
    req = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    SigV4Auth(Credentials(key, secret), "sts", "us-east-1").add_auth(req)
    prepared = req.prepare()
    headers = dict(prepared.headers)
    if tamper:
        body, headers = tamper(body, headers)
    return requests.post(endpoint + "/", data=body, headers=headers, timeout=10)


class StsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = SkyboxServer()

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def test_aws_cli_get_caller_identity(self):
        r = aws_cli(self.server.endpoint, "sts", "get-caller-identity")
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(out["Account"], "000000000000")
        self.assertEqual(out["Arn"], "arn:aws:iam::000000000000:root")
        self.assertEqual(out["UserId"], "000000000000")

    def test_boto3_get_caller_identity(self):
        out = self.server.client("sts").get_caller_identity()
        self.assertEqual(out["Account"], "000000000000")
        self.assertEqual(out["ResponseMetadata"]["HTTPStatusCode"], 200)
        request_id = out["ResponseMetadata"]["RequestId"]
        self.assertRegex(request_id, r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        self.assertEqual(out["ResponseMetadata"]["HTTPHeaders"]["x-amzn-requestid"], request_id)

    def test_request_ids_differ(self):
        sts = self.server.client("sts")
        ids = {sts.get_caller_identity()["ResponseMetadata"]["RequestId"] for _ in range(20)}
        self.assertEqual(len(ids), 20)

    def test_wrong_secret_is_signature_does_not_match(self):
        sts = self.server.client("sts", secret_key="not-the-secret")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            sts.get_caller_identity()
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], "SignatureDoesNotMatch")
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 403)
        self.assertTrue(err["ResponseMetadata"]["RequestId"])

    def test_unknown_access_key_is_invalid_client_token_id(self):
        sts = self.server.client("sts", access_key="AKIANOBODY")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            sts.get_caller_identity()
        self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidClientTokenId")
        self.assertEqual(ctx.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)

    def test_tampered_body_is_rejected(self):
        def tamper(body, headers):
            return body + "&Extra=1", headers
        r = signed_sts(self.server.endpoint, tamper=tamper)
        self.assertEqual(r.status_code, 403, r.text)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", r.text)
        self.assertIn("<RequestId>", r.text)

    def test_tampered_signed_header_is_rejected(self):
        def tamper(body, headers):
            headers["X-Amz-Date"] = headers["X-Amz-Date"][:-3] + "00Z"
            return body, headers
        r = signed_sts(self.server.endpoint, tamper=tamper)
        self.assertEqual(r.status_code, 403, r.text)
        self.assertIn("SignatureDoesNotMatch", r.text)

    def test_missing_signature(self):
        r = requests.post(self.server.endpoint + "/", timeout=10,
                          data="Action=GetCallerIdentity&Version=2011-06-15",
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
        self.assertEqual(r.status_code, 403, r.text)
        self.assertIn("<Code>MissingAuthenticationToken</Code>", r.text)

    def test_unknown_action_is_invalid_action(self):
        r = signed_sts(self.server.endpoint, body="Action=FlyToTheMoon&Version=2011-06-15")
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("<Code>InvalidAction</Code>", r.text)

    def test_unimplemented_operation_says_so(self):
        sts = self.server.client("sts")
        with self.assertRaises(botocore.exceptions.ClientError) as ctx:
            sts.get_session_token()
        err = ctx.exception.response
        self.assertEqual(err["Error"]["Code"], "NotImplemented")
        self.assertIn("GetSessionToken", err["Error"]["Message"])
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], 501)

    def test_validation_error_for_missing_required_member(self):
        r = signed_sts(self.server.endpoint, body="Action=AssumeRole&Version=2011-06-15")
        self.assertEqual(r.status_code, 400, r.text)
        self.assertIn("ValidationError", r.text)
        self.assertIn("Member must not be null", r.text)


class ConfiguredCredentialsTest(unittest.TestCase):
    def test_iam_user_from_config_and_root_from_env(self):
        import os
        import tempfile
        cfg = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
        cfg.write("credentials:\n  - access_key: AKIAALICE\n    secret_key: alice-secret\n    user: alice\n")
        cfg.close()
        server = SkyboxServer("--config", cfg.name, env={
            "SKYBOX_ACCESS_KEY_ID": "AKIAROOT", "SKYBOX_SECRET_ACCESS_KEY": "root-secret"})
        try:
            alice = server.client("sts", "AKIAALICE", "alice-secret").get_caller_identity()
            self.assertEqual(alice["Arn"], "arn:aws:iam::000000000000:user/alice")
            self.assertTrue(alice["UserId"].startswith("AIDA"))
            root = server.client("sts", "AKIAROOT", "root-secret").get_caller_identity()
            self.assertEqual(root["Arn"], "arn:aws:iam::000000000000:root")
            with self.assertRaises(botocore.exceptions.ClientError) as ctx:
                server.client("sts", "test", "test").get_caller_identity()
            self.assertEqual(ctx.exception.response["Error"]["Code"], "InvalidClientTokenId")
            logs = server.logs()
            self.assertNotIn("alice-secret", logs)
            self.assertNotIn("root-secret", logs)
        finally:
            server.close()
            os.unlink(cfg.name)


if __name__ == "__main__":
    unittest.main()
