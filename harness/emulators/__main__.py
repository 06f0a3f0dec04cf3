"""`make emulator`: the harness's moto (gaps filled) in the foreground.

python -m harness.emulators [--kind moto|localstack]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import time

from harness.emulators.servers import EXTERNAL_ENDPOINT_VARIABLES, STARTERS, running_emulator


def main() -> int:
    """`make emulator`: the harness's moto (gaps filled) in the foreground, with the
    environment a person exports to try the modules from their own repository."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--kind", choices=sorted(STARTERS), default="moto")
    kind = parser.parse_args().kind
    os.environ.pop(EXTERNAL_ENDPOINT_VARIABLES[kind], None)  # always start one here
    with running_emulator(kind=kind) as emulator:
        print(f"==> {kind} on {emulator.endpoint} (Ctrl-C stops it). In another shell:")
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
