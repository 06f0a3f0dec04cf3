"""Run a deployed function's handler in-process, as Lambda would run it.

The emulators store functions but never run their code. This reads the
function's configuration back from the emulator (handler, environment) and
imports that handler here with that environment, after clearing the module's
cached settings, as a cold start would. Every invocation runs as the function's
execution role (read back from the emulator): what the runtime itself does for it
(create its log stream, put log events, send traces when tracing is active) and every
SDK request the handler makes are judged as IAM would (harness/authorization), and the
block fails if AWS would have refused one.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import boto3

from harness.authorization import policies
from harness.authorization.enforcement import acting_as, authorize, scenario
from harness.authorization.policies import Principal
from harness.emulators.servers import REGION, patched_environ


def _cold_start(module: ModuleType) -> None:
    """Forget what the module cached from a previous environment (functools.cache'd settings)."""
    for value in vars(module).values():
        if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__:
            value.cache_clear()


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

    def __init__(self, handler: Callable[[Any, Any], Any], principal: Principal, config: dict[str, Any]) -> None:
        self._handler = handler
        self.principal = principal
        self._runtime = runtime_requests(config)

    def __call__(self, event: Any, context: Any) -> Any:
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
    module_name, handler_name = config["Handler"].rsplit(".", 1)
    with patched_environ(config.get("Environment", {}).get("Variables", {})):
        module = importlib.import_module(module_name)
        _cold_start(module)
        try:
            with scenario():
                yield DeployedHandler(getattr(module, handler_name), principal, config)
        finally:
            _cold_start(module)
