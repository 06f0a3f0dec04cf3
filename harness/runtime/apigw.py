"""Calling a deployed REST API stage over HTTP on the emulator.

LocalStack serves every stage at /_aws/execute-api/<api id>/<stage>/<path> on its
own endpoint (no DNS needed); moto serves none.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode


@dataclass
class Response:
    status: int
    body: Any  # parsed JSON, or the text when it is not JSON
    headers: dict[str, str]


def stage_url(endpoint: str, rest_api_id: str, stage: str) -> str:
    return f"{endpoint}/_aws/execute-api/{rest_api_id}/{stage}"


def call(
    base_url: str,
    path: str,
    method: str = "GET",
    body: Any = None,
    query: dict[str, str] | None = None,
    timeout: float = 30.0,
) -> Response:
    """One request; HTTP error statuses come back as a Response, not an exception."""
    url = base_url + path + (f"?{urlencode(query)}" if query else "")
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data is not None else {}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (loopback)
            status, raw, answer_headers = answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as error:
        status, raw, answer_headers = error.code, error.read(), dict(error.headers)
    text = raw.decode(errors="replace")
    try:
        parsed: Any = json.loads(text) if text else None
    except json.JSONDecodeError:
        parsed = text
    return Response(status, parsed, answer_headers)
