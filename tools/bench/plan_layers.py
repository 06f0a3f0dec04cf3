"""Plan and policy layers: how the test suite does them (one plan per shared root, the roots side
by side, one checkov process per kind of scan) beside the naive way (one `terraform plan` per
case, one checkov run per folder): Terraform processes started and time."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from harness.emulators.servers import Emulator
from harness.terraform.diagnostics import plan_errors
from harness.terraform.roots import ROOT_PROVIDERS, ROOTS, assemble, standalone_cases
from harness.terraform.staging import cli_env, link_repo, terraform
from tools.bench import Context, measurement
from tools.policy import hcl_command, hcl_targets, run_scans, stage_targets


def ours(emulator: Emulator, scratch: Path) -> tuple[float, int, int]:
    """As the parallel test session does it: each shared root planned once, the HCL scan
    once, the plan-JSON scan once, in two lanes for two cores (the plan root and its scan
    first, being the longest chain). Returns (seconds, terraform processes, checkov processes)."""
    env = {**os.environ, **emulator.env}
    plan_json = scratch / "plan.json"

    def plan_lane() -> None:
        plan = terraform(assemble("plan", scratch), env).plan(output=True)  # init, plan, show
        plan_json.write_text(json.dumps(plan._raw))
        run_scans(plan_json=plan_json, hcl=False)
        plan_errors(terraform(assemble("preconditions", scratch), env))  # init, plan

    def other_lane() -> None:
        run_scans()
        plan_errors(terraform(assemble("invalid", scratch), env))  # init, plan

    started = time.monotonic()
    with ThreadPoolExecutor(2) as pool:
        for lane in [pool.submit(plan_lane), pool.submit(other_lane)]:
            lane.result()
    return time.monotonic() - started, 3 + 2 * (len(ROOTS) - 1), 2


def naive(emulator: Emulator, scratch: Path) -> tuple[float, int, int, int]:
    """One root per case (init + plan, + show for valid cases), one checkov run per folder."""
    env = cli_env({**os.environ, **emulator.env})
    processes = cases_run = 0
    started = time.monotonic()
    link_repo(scratch)
    providers = ROOT_PROVIDERS.read_text()
    for root in ROOTS:
        for name, file_name, content in standalone_cases(root):
            case_dir = scratch / "tests" / "naive" / f"{root}_{name}"  # the depth of tests/roots/<root>
            case_dir.mkdir(parents=True)
            (case_dir / "providers.tf").write_text(providers)
            (case_dir / file_name).write_text(content)
            commands = [["init", "-input=false"], ["plan", "-input=false", "-out=plan.tfplan"]]
            if root == "plan":
                commands.append(["show", "-json", "plan.tfplan"])
            for args in commands:
                result = subprocess.run(
                    ["terraform", *args], cwd=case_dir, env=env, capture_output=True, check=False, timeout=600
                )
                processes += 1
                if result.returncode != 0:
                    if root == "plan" or args[0] == "init":
                        raise RuntimeError(f"naive {name}: terraform {args[0]} failed:\n{result.stderr[-1500:]}")
                    break  # an invalid case stops at plan, as intended
            cases_run += 1
    checkov_runs = 0
    for target in hcl_targets():
        with tempfile.TemporaryDirectory() as one:
            subprocess.run(
                hcl_command(stage_targets([target], Path(one))), capture_output=True, check=False, timeout=600
            )
            checkov_runs += 1
    return time.monotonic() - started, processes, checkov_runs, cases_run


@measurement("Plan and policy layers (every module case, example and bad input in the repo)", needs=("moto",))
def measure(context: Context) -> None:
    seconds, tf_processes, checkov_processes = ours(context.emulator, context.scratch / "ours")
    cases = sum(len(standalone_cases(root)) for root in ROOTS)
    print(f"    ours : {seconds:6.1f} s  {tf_processes:3d} terraform processes, {checkov_processes} checkov  "
          f"({cases} cases)")  # fmt: skip
    seconds_n, tf_n, checkov_n, cases_n = naive(context.emulator, context.scratch / "naive")
    print(f"    naive: {seconds_n:6.1f} s  {tf_n:3d} terraform processes, {checkov_n} checkov  "
          f"(one root per case, one checkov per folder; {cases_n} cases)")  # fmt: skip
    print(f"    speed-up {seconds_n / seconds:.1f}x")
