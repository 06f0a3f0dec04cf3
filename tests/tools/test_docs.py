"""Each module README's input and output tables match its variables.tf and outputs.tf; the
policy table in policies/README.md matches the checks."""

from __future__ import annotations

import re
import subprocess

import pytest

from harness.paths import MODULES, REPO
from tools.docs import POLICIES, checkov_rules, policy_rules, render, updated_policy_readme, updated_readme

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


def _folders(top: str) -> list[str]:
    return sorted(
        f"{top}/{p.name}/" for p in (REPO / top).iterdir() if p.is_dir() and not p.name.startswith(("_", "."))
    )


@pytest.mark.parametrize("top", ["harness", "tools", "tests", "policies"])
def test_the_readme_layout_and_make_help_name_every_folder(top):
    """The README's Layout and `make help` describe the tree as it is: a folder added under
    harness/, tools/, tests/ or policies/ without a word in either fails here."""
    layout = re.search(r"## Layout\n\n```\n(.*?)```", (REPO / "README.md").read_text(), re.DOTALL).group(1)
    shown = subprocess.run(["make", "--no-print-directory", "help"], cwd=REPO, capture_output=True, text=True).stdout
    for folder in _folders(top):
        name = folder.removeprefix(f"{top}/")
        assert folder in layout or (folder.startswith("tests/") and name in layout), f"README Layout lacks {folder}"
        assert name.rstrip("/") in shown, f"make help lacks {folder}"


def test_the_policy_table_is_current():
    current, wanted = updated_policy_readme()
    assert current == wanted, "policies/README.md's table is stale: run make docs"


def test_every_policy_has_one_id_and_says_its_rule():
    rules = policy_rules()
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)), f"an id used twice: {sorted(ids)}"
    assert [r.source for r in rules if not r.rule or not r.resources] == []


def test_the_table_reads_every_check_checkov_loads():
    # checkov loads every class in policies/checks that names an id; the reader finds the same
    # ones, so a check added in a new file or with another layout cannot drop out of the table.
    loaded = set()
    for path in (POLICIES / "checks").glob("*.py"):
        loaded |= set(re.findall(r'id="(CKV_ASM_\d+)"', path.read_text()))
    assert {r.id for r in checkov_rules(POLICIES / "checks")} == loaded
