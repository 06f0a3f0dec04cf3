"""The decode bound: the worst JPEG constructed here (2,000 scans that code nothing over 12 MP)
decoded without it, beside the thumbnail handler refusing it; then the handler's cold import
time (every cold start pays it)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

from harness.build import function_zip
from tools.bench import Context, measurement
from tools.bench.common import load_deployed


def scan_bomb_timings(scans: int = 2000) -> list[tuple[str, float, str]]:
    """The worst JPEG constructed here (harness.runtime.images.progressive_scan_bomb): Pillow
    decoding it as the handlers did, beside the thumbnail and validation handlers' bound."""
    import io as _io

    from PIL import Image

    from harness.runtime import images

    load_deployed("thumbnail")  # the built zip, jpeg_scans bundled in it
    from thumbnail.imaging import ImageRejected, make_thumbnail
    from thumbnail.settings import Settings

    bomb = images.progressive_scan_bomb(4000, 3000, scans)
    timings = []
    started = time.perf_counter()
    with Image.open(_io.BytesIO(bomb)) as image:
        image.draft("L", (500, 375))
        image.load()
    timings.append(
        (f"unbounded decode, {len(bomb) // 1024} KB, {scans + 6} scans", time.perf_counter() - started, "decoded")
    )
    started = time.perf_counter()
    try:
        make_thumbnail(bomb, Settings())
        answer = "NOT REFUSED"
    except ImageRejected as rejected:
        answer = f"refused: {rejected.reason[:60]}"
    timings.append(("thumbnail handler (jpeg_scans bound)", time.perf_counter() - started, answer))
    return timings


def cold_import(env: dict[str, str], runs: int = 7) -> float:
    code = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); "
        "import thumbnail.handler; print(time.perf_counter() - t)"
    )
    package = str(function_zip("thumbnail"))
    times = [
        float(subprocess.run([sys.executable, "-c", code, package], env={**os.environ, **env}, capture_output=True,
                             text=True, check=True, timeout=120).stdout)
        for _ in range(runs)
    ]  # fmt: skip
    return statistics.median(times)


@measurement("Decode work bounded, and the thumbnail handler's cold import", needs=("moto",))
def measure(context: Context) -> None:
    print("    a progressive JPEG of scans that code nothing (12 MP, grey):")
    for label, seconds, answer in scan_bomb_timings():
        print(f"    {label:44} {seconds * 1000:9.0f} ms  {answer}")
    print("    cold import of thumbnail.handler (Powertools, boto3 client, Pillow's 5 decoders),")
    print(f"    median of 7 fresh processes: {cold_import(context.emulator.env) * 1000:.0f} ms")
