"""`make bench`: the figures behind the speed targets, each beside its baseline, in one run.

One file per measurement (tools/bench/<name>.py), each registering itself with what it needs
started: moto (one for the run, started only when a chosen measurement needs it),
LocalStack or PostgreSQL (started by the measurement itself). `python -m tools.bench`
runs them all in the order below; `--only NAME` (repeatable) runs some, `--list` names them.

A new measurement: a file here with a function under `@measurement(...)`, and its name in
ORDER (tests/tools/test_bench.py fails on a file that registers nothing or a name not in ORDER).
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness.emulators.servers import Emulator

# The run's order: the Terraform-bound figures first, then the handlers, then what reads the
# last test run (least privilege).
ORDER = (
    "plan_layers",
    "go_collector",
    "moto_race",
    "flake_runs",
    "suite",
    "thumbnail",
    "decode_bound",
    "tracer",
    "order_events",
    "order_pipeline",
    "fanout_apply",
    "orders_api",
    "api_routes",
    "claims_workflow",
    "image_labels",
    "edge_variant",
    "cost",
    "least_privilege",
)
NEEDS = frozenset({"moto", "localstack", "postgres"})


@dataclass
class Context:
    """What a measurement gets: the run's moto (None when no chosen measurement needs it), a
    scratch folder of its own, and the command line's options."""

    emulator: Emulator | None
    scratch: Path
    args: argparse.Namespace


@dataclass(frozen=True)
class Measurement:
    name: str
    title: str
    needs: frozenset[str]
    run: Callable[[Context], None]


MEASUREMENTS: dict[str, Measurement] = {}


def measurement(title: str, needs: tuple[str, ...] = ()) -> Callable:
    """Register the decorated function as the measurement of its module (the module's name)."""
    unknown = set(needs) - NEEDS
    if unknown:
        raise ValueError(f"unknown needs {sorted(unknown)}: one of {sorted(NEEDS)}")

    def register(run: Callable[[Context], None]) -> Callable[[Context], None]:
        name = run.__module__.rsplit(".", 1)[-1]
        MEASUREMENTS[name] = Measurement(name, title, frozenset(needs), run)
        return run

    return register


def load_all() -> dict[str, Measurement]:
    """Every measurement, in ORDER (each module registers itself when imported)."""
    for name in ORDER:
        importlib.import_module(f"tools.bench.{name}")
    return {name: MEASUREMENTS[name] for name in ORDER}
