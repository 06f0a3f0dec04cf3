"""Run a deployed function's handler in-process, as Lambda would run it.

The emulators store functions but never run their code. This reads the
function's configuration back from the emulator (handler, environment) and
imports that handler here with that environment, after clearing the module's
cached settings, as a cold start would.
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

import boto3

from harness.emulators.servers import patched_environ


def _cold_start(module: ModuleType) -> None:
    """Forget what the module cached from a previous environment (functools.cache'd settings)."""
    for value in vars(module).values():
        if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == module.__name__:
            value.cache_clear()


@contextlib.contextmanager
def deployed_handler(function_name: str) -> Iterator[Callable[[Any, Any], Any]]:
    """The function's handler, with its deployed environment set for the duration of the block."""
    config = boto3.client("lambda").get_function_configuration(FunctionName=function_name)
    module_name, handler_name = config["Handler"].rsplit(".", 1)
    with patched_environ(config.get("Environment", {}).get("Variables", {})):
        module = importlib.import_module(module_name)
        _cold_start(module)
        try:
            yield getattr(module, handler_name)
        finally:
            _cold_start(module)
