"""The examples' plan for the cost tool, planned once and kept.

The test session plans the shared root (every example among the module cases) once and
leaves it in build/plans/ with a fingerprint of what it was planned from. `make cost` reuses
that plan while the examples, the modules and the root's fixed part are unchanged; when they
have changed, or there is none, it plans the examples alone, once, on moto as the plan tests
do, and keeps that plan the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness.paths import BUILD, EXAMPLES, MODULES, REPO
from harness.terraform.roots import ROOT_PROVIDERS, assemble_examples

PLANS = BUILD / "plans"
# Files that do not change what Terraform plans.
NOT_PLANNED = ("README.md", "usage.yml")


def fingerprint() -> str:
    """A digest of every file the examples' plan is made from."""
    digest = hashlib.sha256()
    files = [ROOT_PROVIDERS, *(p for folder in (EXAMPLES, MODULES) for p in folder.rglob("*") if p.is_file())]
    for path in sorted(files):
        if path.name in NOT_PLANNED or ".terraform" in path.parts or path.name.endswith((".tfstate", ".lock.hcl")):
            continue
        digest.update(path.relative_to(REPO).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def remember(plan: dict, root: str, folder: Path = PLANS) -> Path:
    """Keep a plan that holds every example's module call (`plan` root or `examples`)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{root}.json"
    partial = path.with_suffix(".json.partial")
    partial.write_text(json.dumps({"fingerprint": fingerprint(), "plan": plan}))
    partial.replace(path)  # a reader never sees half a file
    return path


def current(folder: Path = PLANS) -> tuple[dict, Path] | None:
    """A kept plan made from the files as they are now, if there is one."""
    now = fingerprint()
    for root in ("plan", "examples"):
        path = folder / f"{root}.json"
        if not path.is_file():
            continue
        try:
            kept = json.loads(path.read_text())
        except json.JSONDecodeError:
            continue
        if kept.get("fingerprint") == now:
            return kept["plan"], path
    return None


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def examples_plan(say: Callable[[str], None] = print, folder: Path = PLANS) -> dict:
    """The plan the estimates read: the kept one when current, else one plan of the examples."""
    found = current(folder)
    if found:
        say(f"plan: {_shown(found[1])} (current: made from the examples and modules as they are)")
        return found[0]
    # Imported here: the emulator and tftest are not needed when a kept plan serves.
    from harness.emulators.servers import running_emulator
    from harness.terraform.staging import terraform

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cost-plan-") as scratch:
        staged = assemble_examples(Path(scratch))
        with running_emulator(Path(scratch) / "emulator.log") as emulator:
            plan = terraform(staged, {**os.environ, **emulator.env}).plan(output=True)._raw
    path = remember(plan, "examples", folder)
    say(f"plan: planned the examples once in {time.monotonic() - started:.0f} s, kept in {_shown(path)}")
    return plan
