"""Starts the real skybox binary for end-to-end tests and points real clients at it.

The binary comes from $SKYBOX_BINARY (CTest sets it). Each SkyboxServer gets a free port
(--listen 127.0.0.1:0; the port is read from the "skybox ready" log line) and its own
temporary data directory, and is stopped with SIGTERM, which must exit 0.
"""
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import boto3
import botocore.config

BINARY = os.environ.get("SKYBOX_BINARY", os.path.join(
    os.path.dirname(__file__), "..", "..", "build", "release", "src", "main", "skybox"))
# The ready line in text ("skybox ready listen=127.0.0.1:4566") or JSON ("listen":"...") form.
READY = re.compile(r'skybox ready.*listen"?[=:]"?([^\s",]+):(\d+)')


class SkyboxServer:
    def __init__(self, *args, env=None, data_dir=None, start=True, listen="127.0.0.1:0"):
        self.listen = listen
        self.extra_args = list(args)
        self.env = dict(os.environ, **(env or {}))
        self._own_dir = data_dir is None
        self.data_dir = data_dir or tempfile.mkdtemp(prefix="skybox-e2e-")
        self.proc = None
        self.port = None
        self.log_lines = []
        if start:
            self.start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=10):
        args = [BINARY, "serve", "--listen", self.listen, "--data-dir", self.data_dir,
                "--threads", "2"] + self.extra_args
        self.proc = subprocess.Popen(args, env=self.env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                self.log_lines.append(line)
                m = READY.search(line)
                if m and not ready.is_set():
                    self.port = int(m.group(2))
                    ready.set()
        self._pump = threading.Thread(target=pump, daemon=True)
        self._pump.start()
        if not ready.wait(timeout):
            self.kill()
            raise RuntimeError("skybox did not become ready:\n" + "".join(self.log_lines))
        return self

    def stop(self, timeout=15):
        """SIGTERM and wait; returns the exit code."""
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self._pump.join(5)
        self.proc.stderr.close()
        self.proc = None
        return code

    def kill(self):
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self._pump.join(5)  # the reader sees EOF once the process is gone
            self.proc.stderr.close()
            self.proc = None

    def close(self):
        try:
            if self.proc is not None:
                code = self.stop()
                if code != 0:
                    raise AssertionError(f"skybox exited {code} on SIGTERM:\n" + "".join(self.log_lines))
        finally:
            if self._own_dir:
                shutil.rmtree(self.data_dir, ignore_errors=True)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def client(self, service, access_key="test", secret_key="test", region="us-east-1", **config):
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key=secret_key,
            config=botocore.config.Config(retries={"max_attempts": 1}, **config))

    def logs(self):
        return "".join(self.log_lines)


def run_cli(*args, timeout=30, env=None):
    """Runs the skybox binary with arguments; returns CompletedProcess (text)."""
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=dict(os.environ, **(env or {})))


def aws_cli(endpoint, *args, env=None):
    """Runs the AWS CLI against Skybox with the test credentials."""
    e = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
             AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="")
    e.pop("AWS_PROFILE", None)
    e.update(env or {})
    return subprocess.run([shutil.which("aws") or "aws", "--endpoint-url", endpoint, *args],
                          capture_output=True, text=True, timeout=60, env=e,
                          stdin=subprocess.DEVNULL)


def wait_for(predicate, timeout=5.0, interval=0.01):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
