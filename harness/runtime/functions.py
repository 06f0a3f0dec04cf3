"""Run a deployed function's handler in-process, as Lambda would run it.

The emulators store functions but never run their code. This reads the
function's configuration back from the emulator (handler, environment) and
imports that handler anew here with that environment, as the cold start of a process of
its own would (two functions of one package each get their own Logger, clients and
settings). Every invocation runs as the function's
execution role (read back from the emulator): what the runtime itself does for it
(create its log stream, put log events, send traces when tracing is active) and every
SDK request the handler makes are judged as IAM would (harness/authorization), and the
block fails if AWS would have refused one.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import boto3
from aws_lambda_powertools.logging import logger as powertools_logger
from aws_lambda_powertools.tracing import tracer as powertools_tracer

from harness.authorization import policies
from harness.authorization.enforcement import acting_as, authorize, scenario
from harness.authorization.policies import Principal
from harness.emulators.servers import REGION, patched_environ
from harness.paths import LAMBDA_SRC
from harness.runtime.events import LambdaContext

# lambda_src as written and as resolved: a string test per module, since every handler block
# scans all of sys.modules twice (resolving each path took ~160 ms a scan).
_LAMBDA_SRC_PREFIXES = tuple({str(LAMBDA_SRC) + os.sep, os.path.realpath(LAMBDA_SRC) + os.sep})


def _from_lambda_src(module: ModuleType | None) -> bool:
    path = getattr(module, "__file__", None)
    return isinstance(path, str) and os.path.abspath(path).startswith(_LAMBDA_SRC_PREFIXES)


@contextlib.contextmanager
def _new_process() -> Iterator[None]:
    """A cold start, as Lambda gives each function a process of its own: the handlers' and the
    shared library's modules (lambda_src) are imported anew inside the block, under the
    function's environment (Logger and Tracer named by its POWERTOOLS_SERVICE_NAME, clients
    and cached settings made for it), and Powertools counts the first invocation as cold.
    The modules imported before the block are put back after it: unit tests hold them."""
    before = {name: module for name, module in sys.modules.items() if _from_lambda_src(module)}
    for name in before:
        del sys.modules[name]
    # The flags a new process starts with (Powertools has no reset for Logger and Tracer).
    powertools_logger.is_cold_start = powertools_tracer.is_cold_start = True
    try:
        yield
    finally:
        for name in [name for name, module in sys.modules.items() if _from_lambda_src(module)]:
            del sys.modules[name]
        sys.modules.update(before)


def runtime_requests(config: dict[str, Any]) -> list[tuple[str, str]]:
    """What the Lambda runtime does as the function's role on each cold start: logs, traces."""
    group = config.get("LoggingConfig", {}).get("LogGroup") or f"/aws/lambda/{config['FunctionName']}"
    account = config["FunctionArn"].split(":")[4]
    stream = f"arn:aws:logs:{REGION}:{account}:log-group:{group}:log-stream:2026/01/01/[$LATEST]0"
    needs = [("logs:CreateLogStream", stream), ("logs:PutLogEvents", stream)]
    if config.get("TracingConfig", {}).get("Mode") == "Active":
        needs += [("xray:PutTraceSegments", "*"), ("xray:PutTelemetryRecords", "*")]
    return needs


class DeployedHandler:
    """A deployed function's handler, invoked as its execution role."""

    def __init__(self, module: ModuleType, principal: Principal, config: dict[str, Any]) -> None:
        self.module = module  # as this cold start imported it: its clients, to stub one the emulators lack
        self._handler = getattr(module, config["Handler"].rsplit(".", 1)[1])
        self.principal = principal
        self._config = config
        self._runtime = runtime_requests(config)

    def __call__(self, event: Any, context: LambdaContext | None = None) -> Any:
        # The runtime's context names the function as deployed (its name, memory and timeout),
        # whoever invokes it: a poller or a pipe passes one of its own.
        context = LambdaContext(
            self._config["FunctionName"],
            memory_limit_in_mb=self._config.get("MemorySize", 128),
            timeout_seconds=self._config.get("Timeout", 3),
            **({"aws_request_id": context.aws_request_id} if context is not None else {}),
        )
        for action, resource in self._runtime:
            authorize(self.principal, action, resource, what=f"the Lambda runtime's {action}")
        with acting_as(self.principal):
            return self._handler(event, context)


@contextlib.contextmanager
def deployed_handler(function_name: str) -> Iterator[DeployedHandler]:
    """The function's handler, with its deployed environment set for the duration of the block.

    The block fails if a request made for the function was one AWS would refuse."""
    config = boto3.client("lambda").get_function_configuration(FunctionName=function_name)
    principal = policies.role(config["Role"], label=f"role of function {function_name}")
    module_name = config["Handler"].rsplit(".", 1)[0]
    with patched_environ(config.get("Environment", {}).get("Variables", {})), _new_process():
        module = importlib.import_module(module_name)
        with scenario():
            yield DeployedHandler(module, principal, config)
