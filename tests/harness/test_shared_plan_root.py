"""The shared plan root is planned once per test session, however many workers read it.

Each case runs pytest with two workers in a throwaway clone of this checkout whose tests/
holds the real conftest.py with a counting fake standing in for the initialised root
(`plan_root_tf`, redefined at its end, so no Terraform runs), and two test files in two
xdist groups that both read `plan_root`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import REPO
from tools.release.gates import working_tree_clone

pytestmark = pytest.mark.unit

FAKE_ROOT = """

import os as _os
from pathlib import Path as _Path

import tftest as _tftest

PLANS = _Path(_os.environ["PLANS_MADE"])


class CountingRoot:
    def plan(self, output=True):
        with PLANS.open("a") as made:
            made.write(_os.environ.get("PYTEST_XDIST_WORKER", "master") + "\\n")
        return _tftest.TerraformPlanOutput({"planned_values": {}, "format_version": "1.2"})


@pytest.fixture(scope="session")
def plan_root_tf():
    return CountingRoot()
"""

READER = """
import pytest


@pytest.mark.unit
def test_reads_the_plan(plan_root):
    assert plan_root._raw["format_version"] == "1.2"
"""


@pytest.fixture
def clone(tmp_path) -> Path:
    clone = working_tree_clone(REPO, tmp_path)
    (clone / "tests" / "readers").mkdir()
    shutil.copytree(REPO / "tests" / "roots", clone / "tests" / "roots")  # `make cost`'s fingerprint reads it
    with (clone / "tests" / "conftest.py").open("a") as conftest:
        conftest.write(FAKE_ROOT)
    for name in ("test_first.py", "test_second.py"):  # two files: two xdist groups, two workers
        (clone / "tests" / "readers" / name).write_text(READER)
    return clone


def test_two_workers_reading_the_plan_root_plan_it_once(clone, tmp_path):
    plans_made = tmp_path / "plans-made.txt"
    command = [sys.executable, "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "tests"]
    env = {**_clean_environ(), "PLANS_MADE": str(plans_made)}
    result = subprocess.run(command, cwd=clone, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout, result.stdout
    assert len(plans_made.read_text().split()) == 1, plans_made.read_text()
    # and `make cost` was told about the one plan
    kept = json.loads((clone / "build" / "plans" / "plan.json").read_text())
    assert kept["plan"]["format_version"] == "1.2"


def _clean_environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "AWS_ENDPOINT"))}
