"""python -m tools.bench [--only NAME ...] [--list]: the measurements of tools/bench, in order."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from harness.emulators.servers import running_emulator
from tools.bench import Context, load_all


def main(argv: list[str] | None = None) -> int:
    measurements = load_all()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", choices=list(measurements), metavar="NAME",
                        help="run this measurement (repeatable); default: all")  # fmt: skip
    parser.add_argument("--list", action="store_true", help="name each measurement, what it needs and measures")
    parser.add_argument("--images", type=int, default=16, help="12 MP JPEGs per thumbnail handler run")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("PYTEST_WORKERS", "6")))
    args = parser.parse_args(argv)
    chosen = [m for name, m in measurements.items() if not args.only or name in args.only]
    if args.list:
        for m in chosen:
            print(f"  {m.name:16} needs {', '.join(sorted(m.needs)) or 'nothing':22} {m.title}")
        return 0
    with tempfile.TemporaryDirectory(prefix="asm-bench-") as tmp, ExitStack() as stack:
        scratch = Path(tmp)
        emulator = None
        if any("moto" in m.needs for m in chosen):
            emulator = stack.enter_context(running_emulator(scratch / "emu.log"))
            print(f"==> Emulator {emulator.endpoint}; {os.cpu_count()} cores")
        for m in chosen:
            print(f"\n==> {m.title}")
            folder = scratch / m.name
            folder.mkdir()
            m.run(Context(emulator, folder, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
