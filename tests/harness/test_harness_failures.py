"""The harness when things go wrong: interrupted start-ups, a failing scan beside a
running one, a port taken under a starting server, errors during clean-up, Terraform
that hangs, and partial batch responses Lambda reads as complete failures."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from harness.emulators import servers as emulator_module
from harness.runtime.poller import failed_message_ids
from harness.terraform import apply, staging
from tools import policy

pytestmark = pytest.mark.unit


@pytest.fixture
def started_processes(monkeypatch) -> list[subprocess.Popen]:
    """Every process the emulator starters launch, to check none is left running."""
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def recording_popen(*args, **kwargs):
        process = real_popen(*args, **kwargs)
        started.append(process)
        return process

    monkeypatch.setattr(emulator_module.subprocess, "Popen", recording_popen)
    return started


def test_a_sigterm_during_start_up_stops_the_server(started_processes, monkeypatch):
    """SIGTERM arrives as SystemExit (running_emulator's handler) while moto is starting."""

    def interrupted(url, payload=None, timeout=2.0):
        raise SystemExit(128 + signal.SIGTERM)

    monkeypatch.setattr(emulator_module, "_request", interrupted)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)  # the session's emulator: start one here
    with pytest.raises(SystemExit), emulator_module.running_emulator(kind="moto"):
        pass
    assert len(started_processes) == 1
    assert started_processes[0].poll() is not None, "moto server left running"


def test_the_sigterm_handler_is_in_place_before_the_server_starts(monkeypatch):
    seen = []

    def starter(log_path):
        seen.append(signal.getsignal(signal.SIGTERM))
        return emulator_module.Emulator(endpoint="http://127.0.0.1:1", kind="moto", managed=True)

    monkeypatch.setitem(emulator_module.STARTERS, "moto", starter)
    monkeypatch.delenv("AWS_ENDPOINT_URL", raising=False)
    before = signal.getsignal(signal.SIGTERM)
    with emulator_module.running_emulator(kind="moto"):
        pass
    assert seen[0] not in (before, signal.SIG_DFL)
    assert signal.getsignal(signal.SIGTERM) is before  # restored afterwards


def test_a_failed_localstack_start_leaves_no_state_folder(tmp_path, monkeypatch, started_processes):
    fake_python = tmp_path / "python"
    fake_python.write_text("#!/bin/sh\nexit 3\n")
    fake_python.chmod(0o755)
    monkeypatch.setenv("LOCALSTACK_PYTHON", str(fake_python))
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(emulator_module.tempfile, "tempdir", str(scratch))
    with pytest.raises(RuntimeError, match="exited with code 3"):
        emulator_module.start_localstack(startup_timeout=10)
    assert list(scratch.iterdir()) == []


class _Impostor(http.server.BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _answering_impostor():
    """Another server listening on the port, and answering as moto would."""
    impostor = http.server.HTTPServer(("127.0.0.1", 0), _Impostor)
    threading.Thread(target=impostor.serve_forever, daemon=True).start()
    try:
        yield impostor.server_address[1]
    finally:
        impostor.shutdown()


@contextlib.contextmanager
def _outgoing_connection():
    """The local end of an outgoing connection: nothing listens on the port, yet no server can
    bind it. A port from the ephemeral range can become one (the suite makes thousands on
    loopback) before the server binds it; seen as `make emulator` exiting 1 in a full CI run."""
    with (
        socket.create_server(("127.0.0.1", 0)) as listener,
        socket.create_connection(listener.getsockname()) as connection,
    ):
        yield connection.getsockname()[1]


@pytest.mark.parametrize("holder", [_answering_impostor, _outgoing_connection], ids=["listener", "connection"])
def test_a_port_taken_before_the_server_binds_it_is_retried_on_a_fresh_one(holder, monkeypatch, started_processes):
    with holder() as taken:
        ports = iter([taken])
        real_free_port = emulator_module.free_port
        monkeypatch.setattr(emulator_module, "free_port", lambda: next(ports, None) or real_free_port())
        moto = emulator_module.start_moto(startup_timeout=30)
        try:
            assert not moto.endpoint.endswith(f":{taken}")
            assert emulator_module._owns_port(moto.process, int(moto.endpoint.rsplit(":", 1)[1]))
            assert len(started_processes) == 2 and started_processes[0].poll() is not None
        finally:
            moto.stop()


def test_free_ports_are_outside_the_range_outgoing_connections_take():
    low, high = map(int, Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split())
    ports = {emulator_module.free_port() for _ in range(50)}
    assert not {port for port in ports if low <= port <= high}, (low, high)
    assert len(ports) > 40  # spread, so two workers rarely pick the same one


def test_a_failing_checkov_scan_stops_the_other(monkeypatch, tmp_path):
    marker = tmp_path / "still-running"
    slow = [sys.executable, "-c", f"import time, pathlib; time.sleep(30); pathlib.Path({str(marker)!r}).touch()"]
    monkeypatch.setattr(policy, "hcl_command", lambda root: [sys.executable, "-c", "import sys; sys.exit(3)"])
    monkeypatch.setattr(policy, "plan_command", lambda plan: slow)
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(policy.subprocess, "Popen", lambda *a, **k: started.append(real_popen(*a, **k)) or started[-1])
    with pytest.raises(RuntimeError, match="checkov hcl scan failed"):
        policy.run_scans(plan_json=tmp_path / "plan.json", targets=[])
    assert [p.poll() is not None for p in started] == [True, True]


def test_a_checkov_scan_that_hangs_is_stopped(monkeypatch, tmp_path):
    monkeypatch.setattr(policy, "CHECKOV_TIMEOUT_SECONDS", 1)
    monkeypatch.setattr(policy, "hcl_command", lambda root: [sys.executable, "-c", "import time; time.sleep(30)"])
    with pytest.raises(RuntimeError, match="did not finish within 1s"):
        policy.run_scans(targets=[])


def test_terraform_that_hangs_is_stopped_and_reported(tmp_path, monkeypatch):
    hanging = tmp_path / "terraform"
    hanging.write_text("#!/bin/sh\nsleep 30\n")
    hanging.chmod(0o755)
    result = subprocess.run(
        [str(staging.TERRAFORM_WITH_TIMEOUT), "plan"],
        env={"PATH": "/usr/bin:/bin", "TERRAFORM_BINARY": str(hanging), "TERRAFORM_TIMEOUT_SECONDS": "1"},
        capture_output=True,
        text=True,
        timeout=20,
    )
    assert result.returncode == 1  # what tftest counts as a failure
    assert "terraform plan did not finish within 1s and was stopped" in result.stderr


class _FailingDestroy:
    def __init__(self, tf_vars=None):
        self.tf = self
        self.tf_vars = {}
        self.outputs = {}

    def apply(self, tf_vars=None):
        pass

    def output(self):
        return {}

    def destroy(self):
        raise RuntimeError("destroy failed: DependencyViolation")


def test_a_destroy_error_does_not_hide_the_failure_before_it(monkeypatch, tmp_path):
    monkeypatch.setattr(apply, "AppliedRoot", lambda tf, tf_vars: _FailingDestroy())
    monkeypatch.setattr(apply, "terraform", lambda staged, env: None)
    monkeypatch.setattr(apply, "stage", lambda root, scratch, emulator_kind=None: Path(tmp_path))

    class NoReset:
        kind = "moto"

        def reset(self):
            pass

    with (
        pytest.raises(AssertionError, match="the test's own failure") as raised,
        apply.applied("examples/x", tmp_path, NoReset(), {}),
    ):
        raise AssertionError("the test's own failure")
    assert "destroy after this failure also failed: destroy failed: DependencyViolation" in raised.value.__notes__[0]


@pytest.mark.parametrize(
    ("response", "failed"),
    [
        ({"batchItemFailures": []}, set()),
        ({"batchItemFailures": None}, set()),
        ({}, set()),
        (None, set()),
        ({"batchItemFailures": [{"itemIdentifier": "m2"}]}, {"m2"}),
        ({"batchItemFailures": [{"itemIdentifier": None}]}, {"m1", "m2"}),
        ({"batchItemFailures": [{"itemIdentifier": ""}]}, {"m1", "m2"}),
        ({"batchItemFailures": [{"itemIdentifer": "m1"}]}, {"m1", "m2"}),
        ({"batchItemFailures": [{"itemIdentifier": "m9"}]}, {"m1", "m2"}),
        ("not an object", {"m1", "m2"}),
    ],
    ids=[
        "empty",
        "null-list",
        "no-list",
        "null",
        "one",
        "null-id",
        "empty-id",
        "misspelt-key",
        "unknown-id",
        "not-json",
    ],
)
def test_the_sqs_poller_reads_a_response_as_lambda_does(response, failed):
    assert failed_message_ids(response, ["m1", "m2"]) == failed


# --- the IAM helpers the plan tests are built on -------------------------------------------


def test_wildcard_actions_sees_both_iam_wildcards_and_ignores_denies():
    import json

    from harness.terraform.plan import statements, wildcard_actions

    policy = statements(
        json.dumps(
            {
                "Statement": [
                    {"Sid": "Q", "Effect": "Allow", "Action": "s3:?etObject", "Resource": "*"},
                    {"Sid": "P", "Effect": "Allow", "Action": ["iam:P*", "sts:AssumeRole"], "Resource": "*"},
                    {"Sid": "TLS", "Effect": "Deny", "Action": "sqs:*", "Resource": "*"},
                ]
            }
        )
    )
    assert wildcard_actions(policy) == ["Q: s3:?etObject", "P: iam:P*"]


def test_statements_refuses_two_statements_with_one_sid():
    import json

    from harness.terraform.plan import statements

    doubled = {"Statement": [{"Sid": "Logs", "Action": "logs:PutLogEvents"}, {"Sid": "Logs", "Action": "s3:GetObject"}]}
    with pytest.raises(AssertionError, match="two statements share the Sid 'Logs'"):
        statements(json.dumps(doubled))


def test_make_emulator_that_cannot_start_says_why_without_a_traceback(tmp_path):
    env = {**os.environ, "LOCALSTACK_PYTHON": str(tmp_path / "no-python")}
    env.pop("LOCALSTACK_ENDPOINT_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "harness.emulators", "--kind", "localstack", "--log", str(tmp_path / "ls.log")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result
    assert result.stderr.startswith("make emulator: LocalStack is not installed at "), result.stderr
    assert "Traceback" not in result.stderr


def test_make_emulator_prints_the_exports_and_stops_on_ctrl_c(tmp_path):
    """`python -m harness.emulators` (make emulator): a moto a person can point their own root at."""
    import time

    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}
    # A child inherits an ignored or blocked SIGINT from its parent. In full `make test` runs
    # the emulator ignored the Ctrl-C (started and answered, never stopped) while it stops
    # at once when this test runs alone: started from a terminal it has the default SIGINT, so
    # the child starts with that, and what the worker had is reported if it hangs anyway.
    worker_sigint = (signal.getsignal(signal.SIGINT), signal.pthread_sigmask(signal.SIG_BLOCK, []))

    def as_from_a_terminal() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})

    log, errors = tmp_path / "moto.log", (tmp_path / "stderr").open("w+")
    process = subprocess.Popen(
        [sys.executable, "-m", "harness.emulators", "--log", str(log)],
        stdout=subprocess.PIPE,
        stderr=errors,  # why it did not start, if it does not
        text=True,
        env=env,
        start_new_session=True,
        preexec_fn=as_from_a_terminal,  # runs in the child, between fork and exec
    )
    # Each phase fails with its own message (a failure in `finally` used to hide the first).
    started = time.monotonic()
    try:
        lines = []
        while not any(line.startswith("export AWS_ENDPOINT_URL=") for line in lines):
            line = process.stdout.readline()
            if not line and process.poll() is not None:
                errors.seek(0)
                raise AssertionError(f"make emulator exited ({process.returncode}) after {lines}:\n{errors.read()}")
            assert time.monotonic() - started < 180, f"no exports within 180 s: {lines}"
            lines.append(line)
        endpoint = next(line.split("=", 1)[1].strip() for line in lines if line.startswith("export AWS_ENDPOINT_URL="))
        from harness.emulators.servers import _request

        assert json.loads(_request(f"{endpoint}/moto-api/config", None)) is not None  # it answers
    finally:
        if process.poll() is None:  # an emulator that exited leaves no group to signal
            os.killpg(process.pid, signal.SIGINT)  # Ctrl-C
        stopping = time.monotonic()
        try:
            code = process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            code = None
        errors.close()
    waited = time.monotonic() - stopping
    assert code == 0, (
        f"make emulator did not stop on Ctrl-C within {waited:.0f} s ({code}); worker SIGINT {worker_sigint}"
    )
    lines += process.stdout.readlines()
    assert "export AWS_ACCESS_KEY_ID=testing" in [line.strip() for line in lines]


def test_without_localstack_python_set_the_repository_venv_is_used(monkeypatch):
    """pytest run by hand, outside make: LocalStack's Python is the repository's .venv-localstack."""
    monkeypatch.delenv("LOCALSTACK_PYTHON", raising=False)
    from harness.paths import REPO

    assert emulator_module.localstack_python() == str(REPO / ".venv-localstack" / "bin" / "python")
