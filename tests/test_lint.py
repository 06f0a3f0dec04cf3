"""Formatting and lint, so CI (which runs `make test`) enforces what `make lint` shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit

PYTHON_DIRS = ["harness", "tests", "lambda_src", "policies"]


def run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, check=False)


def test_terraform_is_formatted():
    result = run("terraform", "fmt", "-check", "-recursive", "-list=true", ".")
    assert result.returncode == 0, f"terraform fmt would change: {result.stdout.split()} (run make fmt)"


def test_python_is_formatted_and_lint_free():
    ruff = str(Path(sys.executable).with_name("ruff"))
    formatted = run(ruff, "format", "--check", *PYTHON_DIRS)
    assert formatted.returncode == 0, formatted.stdout + formatted.stderr
    checked = run(ruff, "check", *PYTHON_DIRS)
    assert checked.returncode == 0, checked.stdout + checked.stderr
