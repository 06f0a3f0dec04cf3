"""The Go runtime settings Terraform runs with in the harness (harness/terraform/staging.py
GO_RUNTIME_ENV) beside Go's defaults: one plan of the shared root of bad inputs, its CPU
seconds (Terraform and the provider processes it starts) and the largest process's memory."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from pathlib import Path

from harness.terraform.roots import assemble, cases
from harness.terraform.staging import GO_RUNTIME_ENV, TERRAFORM_WITH_TIMEOUT, cli_env, terraform
from tools.bench import Context, measurement

GO_DEFAULTS = {"GOGC": "100", "GOMEMLIMIT": "off"}  # what Go does when neither is set


def planned(root: Path, env: dict[str, str], expected: int) -> tuple[float, float, int]:
    """One `terraform plan` of the root of bad inputs: (wall seconds, CPU seconds, peak RSS in
    MiB). It must end with one error per case (`expected`), as in the suite, or it measured
    something else."""
    started = time.monotonic()
    with tempfile.TemporaryFile("w+") as out:
        process = subprocess.Popen(
            [str(TERRAFORM_WITH_TIMEOUT), "plan", "-input=false", "-no-color", "-json"],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        # wait4: this process's own usage, with the provider processes Terraform started and reaped.
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        errors = [json.loads(line) for line in out if line.startswith("{") and '"@level":"error"' in line]
    if len(errors) != expected:
        summaries = sorted({e.get("diagnostic", {}).get("summary", "") for e in errors})
        raise RuntimeError(f"plan of {root}: {len(errors)} errors, not one per case ({expected}): {summaries}")
    return time.monotonic() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024


@measurement("Terraform's Go runtime: the harness's collector settings beside Go's defaults", needs=("moto",))
def measure(context: Context) -> None:
    env = {**os.environ, **context.emulator.env}
    root = assemble("invalid", context.scratch)
    expected = len(cases("invalid"))
    initialised = terraform(root, env)  # kept: tftest removes .terraform when its handle goes
    for label, go_env in (("Go's defaults", GO_DEFAULTS), ("harness", GO_RUNTIME_ENV)):
        wall, cpu, peak = planned(root, {**cli_env(env), **go_env}, expected)
        settings = " ".join(f"{k}={v}" for k, v in go_env.items())
        print(f"    {label:13}: {wall:6.1f} s, {cpu:6.1f} s CPU, largest process {peak:5d} MiB  ({settings})")
    del initialised
