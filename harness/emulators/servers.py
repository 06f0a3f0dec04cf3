"""Emulator servers on loopback: start, wait until ready, reset, stop.

By default a moto server (harness/emulators/moto_server.py, with its gaps filled)
is started on a free loopback port. A user who runs LocalStack or moto elsewhere
sets AWS_ENDPOINT_URL and nothing else changes; then the harness neither starts
nor stops anything. Each pytest-xdist worker starts its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from harness.paths import REPO
from harness.processes import stop_process_group

REGION = "us-east-1"

# Moto: run Lambda without Docker (it stores functions but never runs code) and
# let Step Functions executions progress.
MOTO_CONFIG = {"lambda": {"use_docker": False}, "stepfunctions": {"execute_state_machine": True}}


def aws_env(endpoint: str) -> dict[str, str]:
    """Environment for Terraform and boto3 talking to the emulator."""
    return {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
    }


# Ports for the servers the harness starts, below the range the kernel hands to outgoing
# connections: a full run makes thousands on loopback, and one whose local end took the port
# between free_port() and the server's bind failed the bind with nothing listening there
# (`make emulator` exited 1 in a CI run; tests/harness/test_harness_failures.py reproduces it).
SERVER_PORTS_FROM = 10000
EPHEMERAL_PORT_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def _server_port_range() -> range:
    try:
        ephemeral_low = int(EPHEMERAL_PORT_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral_low = 32768  # Linux's default
    return range(SERVER_PORTS_FROM, max(ephemeral_low, SERVER_PORTS_FROM + 1000))


def port_in_use(port: int) -> bool:
    """Whether a server could not bind this loopback port now (a listener or a connection holds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers bind
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def free_port() -> int:
    """A loopback TCP port nothing holds now, outside the range outgoing connections take."""
    ports = _server_port_range()
    for _ in range(100):
        port = random.choice(ports)  # noqa: S311 (a port, not a secret)
        if not port_in_use(port):
            return port
    raise RuntimeError(f"no free loopback port in {ports.start}-{ports.stop - 1} after 100 tries")


def _request(url: str, payload: dict | None = None, timeout: float = 2.0) -> bytes:
    data = json.dumps(payload).encode() if payload is not None else None
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET")  # noqa: S310 (http on loopback)
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (http on loopback)
        return resp.read()


SFN_MOCK_CONFIG_FILE = "sfn-mock-config.json"


@dataclass
class Emulator:
    """A running emulator endpoint. `managed` is True when this process started it."""

    endpoint: str
    kind: str  # "moto", "localstack" or "external"
    managed: bool
    process: subprocess.Popen | None = field(default=None, repr=False)
    state_dir: Path | None = field(default=None, repr=False)

    @property
    def env(self) -> dict[str, str]:
        return aws_env(self.endpoint)

    def client(self, service: str, config=None, account: str | None = None):
        """A boto3 client for this emulator, whatever os.environ points at; with `account`, for
        that account (LocalStack takes a 12-digit access key id as the account id)."""
        import boto3

        env = self.env
        return boto3.client(
            service,
            endpoint_url=self.endpoint,
            region_name=env["AWS_REGION"],
            aws_access_key_id=account or env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            config=config,
        )

    def answers_autoscaling_tags(self) -> bool:
        """Whether this emulator serves ListTagsForResource for Application Auto Scaling.

        Plain moto 5.2.5 does not (harness/emulators/moto_server.py adds it), and the AWS
        provider retries its 500 for many minutes; an apply test can say so instead.
        """
        from botocore.config import Config
        from botocore.exceptions import ClientError

        client = self.client("application-autoscaling", config=Config(retries={"max_attempts": 1}))
        try:
            client.list_tags_for_resource(
                ResourceARN=f"arn:aws:application-autoscaling:{REGION}:123456789012:scalable-target/probe"
            )
        except ClientError as error:
            return error.response["ResponseMetadata"]["HTTPStatusCode"] < 500
        return True

    @property
    def sfn_mock_config(self) -> Path | None:
        """Where this LocalStack reads Step Functions mocked responses; None for one we did not start."""
        return self.state_dir / SFN_MOCK_CONFIG_FILE if self.kind == "localstack" and self.state_dir else None

    def reset(self) -> None:
        """Clear all emulator state between apply tests (moto only)."""
        if self.kind == "moto":
            # Dropping a whole session's state (VPCs, databases, functions) takes
            # moto far longer than answering an API call.
            _request(f"{self.endpoint}/moto-api/reset", {}, timeout=120.0)

    def stop(self) -> None:
        if self.process is not None:
            stop_process_group(self.process)  # the whole group: LocalStack starts helpers of its own
        if self.state_dir is not None:
            shutil.rmtree(self.state_dir, ignore_errors=True)


class PortTaken(RuntimeError):
    """Another process holds the port our server was to bind (taken since free_port())."""


def listening_pids(port: int) -> set[int]:
    """Processes with a TCP socket listening on this loopback port (Linux /proc)."""
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError):
            for line in Path(table).read_text().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                    inodes.add(f"socket:[{fields[9]}]")
    pids = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            if any(os.readlink(fd) in inodes for fd in (proc / "fd").iterdir()):
                pids.add(int(proc.name))
    return pids


def _owns_port(process: subprocess.Popen, port: int) -> bool:
    """The listener on `port` is our server or one of its helpers (it leads its own session)."""
    for pid in listening_pids(port):
        with contextlib.suppress(OSError):
            if pid == process.pid or os.getpgid(pid) == process.pid:
                return True
    return False


def _wait_until_ready(
    emulator: Emulator, probe, name: str, log_path: Path | None, timeout: float, port: int
) -> Emulator:
    """Call probe() until it stops raising and the port is our server's.

    Whatever ends the wait early (the server exiting, the time running out, a
    SIGTERM turned into SystemExit, Ctrl-C), the server is stopped and its state
    folder removed before the error goes on.
    """
    deadline = time.monotonic() + timeout
    try:
        while True:
            if emulator.process is not None and emulator.process.poll() is not None:
                if port_in_use(port):  # its bind failed: another server or a connection took the port
                    raise PortTaken(f"{name}: port {port} was taken by another process")
                raise RuntimeError(f"{name} exited with code {emulator.process.returncode} (log: {log_path})")
            try:
                probe()
            except (urllib.error.URLError, ConnectionError, OSError, ValueError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not answer on {emulator.endpoint} within {timeout}s") from None
                time.sleep(0.1)
                continue
            if emulator.process is None or _owns_port(emulator.process, port):
                return emulator
            # Something answered, but not our server: it lost the race for the port.
            raise PortTaken(f"{name}: another process answers on port {port}")
    except BaseException:
        emulator.stop()
        raise


START_ATTEMPTS = 3  # fresh ports to try when the one chosen is taken before the server binds it


def _launch(name: str, log_path: Path | None, startup_timeout: float, start_one) -> Emulator:
    """Start a server through `start_one(port)` -> (Emulator, probe), on a fresh port each try."""
    for attempt in range(1, START_ATTEMPTS + 1):
        port = free_port()
        emulator, probe = start_one(port)
        try:
            return _wait_until_ready(emulator, probe, name, log_path, startup_timeout, port)
        except PortTaken:
            if attempt == START_ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def _log_file(log_path: Path | None):
    return open(log_path, "ab") if log_path else subprocess.DEVNULL  # noqa: SIM115


def start_moto(log_path: Path | None = None, startup_timeout: float = 30.0) -> Emulator:
    """Start a moto server on a free loopback port and wait until it answers."""

    def start_one(port: int) -> tuple[Emulator, object]:
        endpoint = f"http://127.0.0.1:{port}"
        env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "PYTHONPATH": str(REPO)}
        # moto's own server, with the Application Auto Scaling tag actions it lacks (harness/emulators/moto_server.py).
        process = subprocess.Popen(
            [sys.executable, "-m", "harness.emulators.moto_server", "-H", "127.0.0.1", "-p", str(port)],
            stdout=_log_file(log_path),
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # a Ctrl-C in the terminal reaches us, and we stop it
        )
        emulator = Emulator(endpoint=endpoint, kind="moto", managed=True, process=process)
        return emulator, lambda: _request(f"{endpoint}/moto-api/config", MOTO_CONFIG)

    return _launch("moto server", log_path, startup_timeout, start_one)


def localstack_python() -> str:
    """The Python of LocalStack's own virtualenv (LOCALSTACK_PYTHON, set by the Makefile)."""
    python = os.environ.get("LOCALSTACK_PYTHON") or str(REPO / ".venv-localstack" / "bin" / "python")
    if not Path(python).exists():
        raise RuntimeError(f"LocalStack is not installed at {python}: run `make setup` (it needs Python 3.13).")
    return python


def start_localstack(log_path: Path | None = None, startup_timeout: float = 60.0) -> Emulator:
    """Start LocalStack (community core, host mode, no Docker) on a free loopback port, through
    harness/emulators/localstack_server.py (its gap filled).

    The hypercorn gateway honours the listen address (the default server binds
    every interface whatever it is told); DNS, telemetry and certificate download
    are off because nothing here may reach the internet.
    """
    python = localstack_python()

    def start_one(port: int) -> tuple[Emulator, object]:
        endpoint = f"http://127.0.0.1:{port}"
        state = Path(tempfile.mkdtemp(prefix="localstack-"))
        env = {
            **os.environ,
            "GATEWAY_LISTEN": f"127.0.0.1:{port}",
            "GATEWAY_SERVER": "hypercorn",
            # Resource URLs (queue URLs) name this port; the host keeps LocalStack's default style.
            "LOCALSTACK_HOST": f"localhost.localstack.cloud:{port}",
            "DNS_ADDRESS": "0",
            "DISABLE_EVENTS": "1",
            "SKIP_SSL_CERT_DOWNLOAD": "1",
            "LOCALSTACK_VOLUME_DIR": str(state / "volume"),
            "FILESYSTEM_ROOT": str(state / "root"),
            # Step Functions mocked responses (tests write the file; LocalStack rereads it
            # when its modification time changes).
            "SFN_MOCK_CONFIG": str(state / SFN_MOCK_CONFIG_FILE),
        }
        try:
            process = subprocess.Popen(
                # LocalStack's own entry point, with the harness's gap filled first.
                [python, str(REPO / "harness" / "emulators" / "localstack_server.py")],
                stdout=_log_file(log_path),
                stderr=subprocess.STDOUT,
                env=env,
                cwd=state,
                start_new_session=True,
            )
        except BaseException:
            shutil.rmtree(state, ignore_errors=True)
            raise
        emulator = Emulator(endpoint=endpoint, kind="localstack", managed=True, process=process, state_dir=state)

        def ready() -> None:
            health = json.loads(_request(f"{endpoint}/_localstack/health"))
            if not health.get("services"):
                raise ValueError("not ready")

        return emulator, ready

    return _launch("LocalStack", log_path, startup_timeout, start_one)


STARTERS = {"moto": start_moto, "localstack": start_localstack}
# Where a user points the harness at an emulator they run themselves.
EXTERNAL_ENDPOINT_VARIABLES = {"moto": "AWS_ENDPOINT_URL", "localstack": "LOCALSTACK_ENDPOINT_URL"}


@contextlib.contextmanager
def running_emulator(log_path: Path | None = None, kind: str = "moto") -> Iterator[Emulator]:
    """Yield an emulator of that kind: the user's (AWS_ENDPOINT_URL for the default one,
    LOCALSTACK_ENDPOINT_URL for LocalStack) or one we start here and always stop."""
    external = os.environ.get(EXTERNAL_ENDPOINT_VARIABLES[kind])
    if external:
        yield Emulator(endpoint=external.rstrip("/"), kind="external", managed=False)
        return
    # SIGTERM becomes SystemExit before the server starts: a signal during start-up
    # stops it too (the starter stops its server on any error).
    previous = _exit_on_sigterm()
    try:
        emulator = STARTERS[kind](log_path)
        try:
            yield emulator
        finally:
            emulator.stop()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_sigterm():
    """Turn SIGTERM (CI timeouts, `kill`) into SystemExit so `finally` blocks stop the
    emulator; Python's default would exit at once and leave it running."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def handler(signum, frame):
        raise SystemExit(128 + signum)

    return signal.signal(signal.SIGTERM, handler)


@contextlib.contextmanager
def patched_environ(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of a block, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old
