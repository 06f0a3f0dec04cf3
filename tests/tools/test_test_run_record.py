"""The record `make release` asks for: only a passing whole-suite run on a clean tree writes it.

Each case runs pytest in a throwaway clone of this checkout (its working tree committed),
whose tests/ holds the real conftest.py and one trivial test, so "the whole suite" is one
test and costs a second. tests/conftest.py writes build/test-runs/<commit>.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import REPO
from tools.release.gates import head, throwaway_git, working_tree_clone

pytestmark = pytest.mark.unit


@pytest.fixture
def clone(tmp_path) -> Path:
    clone = working_tree_clone(REPO, tmp_path)
    (clone / "tests" / "test_one.py").write_text("import pytest\n\n\n@pytest.mark.unit\ndef test_one():\n    pass\n")
    throwaway_git(clone, "add", "-A")
    throwaway_git(clone, "commit", "-q", "-m", "one test")
    return clone


def _pytest(clone: Path, *args: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pytest", "-q", "-n", "0", *args]
    return subprocess.run(command, cwd=clone, capture_output=True, text=True, timeout=300)


def _records(clone: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((clone / "build" / "test-runs").glob("*.json"))]


def test_a_passing_whole_suite_run_on_a_clean_tree_records_its_commit(clone):
    result = _pytest(clone)
    assert result.returncode == 0, result.stdout + result.stderr
    [record] = _records(clone)
    assert record["commit"] == head(clone)
    assert record["tests_passed"] == 1


@pytest.mark.parametrize(
    "args",
    [
        ("-p", "no:cacheprovider", "tests/test_one.py::test_one"),
        ("-m", "unit"),
        ("-k", "one"),
        ("tests/test_one.py",),
        ("--co",),
    ],
)
def test_a_narrowed_run_records_nothing_and_ends_cleanly(clone, args):
    result = _pytest(clone, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INTERNALERROR" not in result.stdout + result.stderr
    assert _records(clone) == []


def test_a_run_on_a_dirty_tree_records_nothing(clone):
    (clone / "notes.txt").write_text("uncommitted")
    assert _pytest(clone).returncode == 0
    assert _records(clone) == []


def test_a_failing_run_records_nothing(clone):
    (clone / "tests" / "test_one.py").write_text("def test_one():\n    assert False\n")
    throwaway_git(clone, "commit", "-q", "-am", "a failing test")
    assert _pytest(clone).returncode == 1
    assert _records(clone) == []
