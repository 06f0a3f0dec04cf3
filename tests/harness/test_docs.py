"""Each module README's input and output tables match its variables.tf and outputs.tf."""

from __future__ import annotations

import pytest

from harness.docs import render, updated_readme
from harness.paths import MODULES

pytestmark = pytest.mark.unit

MODULE_DIRS = sorted(p for p in MODULES.iterdir() if p.is_dir())


@pytest.mark.parametrize("module", MODULE_DIRS, ids=lambda p: p.name)
def test_readme_tables_are_current(module):
    current, wanted = updated_readme(module)
    assert current == wanted, f"{module.name}/README.md tables are stale: run make docs"


@pytest.mark.parametrize("module", MODULE_DIRS, ids=lambda p: p.name)
def test_every_input_and_output_is_described(module):
    for line in render(module).splitlines():
        if line.startswith("| `"):
            assert line.split("|")[2].strip(), f"{module.name}: {line.split('|')[1].strip()} has no description"


@pytest.mark.parametrize("module", MODULE_DIRS, ids=lambda p: p.name)
def test_module_has_the_standard_files(module):
    for name in ("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md"):
        assert (module / name).is_file(), f"{module.name} lacks {name}"
