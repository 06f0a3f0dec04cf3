"""`make emulator`: the harness's moto (gaps filled) in the foreground.

python -m harness.emulators [--kind moto|localstack] [--log PATH]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time
from pathlib import Path

from harness.emulators.servers import EXTERNAL_ENDPOINT_VARIABLES, STARTERS, running_emulator
from harness.paths import BUILD

LOG_LINES_SHOWN = 20  # of the server's log, when it does not start


def main() -> int:
    """`make emulator`: the harness's moto (gaps filled) in the foreground, with the
    environment a person exports to try the modules from their own repository."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--kind", choices=sorted(STARTERS), default="moto")
    parser.add_argument("--log", type=Path, help="the server's own output (default: build/emulator-<kind>.log)")
    arguments = parser.parse_args()
    kind, log = arguments.kind, arguments.log or BUILD / f"emulator-{arguments.kind}.log"
    os.environ.pop(EXTERNAL_ENDPOINT_VARIABLES[kind], None)  # always start one here
    log.parent.mkdir(parents=True, exist_ok=True)
    log.write_bytes(b"")  # this run's output only
    with contextlib.ExitStack() as stack:
        try:
            emulator = stack.enter_context(running_emulator(log, kind=kind))
        except RuntimeError as error:  # did not start: say why, with what the server printed
            tail = log.read_text(errors="replace").splitlines()[-LOG_LINES_SHOWN:]
            print(f"make emulator: {error}", *(f"  | {line}" for line in tail), sep="\n", file=sys.stderr)
            return 1
        print(f"==> {kind} on {emulator.endpoint} (Ctrl-C stops it; its log: {log}). In another shell:")
        for name, value in emulator.env.items():
            print(f"export {name}={value}")
        print("# and, for the AWS provider, path-style S3 in your provider block: s3_use_path_style = true")
        sys.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt):
            while emulator.process is None or emulator.process.poll() is None:
                time.sleep(0.5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
