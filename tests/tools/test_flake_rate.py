"""tools/flake_rate.py: a run's failures and the known causes in its logs, and the report over runs."""

from __future__ import annotations

import pytest

from tools import flake_rate
from tools.flake_rate import Run

pytestmark = pytest.mark.unit


def test_failures_are_read_from_pytests_short_summary_with_their_reason():
    output = "\n".join(
        [
            "tests/a.py::test_x PASSED",
            "FAILED tests/examples/test_lifecycle.py::test_apply[claims-moto] - RuntimeError: apply failed",
            "ERROR tests/b.py::test_y - ConnectionError",
            "=== 1 failed, 1 error, 1 passed in 3.0s ===",
        ]
    )
    assert flake_rate.failures(output) == [
        "tests/examples/test_lifecycle.py::test_apply[claims-moto] - RuntimeError: apply failed",
        "tests/b.py::test_y - ConnectionError",
    ]


def test_the_known_causes_are_counted_in_every_emulator_log_of_the_run(tmp_path):
    worker = tmp_path / "popen-gw1" / "emulator0"
    worker.mkdir(parents=True)
    (worker / "emulator.log").write_text(
        "Error on request:\nTraceback ...\nharness: CreateStage sent again: its first answer\n"
        "127.0.0.1 - - POST / 200\nharness: served beside a request still running after 30.0s\n"
        "harness: slow request, 31.2s: POST states.us-east-1.amazonaws.com/ AWSStepFunctions.StartSyncExecution\n"
    )
    (tmp_path / "localstack.log").write_text("Error on request:\n")
    counts, lines = flake_rate.log_markers(tmp_path)
    assert counts == {
        "moto request failed with a traceback": 2,
        "create answered again (its first answer was lost)": 1,
        "request served beside a stuck one": 1,
        "request that held the others over 5 s": 1,
    }
    assert (
        "emulator.log: harness: slow request, 31.2s: POST states.us-east-1.amazonaws.com/"
        " AWSStepFunctions.StartSyncExecution" in lines
    )


def test_a_failed_runs_logs_are_kept_flat_under_their_run(tmp_path):
    worker = tmp_path / "run" / "popen-gw1" / "emulator0"
    worker.mkdir(parents=True)
    (worker / "emulator.log").write_text("harness: slow request, 6.0s: GET s3/\n")
    flake_rate.keep_logs(tmp_path / "run", tmp_path / "kept")
    assert (
        tmp_path / "kept" / "popen-gw1_emulator0_emulator.log"
    ).read_text() == "harness: slow request, 6.0s: GET s3/\n"


def test_the_report_gives_each_commits_flake_rate_and_names_every_failure():
    runs = [
        Run("a" * 40, True, 700.0, "1230 passed in 650s"),
        Run(
            "a" * 40,
            False,
            720.0,
            "1 failed, 1229 passed",
            ["tests/x.py::t - 409 Conflict"],
            {"cause": 1},
            ["emulator.log: harness: slow request, 31.0s: POST /x"],
        ),
        Run("b" * 40, True, 690.0, "1230 passed"),
    ]
    text = flake_rate.report(runs)
    assert "aaaaaaaaaa: 2 runs, 1 failed (flake rate 50%); wall 700-720 s" in text
    assert "        tests/x.py::t - 409 Conflict" in text and "cause: 1" in text
    assert "        log emulator.log: harness: slow request, 31.0s: POST /x" in text
    assert "bbbbbbbbbb: 1 runs, 0 failed (flake rate 0%)" in text


def test_terraforms_errors_are_read_from_the_output_each_once_and_pythons_are_not():
    output = "\n".join(
        [
            "FAILED tests/x.py::t - RuntimeError: apply failed",
            "E   tftest.TerraformTestError: ('Error running command apply: 1 module.web: Creating...\\n\\nError: "
            "creating Application Auto Scaling Policy (cpu): ObjectNotFoundException: No scalable target"
            "\\n\\n  with x')",
            "│ Error: creating Application Auto Scaling Policy (cpu): ObjectNotFoundException: No scalable target",
            "Error: reading IAM Role (r): couldn't find resource",
        ]
    )
    assert flake_rate.terraform_errors(output) == [
        "creating Application Auto Scaling Policy (cpu): ObjectNotFoundException: No scalable target",
        "reading IAM Role (r): couldn't find resource",
    ]


def test_a_tests_own_files_are_not_read_as_the_runs_emulator_logs(tmp_path):
    (tmp_path / "popen-gw0" / "emulator0").mkdir(parents=True)
    (tmp_path / "popen-gw0" / "emulator0" / "emulator.log").write_text("harness: slow request, 6.0s: GET /\n")
    fixture = tmp_path / "popen-gw0" / "test_the_known_causes_are_cou0" / "popen-gw1" / "emulator0"
    fixture.mkdir(parents=True)
    (fixture / "emulator.log").write_text("harness: slow request, 31.2s: POST /\n")
    assert flake_rate.emulator_logs(tmp_path) == [tmp_path / "popen-gw0" / "emulator0" / "emulator.log"]
