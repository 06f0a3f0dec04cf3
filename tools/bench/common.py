"""What several measurements share: the code as deployed, latencies, memory."""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from harness.build import function_zip

ROUNDS = 3


def load_deployed(*names: str, example: str | None = None) -> None:
    """Put those functions' built zips first on sys.path: the code timed is the code as deployed,
    an example's settings too, and `python -m tools.bench` has no lambda_src/ on its path."""
    for name in names:
        sys.path.insert(0, str(function_zip(name, example)))


def latencies(send, requests: int) -> tuple[float, float, float]:
    """Sequential calls: requests per second, p50 and p99 in ms."""
    timings = []
    started = time.perf_counter()
    for _ in range(requests):
        before = time.perf_counter()
        send()
        timings.append((time.perf_counter() - before) * 1000)
    elapsed = time.perf_counter() - started
    cuts = statistics.quantiles(timings, n=100)
    return requests / elapsed, cuts[49], cuts[98]


def peak_rss_mb() -> float:
    """This process's resident-set high-water mark. (ru_maxrss would not do: Linux
    carries it across exec, so a child reports its parent's peak.)"""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")
