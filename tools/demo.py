"""`make demo [EXAMPLE=<name>|list]`: one example end to end on the local emulators.

Starts what the example's deployment needs (tests/examples/<example>/deployments.yml: the
emulator, LocalStack, a loopback HTTP backend, a certificate), applies the example with its
progress shown, walks its use case (harness/scenarios/<example>.py, the same walk its
scenario tests run) printing each step with the real values, prints what it would cost on
AWS a month (tools/cost, on the resources just deployed and the example's usage.yml), then
destroys it and stops everything it started: also when a step fails (it says which, and
why) and on Ctrl-C. With no example it runs thumbnails, as it always has.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.emulators.http_backend import running_backend
from harness.emulators.inventory import leftovers
from harness.emulators.servers import patched_environ, running_emulator
from harness.paths import LAMBDA_SRC
from harness.runtime.certificates import ImportedCertificate
from harness.scenarios import Narrator, Stage, scenario
from harness.terraform.lifecycle import Deployments, deployment_of
from harness.terraform.roots import example_names
from tools.cost.estimate import Estimate, estimate, resources_in_state, usage_of
from tools.cost.render import render_estimate

DEFAULT_EXAMPLE = "thumbnails"
# pytest's outcomes are how harness/terraform/lifecycle.py refuses a deployment: failures here too.
STEP_FAILURES = (Exception, pytest.fail.Exception, pytest.skip.Exception)


class Services:
    """What a deployment or a walk asks for by the name of its test fixture, started on first
    use and stopped, in reverse, when the block ends (tests/conftest.py starts the same ones)."""

    def __init__(self, scratch: Path, say: Narrator) -> None:
        self._scratch, self._say = scratch, say
        self._started: dict[str, Any] = {}
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *failure: object) -> None:
        self._stack.close()

    def __call__(self, name: str) -> Any:
        if name not in self._started:
            self._started[name] = self._start(name)
        return self._started[name]

    def _start(self, name: str) -> Any:
        enter = self._stack.enter_context
        if name in ("emulator", "localstack"):
            kind = "moto" if name == "emulator" else "localstack"
            self._say.detail(f"starting {kind} on loopback (its log: {self._scratch / f'{kind}.log'})")
            emulator = enter(running_emulator(self._scratch / f"{kind}.log", kind=kind))
            if name == "emulator":  # the default endpoint: in-process handlers' clients reach it
                enter(patched_environ(emulator.env))
            how = "started here" if emulator.managed else "already running"
            self._say.detail(f"{kind} at {emulator.endpoint} ({how})")
            return emulator
        if name == "http_backend":
            server = enter(running_backend())
            self._say.detail(f"a loopback HTTP backend at {server.url}")
            return server
        if name == "shop_certificate":
            from harness.scenarios.edge_personalization import SHOP_DOMAIN

            certificate = ImportedCertificate(SHOP_DOMAIN)
            self._stack.callback(certificate.delete)
            return certificate
        raise LookupError(f"the demo cannot start {name!r}: add it to tools/demo.py Services")


class FunctionLogs(io.TextIOBase):
    """The handlers' stdout while a walk runs (Powertools' JSON log lines, as CloudWatch Logs
    would hold them), told one short line each: the function, the level, the message."""

    def __init__(self, say: Narrator) -> None:
        self.say, self.pending = say, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in filter(None, lines):
            self.say.detail(f"  | {self.shown(line)}")
        return len(text)

    @staticmethod
    def shown(line: str) -> str:
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            return line
        if not isinstance(entry, dict) or "message" not in entry:
            return line
        who = entry.get("function_name") or entry.get("service", "")
        return f"{who} {entry.get('level', '')}: {entry['message']}"


class TerraformProgress(logging.Handler):
    """tftest logs each line Terraform prints; this shows the ones that say how far it is."""

    PLANNED = re.compile(r"^Plan: (\d+) to add, (\d+) to change, (\d+) to destroy")
    DONE = re.compile(r"^(\S+): (Creation|Destruction|Modifications) complete after (\S+)")
    WAITING = re.compile(r"^(\S+): Still (creating|destroying|modifying)\.\.\. \[(\S+) elapsed\]")

    def __init__(self, say: Narrator) -> None:
        super().__init__(logging.INFO)
        self.say, self.total, self.done = say, 0, 0

    def emit(self, record: logging.LogRecord) -> None:
        line = record.getMessage()
        if planned := self.PLANNED.match(line):
            self.total = sum(int(n) for n in planned.groups())
            self.say.detail(line.rstrip("."))
        elif done := self.DONE.match(line):
            self.done += 1
            of = f"/{self.total}" if self.total else ""
            self.say.detail(f"[{self.done}{of}] {done[2].lower()} done: {done[1]} ({done[3]})")
        elif waiting := self.WAITING.match(line):
            self.say.detail(f"  ... still {waiting[2]} {waiting[1]} ({waiting[3]})")


@contextlib.contextmanager
def terraform_progress(say: Narrator) -> Iterator[TerraformProgress]:
    logger = logging.getLogger("tftest")
    handler = TerraformProgress(say)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the lines go through the handler only, not to the root logger
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def priced(example: str, deployment, root, say: Narrator) -> Estimate:
    """The estimate of what was deployed, from its state. A deployment whose inputs change
    what the example makes (integration-types on LocalStack: four kinds under another name)
    is priced as a caller would deploy it instead: planned with only the inputs the example
    needs at run time, and said so."""
    if not deployment.settings.get("vars"):
        shown = json.loads(root.tf.execute_command("show", "-json").out)
    else:
        needed = {name: root.tf_vars[name] for name in deployment.settings.get("vars_from_fixtures", {})}
        changed = ", ".join(f"{name}={json.dumps(value)}" for name, value in deployment.settings["vars"].items())
        say.detail(f"(this demo deployed it with {changed}: priced as the example is written, from a plan)")
        shown = {"values": root.tf.plan(output=True, tf_vars=needed)._raw["planned_values"]}
    return estimate(example, resources_in_state(shown), usage_of(example))


def listing() -> str:
    names = example_names()
    width = max(len(name) for name in names)
    lines = ["make demo EXAMPLE=<name>, one of:"]
    lines += [f"  {name:{width}}  {scenario(name).USE_CASE}" for name in names]
    lines.append(f"make demo with no EXAMPLE runs {DEFAULT_EXAMPLE}.")
    return "\n".join(lines)


def run(example: str, say: Narrator) -> None:
    walk = scenario(example)
    deployment = deployment_of(example, walk.EMULATOR)
    say.step(f"examples/{example}: {walk.USE_CASE}")
    with tempfile.TemporaryDirectory(prefix=f"asm-demo-{example}-") as scratch, Services(Path(scratch), say) as service:
        say.step("Start the local emulators")
        service("emulator")  # always: the default endpoint of the handlers' clients
        deployments = Deployments(service, Path(scratch))
        try:
            say.step(f"terraform apply examples/{example} on {deployment.emulator_kind}")
            started = time.monotonic()
            with terraform_progress(say):
                root = deployments.get(deployment)
            say.detail(f"applied in {time.monotonic() - started:.0f} s")
            with contextlib.redirect_stdout(FunctionLogs(say)):
                walk.walk(Stage(example, root.outputs, deployments.emulator(deployment), service), say)
            say.step(f"What it would cost on AWS a month (tools/cost, examples/{example}/usage.yml)")
            for line in render_estimate(priced(example, deployment, root, say)).splitlines():
                say.detail(line)
        except BaseException:
            say.failed_step = say.current_step  # before the destroy's steps take its place
            raise
        finally:
            say.step(f"terraform destroy examples/{example}")
            started = time.monotonic()
            with terraform_progress(say):
                deployments.close()
            say.detail(f"destroyed in {time.monotonic() - started:.0f} s")
        say.step(f"What {deployment.emulator_kind} still holds that an apply could have made")
        left = leftovers(deployments.emulator(deployment))
        if left:
            raise RuntimeError(f"the destroy left {len(left)} resource(s) behind: {', '.join(left)}")
        say.detail("nothing")
        say.step("Stop the emulators")
    say.detail("nothing left running")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--example", default=DEFAULT_EXAMPLE, help="an example's name, or list")
    args = parser.parse_args(argv)
    if args.example in ("list", "help"):
        print(listing())
        return 0
    if args.example not in example_names():
        print(f"no example {args.example!r}.\n{listing()}", file=sys.stderr)
        return 2
    # Handlers run in-process from their sources, importable as Lambda imports them from the zip.
    sys.path[:0] = [str(LAMBDA_SRC), str(LAMBDA_SRC / "lib")]
    say = Narrator(echo=True)
    try:
        run(args.example, say)
    except KeyboardInterrupt:
        step = say.failed_step or say.current_step
        print(f"\ninterrupted during: {step}\nthe example was destroyed and the emulators stopped", file=sys.stderr)
        return 130
    except STEP_FAILURES as failure:
        step = say.failed_step or say.current_step
        print(f"\ndemo failed at step: {step}\n{type(failure).__name__}: {str(failure)[-2000:]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
