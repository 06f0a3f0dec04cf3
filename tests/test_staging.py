"""harness/terraform.stage: roots run on copies, and the repository is never written."""

from __future__ import annotations

import pytest

from harness.paths import EXAMPLES
from harness.terraform.staging import stage

pytestmark = pytest.mark.unit


def test_staging_never_writes_through_a_link_into_the_repository(tmp_path):
    before = sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir())
    stage("tests/plan_root", tmp_path)  # links examples/ into the scratch tree
    assert (tmp_path / "examples").is_symlink()
    staged = stage("examples/thumbnails", tmp_path, emulator_kind="moto")
    assert not (tmp_path / "examples").is_symlink()
    assert (staged / "zz_emulator_override.tf").is_file()
    assert (tmp_path / "modules" / "fargate-service" / "zz_emulator_override.tf").is_file()
    # The repository's example is untouched: no override file, nothing removed.
    assert sorted(p.name for p in (EXAMPLES / "thumbnails").iterdir()) == before
    assert not (EXAMPLES / "thumbnails" / "zz_emulator_override.tf").exists()


def test_each_plan_case_stands_alone_for_the_naive_bench():
    """make bench plans every case on its own beside one root per layer: each case, with its
    file's locals and the root's providers.tf, must declare every local it uses."""
    import re

    from harness.bench import LOCALS_BLOCK, PLAN_ROOTS, split_cases
    from harness.paths import REPO

    declared_in = lambda text: {  # noqa: E731
        name for block in LOCALS_BLOCK.findall(text) for name in re.findall(r"^  ([a-z_][a-z0-9_]*)\s*=", block, re.M)
    }
    for root in PLAN_ROOTS:
        shared = declared_in((REPO / root / "providers.tf").read_text())
        for name, case in split_cases(root):
            used = set(re.findall(r"\blocal\.([a-z_][a-z0-9_]*)", case))
            assert used <= shared | declared_in(case), (
                f"{root}: {name} uses undeclared {used - shared - declared_in(case)}"
            )


def test_every_emulator_override_file_names_a_module_or_example_that_exists():
    """harness/emulators/overrides/<emulator>/modules/<module>.tf and .../examples/<example>.tf: a stale
    one would silently stop applying."""
    from harness.emulators.gaps import EMULATOR_MODULE_OVERRIDES, EMULATOR_ROOT_OVERRIDES
    from harness.paths import MODULES, REPO

    for overrides in EMULATOR_MODULE_OVERRIDES.values():
        assert all((MODULES / module).is_dir() for module in overrides), sorted(overrides)
    for overrides in EMULATOR_ROOT_OVERRIDES.values():
        assert all((REPO / root).is_dir() for root in overrides), sorted(overrides)
    assert EMULATOR_MODULE_OVERRIDES["moto"] and EMULATOR_ROOT_OVERRIDES["moto"]
