"""Each example's use case, walked the way a person would: one module per example.

The same walk runs in two places: an example's scenario tests (tests/examples/<example>/
test_apply*.py) call it on the session's deployment and assert on what it returns, and
`make demo EXAMPLE=<example>` (tools/demo.py) calls it on a deployment of its own and
prints its narration. So a demo cannot rot without a test failing.

A scenario module has:
    USE_CASE   one line: what a person would use the example for
    EMULATOR   the deployment of tests/examples/<example>/deployments.yml the demo applies
    walk(stage, say) -> result   the steps; `say` narrates them with the real values

Where an emulator runs no code (moto runs no Lambda, no pipe, no distribution), the walk
runs the harness's stand-in for that service (harness/runtime) and says so.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from harness.runtime.apigw import Response, call
from harness.terraform.roots import example_names


class Narrator:
    """What a walk tells: a step, then its details. Kept in `lines`; printed too when `echo`."""

    def __init__(self, echo: bool = False) -> None:
        self.echo = echo
        self.out = sys.stdout  # where it echoes, also while a walk's stdout goes elsewhere
        self.lines: list[str] = []
        self.current_step = ""
        self.failed_step = ""  # set by whoever runs the walk, when a step raised

    def step(self, text: str) -> None:
        self.current_step = text
        self._say(f"\n==> {text}")

    def detail(self, text: str) -> None:
        self._say(f"    {text}")

    def _say(self, line: str) -> None:
        self.lines.append(line)
        if self.echo:
            print(line, file=self.out, flush=True)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Stage:
    """An applied example, as a walk needs it."""

    example: str
    outputs: dict[str, Any]
    emulator: Any  # harness.emulators.servers.Emulator the example is applied on
    # Other services by the name of their test fixture ("localstack", "http_backend"), started on first use.
    service: Callable[[str], Any] = field(repr=False)


def http_request(
    say: Narrator, base_url: str, method: str, path: str, body: Any = None, query: dict | None = None
) -> Response:
    """One request to a deployed stage over HTTP, told with its status and answer."""
    answer = call(base_url, path, method, body, query)
    asked = path + (f"?{urlencode(query)}" if query else "")
    say.detail(f"{method} {asked}" + (f" {json.dumps(body, ensure_ascii=False)}" if body is not None else ""))
    say.detail(f"  -> {answer.status} {json.dumps(answer.body) if not isinstance(answer.body, str) else answer.body}")
    return answer


def module_name(example: str) -> str:
    return f"{__name__}.{example.replace('-', '_')}"


def scenario(example: str) -> ModuleType:
    """The scenario module of examples/<example>; LookupError names the examples if there is none."""
    names = example_names()
    if example not in names:
        raise LookupError(f"no example {example!r}: the examples are {', '.join(names)}")
    return importlib.import_module(module_name(example))
