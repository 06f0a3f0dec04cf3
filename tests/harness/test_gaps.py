"""harness/emulators/gaps.py: the list of AWS's checks names files that exist."""

from __future__ import annotations

import pytest

from harness.emulators.gaps import AWS_CHECKS
from harness.paths import REPO

pytestmark = pytest.mark.unit


def test_every_check_the_harness_models_names_a_file_of_the_repository_and_a_source():
    for check, (where, source) in AWS_CHECKS.items():
        assert source, check
        assert where == "not modeled" or (REPO / where).exists(), f"{check}: {where} does not exist"
    assert any(where == "not modeled" for where, _ in AWS_CHECKS.values())
