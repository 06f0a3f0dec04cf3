"""moto under concurrent requests: its own server beside the harness's (harness/emulators/race.py)."""

from __future__ import annotations

import subprocess
import sys

from harness.paths import REPO
from tools.bench import Context, measurement


@measurement("moto under concurrent requests (4 threads creating log groups, 4 listing them)")
def measure(context: Context) -> None:
    raced = subprocess.run(
        [sys.executable, "-m", "harness.emulators.race"], capture_output=True, text=True, check=True, cwd=REPO
    )
    print("\n".join(f"    {line}" for line in raced.stdout.splitlines()))
