"""The whole suite's wall time, serially beside the parallel workers `make test` uses."""

from __future__ import annotations

import subprocess
import sys
import time

from harness.paths import REPO
from tools.bench import Context, measurement


def suite_wall_times(workers: int) -> dict[str, float]:
    """`make test`'s pytest, serially (-n 0) and in `workers` workers, one after the other on
    this machine: wall seconds each. Each run starts its own emulators."""
    times = {}
    for label, args in (("serial", ["-n", "0"]), (f"{workers} workers", ["-n", str(workers)])):
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
            cwd=REPO, capture_output=True, text=True, check=False, timeout=7200,
        )  # fmt: skip
        times[label] = time.monotonic() - started
        summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:]
        print(f"    {label:10}: {times[label]:6.0f} s  ({summary.strip('= ')})")
    return times


@measurement("The test suite (make test's pytest), serially beside the workers make test uses")
def measure(context: Context) -> None:
    workers = context.args.workers
    times = suite_wall_times(workers)
    print(f"    speed-up {times['serial'] / times[f'{workers} workers']:.1f}x ({workers} workers)")
