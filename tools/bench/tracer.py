"""What tracing costs a handler: the cold import of order_events.handler (the built zip on the
built powertools layer, as Lambda's sys.path puts them) with the Tracer on, as in Lambda with
tracing Active, beside off; and the layer's size with the X-Ray SDK beside without it."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import zipfile
from pathlib import Path

from harness.build import function_zip
from harness.paths import BUILD
from tools.bench import Context, measurement

IMPORT = "import sys, time; sys.path[:0] = sys.argv[1:]; t = time.perf_counter(); import order_events.handler; print(time.perf_counter() - t)"  # noqa: E501
TRACED = {"LAMBDA_TASK_ROOT": "/var/task", "_X_AMZN_TRACE_ID": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}


def cold_import(layer: Path, traced: bool) -> float:
    environment = {k: v for k, v in os.environ.items() if k not in TRACED and k != "PYTHONPATH"}
    environment |= {"AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1", "POWERTOOLS_SERVICE_NAME": "bench"}
    environment |= TRACED if traced else {}
    command = [sys.executable, "-c", IMPORT, str(function_zip("order_events")), str(layer / "python")]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True, timeout=120)
    return float(done.stdout)


def cold_imports(layer: Path, runs: int = 9) -> tuple[float, float]:
    """Median seconds off and on, alternating (drift hits both alike), after one import of each
    that leaves the extracted layer's bytecode behind, as Lambda's runtime has its own."""
    cold_import(layer, traced=False), cold_import(layer, traced=True)
    times: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(runs):
        for traced in times:
            times[traced].append(cold_import(layer, traced))
    return statistics.median(times[False]), statistics.median(times[True])


@measurement("Tracing's cost: order_events' cold import with the Tracer on beside off; the layer's size")
def measure(context: Context) -> None:
    layer_zip = BUILD / "layers" / "powertools.zip"
    with zipfile.ZipFile(layer_zip) as zf:
        zf.extractall(context.scratch / "layer")
        xray = sum(
            i.compress_size for i in zf.infolist() if i.filename.startswith(("python/aws_xray_sdk", "python/wrapt"))
        )
    off, on = cold_imports(context.scratch / "layer")
    print(f"    cold import, Tracer off: {off * 1000:6.0f} ms   on (Lambda, tracing Active): {on * 1000:6.0f} ms "
          f"(+{(on - off) * 1000:.0f} ms, median of 9 fresh processes)")  # fmt: skip
    size = layer_zip.stat().st_size
    print(f"    powertools layer: {size / 1024:,.0f} KiB, of which aws_xray_sdk and wrapt {xray / 1024:,.0f} KiB")
