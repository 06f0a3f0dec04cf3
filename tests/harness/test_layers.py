"""The two houses keep their direction: harness/ (what stands in for AWS and drives Terraform)
imports nothing from tools/ (what people run), and the test infrastructure (the conftest
files) imports no tool either; tools hook into a test session as pytest plugins of theirs."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from harness.paths import REPO

pytestmark = pytest.mark.unit


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def _importing_tools(files: list[Path]) -> list[str]:
    return sorted(
        f"{path.relative_to(REPO)}: {module}"
        for path in files
        for module in _imports(path)
        if module == "tools" or module.startswith("tools.")
    )


def test_the_harness_imports_no_tool():
    files = sorted((REPO / "harness").rglob("*.py"))
    assert len(files) > 30
    assert _importing_tools(files) == []


def test_no_conftest_imports_a_tool():
    files = sorted((REPO / "tests").rglob("conftest.py"))
    assert REPO / "tests" / "conftest.py" in files
    assert _importing_tools(files) == []


def test_the_check_sees_an_import_of_a_tool(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from tools.cost.plans import remember\nimport tools.release.gates\nfrom . import x\n")
    assert _imports(sample) == {"tools.cost.plans", "tools.release.gates"}
