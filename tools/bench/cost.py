"""`make cost` (every example's estimate): with the plan kept from an earlier run (or the test
session's), and with none kept (the examples planned once, in one root), beside the naive way
(one plan per example); target 30 s."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from harness.emulators.servers import Emulator
from harness.paths import REPO
from harness.terraform.roots import ROOT_PROVIDERS, standalone_cases
from harness.terraform.staging import link_repo, terraform
from tools.bench import Context, measurement


def cost_timings(emulator: Emulator, scratch: Path, naive_too: bool) -> dict[str, float]:
    """Wall time of `python -m tools.cost estimate --all` without a kept plan, then with the
    plan that run kept; and, naively, one init + plan + show per example."""
    plans = scratch / "plans"
    command = [sys.executable, "-m", "tools.cost", "estimate", "--all", "--plans", str(plans)]
    env = {k: v for k, v in os.environ.items() if k != "AWS_ENDPOINT_URL"}  # the tool starts its own moto
    times = {}
    for label in ("no plan kept", "plan kept"):
        started = time.monotonic()
        subprocess.run(command, cwd=REPO, env=env, check=True, capture_output=True, timeout=600)
        times[label] = time.monotonic() - started
    if naive_too:
        started = time.monotonic()
        link_repo(scratch / "naive")
        for call, file_name, content in standalone_cases("plan"):
            if not call.startswith("example_"):
                continue
            root = scratch / "naive" / "tests" / "naive" / call  # the depth of tests/roots/<root>
            root.mkdir(parents=True)
            shutil.copy(ROOT_PROVIDERS, root / ROOT_PROVIDERS.name)
            (root / file_name).write_text(content)
            terraform(root, {**os.environ, **emulator.env}).plan(output=True)
        times["one plan per example"] = time.monotonic() - started
    return times


@measurement("make cost: every example's monthly estimate (target: 30 s)", needs=("moto",))
def measure(context: Context) -> None:
    for label, seconds in cost_timings(context.emulator, context.scratch / "cost", naive_too=True).items():
        print(f"    {label:22} {seconds:6.1f} s")
