"""The record `make release` asks for, left by the test session (loaded by pyproject.toml's addopts).

A whole-suite run (`make test`: every test under tests/, nothing selected away) that passed
on a clean tree writes build/test-runs/<commit>.json; no other run does.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from harness.paths import REPO
from tools.release import gates

_TESTED_COMMIT = pytest.StashKey[str | None]()


def _clean_head() -> str | None:
    """HEAD when the working tree has nothing uncommitted (what `make release` may tag)."""
    try:
        return None if gates.uncommitted(REPO) else gates.head(REPO)
    except (OSError, subprocess.CalledProcessError):
        return None  # not a git checkout


def _whole_suite(config: pytest.Config) -> bool:
    """The run `make test` does: every test under tests/, nothing selected away."""
    option = config.option
    selected = [Path(config.invocation_params.dir, arg).resolve() for arg in config.args]
    # lf comes from the cache plugin, absent under -p no:cacheprovider.
    narrowed = option.markexpr or option.keyword or option.deselect or option.collectonly
    return selected == [REPO / "tests"] and not narrowed and not getattr(option, "lf", False)


def pytest_sessionstart(session: pytest.Session) -> None:
    if not hasattr(session.config, "workerinput"):  # the controller (or the one process with -n 0)
        session.config.stash[_TESTED_COMMIT] = _clean_head()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    commit = session.config.stash.get(_TESTED_COMMIT, None)
    if exitstatus == 0 and commit and _whole_suite(session.config) and _clean_head() == commit:
        gates.record_test_run(REPO, commit, session.testscollected)
