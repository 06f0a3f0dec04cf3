"""State written by the previous release's modules plans against this checkout's modules
with no replacement: every address that moved carries a `moved` block, and it works.

For each module whose addresses moved since the previous release (read from the two
trees, tools/release/interface.py), tests/tools/release/moved/<module>.tf is a call valid
in both versions. It is applied on the harness's moto with its `./library/` source
pointing at the previous release's modules/, then at this checkout's modules/, and
the root is planned: nothing is deleted or replaced, and each moved object shows
its previous address.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from harness.emulators.inventory import leftovers
from harness.paths import MODULES, REPO
from harness.terraform.staging import consumer_root, terraform
from tools.release import gates, interface, package

pytestmark = pytest.mark.apply

CASES = Path(__file__).parent / "moved"
LIBRARY = "./library/"  # in each case: the previous release's modules, then this checkout's


def _previous_release() -> str:
    return gates.last_release(REPO) or gates.released_versions((REPO / "CHANGELOG.md").read_text())[0]


@pytest.fixture(scope="module")
def previous_modules(tmp_path_factory) -> Path:
    return gates.extract_modules(
        REPO, gates.release_ref(REPO, _previous_release()), tmp_path_factory.mktemp("previous")
    )


def _nested(address: str) -> bool:
    """An address inside a module call: module.consumer.aws_sqs_queue.dead_letter."""
    return address.startswith("module.") and address.count(".") > 1


def _moved_addresses(old_modules: Path, module: str) -> dict[str, str]:
    """Old address -> new address, for the addresses of `module` that its own moved blocks
    move (a move inside a called module is that module's, and its own case proves it)."""
    old, new = interface.read(old_modules / module), interface.read(MODULES / module)
    moved = {}
    for address in sorted(a for a in old.addresses - new.addresses if not _nested(a)):
        destination = interface.destination(address, new.moved)
        if destination in new.addresses:
            moved[address] = destination
    return moved


def test_every_module_whose_addresses_moved_has_a_case(previous_modules):
    moving = {m for m in package.public_modules(previous_modules) if _moved_addresses(previous_modules, m)}
    assert moving, "nothing moved since the previous release: this test would prove nothing"
    assert moving == {case.stem for case in CASES.glob("*.tf")}


def _unindexed(address: str) -> str:
    return re.sub(r"\[[^\]]*\]$", "", address)


@pytest.mark.parametrize("module", sorted(case.stem for case in CASES.glob("*.tf")))
def test_the_previous_release_state_plans_without_replacement(module, previous_modules, emulator, tf_env, tmp_path):
    case = (CASES / f"{module}.tf").read_text()
    assert f'source = "{LIBRARY}' in case
    root = consumer_root(tmp_path / "root", {module: case.replace(LIBRARY, "./previous/")})
    (root / "previous").symlink_to(previous_modules, target_is_directory=True)
    (root / "current").symlink_to(MODULES, target_is_directory=True)
    emulator.reset()
    tf = terraform(root, tf_env)
    tf.apply()
    try:
        # A new source, so init installs the new version (a relinked folder would keep the old record).
        (root / f"{module}.tf").write_text(case.replace(LIBRARY, "./current/"))
        tf.setup(upgrade=False)
        plan = tf.plan(output=True)
        replaced = [
            f"{address}: {change['change']['actions']}"
            for address, change in plan.resource_changes.items()
            if "delete" in change["change"]["actions"]
        ]
        assert replaced == []
        moves = {
            _unindexed(change["previous_address"]): _unindexed(address)
            for address, change in plan.resource_changes.items()
            if change.get("previous_address")
        }
        expected = _moved_addresses(previous_modules, module)
        assert moves == {f"module.subject.{old}": f"module.subject.{new}" for old, new in expected.items()}
    finally:
        tf.destroy(auto_approve=True)
    assert leftovers(emulator) == []
