"""harness/terraform.stage: roots run on copies, and the repository is never written."""

from __future__ import annotations

import pytest

from harness.paths import EXAMPLES
from harness.terraform import stage

pytestmark = pytest.mark.unit


def test_staging_never_writes_through_a_link_into_the_repository(tmp_path):
    before = sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir())
    stage("tests/plan_root", tmp_path)  # links examples/ into the scratch tree
    assert (tmp_path / "examples").is_symlink()
    staged = stage("examples/thumbnails", tmp_path, emulator_kind="moto")
    assert not (tmp_path / "examples").is_symlink()
    assert (staged / "zz_emulator_override.tf").is_file()
    assert (tmp_path / "modules" / "sns-sqs-fanout" / "zz_emulator_override.tf").is_file()
    # The repository's example is untouched: no override file, nothing removed.
    assert sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir()) == before
    assert not (EXAMPLES / "thumbnails" / "zz_emulator_override.tf").exists()
