"""The flake rate of the recorded fresh-clone runs of `make test` (tools/flake_rate.py)."""

from __future__ import annotations

from tools import flake_rate
from tools.bench import Context, measurement


@measurement("make test from fresh clones (python -m tools.flake_rate; make flake-rate RUNS=5 adds runs)")
def measure(context: Context) -> None:
    print("\n".join(f"    {line}" for line in flake_rate.report(flake_rate.recorded()).splitlines()))
