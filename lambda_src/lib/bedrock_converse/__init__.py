"""Amazon Bedrock Converse calls shared by the claim handlers, with errors a workflow can act on.

Step Functions names a Lambda task's error after the exception class the handler raised,
so each failure worth a different reaction has its own class: the workflow retries
ModelThrottled, ModelUnavailable and ModelTimeout with backoff and jitter (the client's
read timeout and lost connections included), and sends the claim to a person on
ModelRequestRejected and ModelOutputInvalid (retrying cannot help): an answer that is not
JSON, holds a number that is not finite, was cut short, or is no answer at all (a content
filter or guardrail stopped it).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    ClientError,
    ConnectionClosedError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)


class ModelError(RuntimeError):
    """A Converse call that did not give a usable answer."""


class ModelThrottled(ModelError):
    """Bedrock refused the call for rate or quota: retry later."""


class ModelUnavailable(ModelError):
    """Bedrock or the model was down or not ready: retry later."""


class ModelTimeout(ModelError):
    """The model did not answer in time: retry."""


class ModelRequestRejected(ModelError):
    """Bedrock refused the request itself (the image, the model id, access): a person must look."""


class ModelOutputInvalid(ModelError):
    """The model answered outside the schema it was given: a person must look."""


RETRY_LATER = {
    "ThrottlingException": ModelThrottled,
    "ServiceQuotaExceededException": ModelThrottled,
    "ServiceUnavailableException": ModelUnavailable,
    "InternalServerException": ModelUnavailable,
    "ModelNotReadyException": ModelUnavailable,
    "ModelErrorException": ModelUnavailable,
    "ModelTimeoutException": ModelTimeout,
}


def runtime_client(read_timeout: int) -> Any:
    """A bedrock-runtime client that tries once: the workflow owns retries (with backoff and
    jitter, visible in its execution history), so the SDK must not retry underneath it."""
    return boto3.client(
        "bedrock-runtime",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}, read_timeout=read_timeout),
    )


# A stop reason that means the model gave no answer of its own (Converse API reference).
NOT_ANSWERED = ("content_filtered", "guardrail_intervened")


def _call(client: Any, request: dict) -> dict:
    try:
        response = client.converse(**request)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code", "")
        message = error.response.get("Error", {}).get("Message", "")
        raise RETRY_LATER.get(code, ModelRequestRejected)(f"{code}: {message}") from error
    # The client's read timeout, or a connection that failed or dropped: the call may be
    # tried again, by the workflow that owns retries, like Bedrock's own timeouts.
    except ReadTimeoutError as error:
        raise ModelTimeout(f"no answer within the read timeout: {error}") from error
    except (ConnectTimeoutError, EndpointConnectionError, ConnectionClosedError) as error:
        raise ModelUnavailable(f"Bedrock could not be reached: {error}") from error
    if response.get("stopReason") in NOT_ANSWERED:
        raise ModelOutputInvalid(f"the model did not answer: stopped as {response['stopReason']}")
    return response


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ModelOutputInvalid(f"the answer holds a number that is not finite: {text[:40]}")
    return number


def _no_constants(name: str) -> float:
    raise ModelOutputInvalid(f"the answer holds {name}, which is not a JSON number")


def answer_text(response: Mapping) -> str:
    """The text of the model's answer (its text blocks, joined)."""
    blocks = response.get("output", {}).get("message", {}).get("content", [])
    return "".join(block["text"] for block in blocks if "text" in block)


def converse_json(
    client: Any,
    model_id: str,
    content: list[dict],
    schema: dict,
    schema_name: str,
    system: str,
    max_tokens: int = 512,
) -> tuple[dict, dict]:
    """Ask for an answer constrained by `schema`; returns (the parsed answer, the response).

    The schema is sent as Converse structured output; the answer is parsed here even so,
    and raises ModelOutputInvalid when it is not JSON or was cut short, so that a caller
    always validates what it got against its own rules before acting on it."""
    response = _call(
        client,
        {
            "modelId": model_id,
            "system": [{"text": system}],
            "messages": [{"role": "user", "content": content}],
            "inferenceConfig": {"maxTokens": max_tokens, "temperature": 0},
            "outputConfig": {
                "textFormat": {
                    "type": "json_schema",
                    "structure": {"jsonSchema": {"schema": json.dumps(schema), "name": schema_name}},
                }
            },
        },
    )
    if response.get("stopReason") == "max_tokens":
        raise ModelOutputInvalid("the answer was cut short at maxTokens")
    text = answer_text(response)
    try:  # 1e999 would be inf and NaN a float: no non-finite number goes past here
        answer = json.loads(text, parse_float=_finite, parse_constant=_no_constants)
    except ModelOutputInvalid:
        raise
    except ValueError as error:
        raise ModelOutputInvalid(f"the answer is not JSON: {text[:200]!r}") from error
    if not isinstance(answer, dict):
        raise ModelOutputInvalid(f"the answer is not a JSON object: {text[:200]!r}")
    return answer, response


def converse_text(client: Any, model_id: str, prompt: str, system: str, max_tokens: int = 300) -> tuple[str, dict]:
    """A plain text answer; returns (the text, the response)."""
    response = _call(
        client,
        {
            "modelId": model_id,
            "system": [{"text": system}],
            "messages": [{"role": "user", "content": [{"text": prompt}]}],
            "inferenceConfig": {"maxTokens": max_tokens, "temperature": 0},
        },
    )
    text = answer_text(response).strip()
    if not text:
        raise ModelOutputInvalid("the answer is empty")
    return text, response
