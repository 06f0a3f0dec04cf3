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
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness.paths import BUILD, EXAMPLES, MODULES, REPO
from harness.terraform.roots import ROOT_PROVIDERS, assemble_examples
from harness.terraform.staging import TERRAFORM_WITH_TIMEOUT, cli_env

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
    # A reader never sees half a file, and two writers at once (test workers, `make cost`)
    # never share the unfinished one: the last whole file wins.
    with tempfile.NamedTemporaryFile("w", dir=folder, prefix=f".{root}-", suffix=".partial", delete=False) as partial:
        json.dump({"fingerprint": fingerprint(), "plan": plan}, partial)
    Path(partial.name).replace(path)
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


def _plan(root: Path, env: dict[str, str]) -> dict:
    """init, plan and show, as the tests' plan does; nothing to refresh in a new root, and
    parallel reads of the emulator's data sources (a third off the ~25 s it takes)."""
    commands = (
        ["init", "-input=false", "-backend=false"],
        ["plan", "-input=false", "-refresh=false", "-parallelism=32", "-out=examples.tfplan"],
        ["show", "-json", "examples.tfplan"],
    )
    for command in commands:
        result = subprocess.run(
            [str(TERRAFORM_WITH_TIMEOUT), *command], cwd=root, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            raise RuntimeError(f"terraform {command[0]} of the examples failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout)


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO)) if path.is_relative_to(REPO) else str(path)


def examples_plan(say: Callable[[str], None] = print, folder: Path = PLANS) -> dict:
    """The plan the estimates read: the kept one when current, else one plan of the examples."""
    found = current(folder)
    if found:
        say(f"plan: {_shown(found[1])} (current: made from the examples and modules as they are)")
        return found[0]
    from harness.emulators.servers import running_emulator  # not needed when a kept plan serves

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="cost-plan-") as scratch:
        staged = assemble_examples(Path(scratch))
        with running_emulator(Path(scratch) / "emulator.log") as emulator:
            plan = _plan(staged, cli_env({**os.environ, **emulator.env}))
    path = remember(plan, "examples", folder)
    say(f"plan: planned the examples once in {time.monotonic() - started:.0f} s, kept in {_shown(path)}")
    return plan
