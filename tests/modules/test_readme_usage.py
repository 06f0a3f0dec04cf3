"""Each module README's usage block plans as written, in the form a consumer copies.

The blocks are joined into one root, planned once. Each `source` (a git address
with `?ref=`) is pointed at this checkout's module folder; nothing else changes.
The zips the blocks name under `${path.module}/build/` are this repository's build
standing in for the consumer's own.
"""

from __future__ import annotations

import re

import pytest

from harness.docs import usage_blocks
from harness.paths import MODULES
from harness.terraform.plan import ModulePlan
from harness.terraform.staging import consumer_root, link_repo, terraform

pytestmark = pytest.mark.plan

GIT_SOURCE = re.compile(r'"git::[^"]+//modules/([a-z0-9-]+)\?ref=[^"]+"')
MODULE_CALL = re.compile(r'^module "([^"]+)"', re.MULTILINE)
INTERNAL = {"iam-statement-rules"}  # called by the modules, not by consumers


def test_every_public_module_readme_has_a_usage_block_in_the_git_form():
    blocks = usage_blocks()
    assert set(blocks) == {p.name for p in MODULES.iterdir() if p.is_dir()} - INTERNAL
    for module, block in blocks.items():
        sources = GIT_SOURCE.findall(block)
        assert sources and sources[0] == module, f"{module}: the first call must source this module by git"
        assert 'source = "../' not in block, f"{module}: a consumer's copy cannot use a relative source"


@pytest.fixture(scope="module")
def readme_plan(scratch, tf_env):
    link_repo(scratch)  # ../modules from the root below
    local = {module: GIT_SOURCE.sub(lambda m: f'"../modules/{m.group(1)}"', b) for module, b in usage_blocks().items()}
    return terraform(consumer_root(scratch / "readme_usage", local), tf_env).plan(output=True)


@pytest.mark.parametrize("module", sorted(usage_blocks()))
def test_the_usage_block_plans_as_written(readme_plan, module):
    for call in MODULE_CALL.findall(usage_blocks()[module]):
        planned = ModulePlan.of(readme_plan, call)
        assert planned.managed, f"{module} README: module {call} planned nothing"
        assert planned.actions() == {"create"}
