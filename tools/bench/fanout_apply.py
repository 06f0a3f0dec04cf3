"""The apply (and destroy) time of examples/order-fanout on the emulator."""

from __future__ import annotations

import os
import time
from pathlib import Path

from harness.emulators.servers import Emulator
from harness.terraform.staging import stage, terraform
from tools.bench import Context, measurement


def example_apply_time(emulator: Emulator, scratch: Path, example: str) -> tuple[float, float]:
    tf = terraform(stage(example, scratch, emulator_kind=emulator.kind), {**os.environ, **emulator.env})
    started = time.monotonic()
    try:
        tf.apply()
        applied = time.monotonic() - started
    finally:
        started = time.monotonic()
        tf.destroy(auto_approve=True)
    return applied, time.monotonic() - started


@measurement("examples/order-fanout on the emulator (3 consumers: 6 queues, 3 functions, topic, table)",
             needs=("moto",))  # fmt: skip
def measure(context: Context) -> None:
    context.emulator.reset()
    applied, destroyed = example_apply_time(context.emulator, context.scratch / "fanout", "examples/order-fanout")
    print(f"    apply {applied:.0f} s, destroy {destroyed:.0f} s (the AWS provider waits ~25 s per new queue)")
