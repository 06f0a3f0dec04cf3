"""`make demo EXAMPLE=<name>` (tools/demo.py): every example has a walk that a scenario test
runs, the listing names them, Terraform's progress is shown, and a failed step is named
after everything was destroyed. The walks themselves run in the examples' scenario tests
(tests/examples/<example>/test_apply*.py), on the session's deployments."""

from __future__ import annotations

import json
import logging
import re
from types import SimpleNamespace

import pytest

from harness.paths import REPO
from harness.scenarios import Narrator, module_name, scenario
from harness.terraform.lifecycle import deployment_of
from harness.terraform.roots import example_names
from tools import demo

pytestmark = pytest.mark.unit


@pytest.mark.parametrize("example", example_names())
def test_every_example_has_a_walk_on_a_declared_deployment_that_its_scenario_tests_run(example):
    walk = scenario(example)
    assert walk.USE_CASE and len(walk.USE_CASE) <= 110, walk.USE_CASE  # one line in the listing
    deployment_of(example, walk.EMULATOR)  # LookupError if deployments.yml declares no such deployment
    short = module_name(example).rsplit(".", 1)[1]
    callers = [
        path.relative_to(REPO)
        for path in sorted((REPO / "tests" / "examples" / example).glob("test_apply*.py"))
        # the walk called by name, or through tests/examples/conftest.py's `walked` fixture
        if re.search(rf"\b{short}(_walk)?\.walk\(|^def test_\w+\([^)]*\bwalked\b", path.read_text(), re.M)
    ]
    assert callers, f"no scenario test of {example} runs harness/scenarios/{short}.py's walk: the demo could rot"


def test_there_are_ten_examples_and_the_listing_names_each_with_its_use_case(capsys):
    assert len(example_names()) == 10
    assert demo.main(["--example", "list"]) == 0
    listed = capsys.readouterr().out
    for example in example_names():
        assert re.search(rf"^  {re.escape(example)} +{re.escape(scenario(example).USE_CASE)}$", listed, re.M), example


def test_an_unknown_example_is_refused_with_the_listing(capsys):
    assert demo.main(["--example", "thumbnail"]) == 2
    err = capsys.readouterr().err
    assert "no example 'thumbnail'" in err and "order-pipeline" in err


def test_terraform_progress_counts_completed_resources_against_the_plan():
    say = Narrator()
    with demo.terraform_progress(say):
        log = logging.getLogger("tftest")
        for line in (
            "Plan: 3 to add, 0 to change, 0 to destroy.",
            "aws_sqs_queue.a: Creating...",
            "aws_sqs_queue.a: Creation complete after 1s [id=https://sqs/a]",
            "aws_lambda_function.f: Still creating... [10s elapsed]",
            "aws_lambda_function.f: Creation complete after 12s [id=f]",
        ):
            log.info(line)
    assert say.lines == [
        "    Plan: 3 to add, 0 to change, 0 to destroy",
        "    [1/3] creation done: aws_sqs_queue.a (1s)",
        "      ... still creating aws_lambda_function.f (10s)",
        "    [2/3] creation done: aws_lambda_function.f (12s)",
    ]
    assert not logging.getLogger("tftest").handlers  # gone after the block


def test_the_functions_log_lines_are_told_one_short_line_each():
    say = Narrator()
    logs = demo.FunctionLogs(say)
    entry = {"level": "ERROR", "message": "Malformed order event", "service": "orders", "function_name": "billing"}
    logs.write(json.dumps(entry) + "\nplain text\n{not json")
    logs.write("}\n")
    assert say.lines == ["      | billing ERROR: Malformed order event", "      | plain text", "      | {not json}"]


class _Deployments:
    """Stands in for harness/terraform/lifecycle.Deployments to follow run()'s control flow only."""

    closed = False

    def __init__(self, service, scratch):
        self.service = service

    def get(self, deployment):
        return SimpleNamespace(outputs={"bucket_name": "b"}, tf=None)

    def emulator(self, deployment):
        return SimpleNamespace(kind="moto")

    def close(self):
        type(self).closed = True


@pytest.mark.parametrize(
    ("raised", "code", "told"),
    [
        (
            RuntimeError("AccessDenied: s3:PutObject"),
            1,
            "demo failed at step: Upload a photo\nRuntimeError: AccessDenied",
        ),
        (KeyboardInterrupt(), 130, "interrupted during: Upload a photo\nthe example was destroyed"),
    ],
    ids=["a-step-fails", "ctrl-c"],
)
def test_a_failed_or_interrupted_step_is_named_after_the_example_was_destroyed(monkeypatch, capsys, raised, code, told):
    def failing_walk(stage, say):
        say.step("Upload a photo")
        raise raised

    _Deployments.closed = False
    monkeypatch.setattr(demo, "Deployments", _Deployments)
    monkeypatch.setattr(demo.Services, "__call__", lambda self, name: SimpleNamespace(kind="moto"))
    monkeypatch.setattr(scenario("thumbnails"), "walk", failing_walk)
    assert demo.main(["--example", "thumbnails"]) == code
    captured = capsys.readouterr()
    assert _Deployments.closed
    assert "==> terraform destroy examples/thumbnails" in captured.out
    assert told in captured.err
