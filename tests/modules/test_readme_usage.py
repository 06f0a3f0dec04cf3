"""Each module README's usage block plans as written, in the form a consumer copies.

The blocks are joined into one root, planned once. Each `source` (a registry address
with its `version`) is pointed at this checkout's module folder; nothing else changes.
tests/consumer/ runs two blocks as written through a registry serving dist/.
The zips the blocks name under `${path.module}/build/` are this repository's build
standing in for the consumer's own.
"""

from __future__ import annotations

import re

import pytest

from harness.paths import MODULES
from harness.terraform.plan import ModulePlan
from harness.terraform.staging import consumer_root, link_repo, terraform
from tools.docs import registry_calls, usage_blocks, with_sources
from tools.release.package import public_modules

pytestmark = pytest.mark.plan

MODULE_CALL = re.compile(r'^module "([^"]+)"', re.MULTILINE)


def test_every_public_module_readme_has_a_usage_block_in_the_registry_form():
    blocks = usage_blocks()
    assert set(blocks) == set(public_modules(MODULES))
    for module, block in blocks.items():
        calls = registry_calls(block)
        assert calls and calls[0][0] == module, f"{module}: the first call must source this module from the registry"
        assert len(calls) == len(MODULE_CALL.findall(block)), f"{module}: every module call needs source and version"
        assert {version for _, version in calls} == {"~> 1.0"}, f"{module}: pin the release the README documents"
        assert 'source = "../' not in block, f"{module}: a consumer's copy cannot use a relative source"


@pytest.fixture(scope="module")
def readme_plan(scratch, tf_env):
    link_repo(scratch)  # ../modules from the root below
    local = {module: with_sources(b, lambda name: f"../modules/{name}") for module, b in usage_blocks().items()}
    return terraform(consumer_root(scratch / "readme_usage", local), tf_env).plan(output=True)


@pytest.mark.parametrize("module", sorted(usage_blocks()))
def test_the_usage_block_plans_as_written(readme_plan, module):
    for call in MODULE_CALL.findall(usage_blocks()[module]):
        planned = ModulePlan.of(readme_plan, call)
        assert planned.managed, f"{module} README: module {call} planned nothing"
        assert planned.actions() == {"create"}
