"""Concurrent requests against a moto server: the race that made creates flake, reproduced.

Four threads create log groups while four list them, each request sent once (no SDK
retry, so every failure shows). On moto's own server a listing iterates the backend's dict
while a create inserts into it and fails with a 500; the harness's server serves requests
one at a time (harness/emulators/moto_server.py) and has none. Both are served in this
process, moto's first, with Python switching threads every 10 microseconds instead of 5
milliseconds: the race that a loaded two-core machine hits a few times a run then shows in
every run. `make bench` prints both side by side; `python -m harness.emulators.race` alone.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import logging
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError
from moto.moto_server.werkzeug_app import DomainDispatcherApplication, MotoRequestHandler, create_backend_app
from werkzeug.serving import make_server

from harness.emulators import moto_server
from harness.emulators.servers import aws_env

ONCE = Config(retries={"total_max_attempts": 1}, max_pool_connections=16)


@dataclass
class Race:
    server: str
    requests: int = 0
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.server}: {len(self.failures)} of {self.requests} requests failed in {self.seconds:.1f}s" + (
            f" (first: {self.failures[0]})" if self.failures else ""
        )


def race(
    endpoint: str, server: str, threads: int = 4, seeded: int = 1000, creates: int = 200, reads: int = 100
) -> Race:
    """`seeded` log groups created first (a listing takes longer the more there are, and the
    window with it), then `threads` creators and as many readers; what failed."""
    result = Race(server)
    lock = threading.Lock()
    prefix = f"race-{uuid.uuid4().hex[:6]}"

    def client():
        env = aws_env(endpoint)
        return boto3.client(
            "logs",
            endpoint_url=endpoint,
            region_name=env["AWS_REGION"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            config=ONCE,
        )

    def send(call, **kwargs) -> None:
        try:
            call(**kwargs)
            failure = None
        except ClientError as error:
            failure = f"{error.operation_name}: {error.response['ResponseMetadata']['HTTPStatusCode']}"
        with lock:
            result.requests += 1
            if failure:
                result.failures.append(failure)

    def creator(index: int) -> None:
        logs = client()
        for n in range(creates):
            send(logs.create_log_group, logGroupName=f"{prefix}-{index}-{n}")

    def reader() -> None:
        logs = client()
        for _ in range(reads):
            send(logs.describe_log_groups, logGroupNamePrefix=prefix)

    def seed(index: int) -> None:
        logs = client()
        for n in range(index, seeded, threads):
            logs.create_log_group(logGroupName=f"{prefix}-seed-{n}")

    seeders = [threading.Thread(target=seed, args=(i,)) for i in range(threads)]
    for seeder in seeders:
        seeder.start()
    for seeder in seeders:
        seeder.join()
    workers = [threading.Thread(target=creator, args=(i,)) for i in range(threads)]
    workers += [threading.Thread(target=reader) for _ in range(threads)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    result.seconds = time.monotonic() - started
    return result


@contextlib.contextmanager
def serving() -> Iterator[str]:
    """moto's application (as its server builds it) on a free loopback port, threaded as
    its server runs it; the endpoint."""
    app = DomainDispatcherApplication(create_backend_app)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=MotoRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def side_by_side(servers: tuple[str, ...] = ("moto", "harness"), **sizes: int) -> list[Race]:
    """The race on moto's own server, then on the harness's (its fills applied in this
    process, which is why this runs as a process of its own)."""
    logging.getLogger("werkzeug").setLevel(logging.CRITICAL)  # a line per request, a traceback per 500
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    results = []
    try:
        if "moto" in servers:
            with serving() as endpoint:
                results.append(race(endpoint, "moto's server", **sizes))
        if "harness" in servers:
            moto_server.fill_gaps()
            with serving() as endpoint:
                results.append(race(endpoint, "the harness's server", **sizes))
    finally:
        sys.setswitchinterval(interval)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--servers", nargs="+", choices=("moto", "harness"), default=["moto", "harness"])
    parser.add_argument("--seeded", type=int, default=1000)
    parser.add_argument("--creates", type=int, default=200)
    parser.add_argument("--reads", type=int, default=100)
    parser.add_argument("--json", action="store_true", help="one JSON object per server")
    args = parser.parse_args(argv)
    sizes = {"seeded": args.seeded, "creates": args.creates, "reads": args.reads}
    for outcome in side_by_side(tuple(args.servers), **sizes):
        print(json.dumps(dataclasses.asdict(outcome)) if args.json else outcome)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
