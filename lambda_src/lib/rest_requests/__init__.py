"""Telling an API Gateway REST proxy request from anything else, before routing.

A library, not a function: `harness.build` bundles it into the zip of each
function that imports it. Powertools' resolver assumes the event is a proxy
request; a hand-made invocation with another shape would end in a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any

# The maps of a proxy request, which API Gateway sends as objects or null.
OPTIONAL_MAPS = (
    "headers",
    "multiValueHeaders",
    "queryStringParameters",
    "multiValueQueryStringParameters",
    "pathParameters",
    "stageVariables",
)


def _shape_problem(event: Any) -> str | None:
    """What in the event API Gateway's proxy integration never sends, or None."""
    if not isinstance(event, dict):
        return f"the event is a {type(event).__name__}"
    for field in ("httpMethod", "path"):
        if not isinstance(event.get(field), str):
            return f"{field} is not a string"
    for field in OPTIONAL_MAPS:
        if event.get(field) is not None and not isinstance(event[field], dict):
            return f"{field} is not an object"
    if event.get("body") is not None and not isinstance(event["body"], str):
        return "body is not a string"
    if "isBase64Encoded" in event and not isinstance(event["isBase64Encoded"], bool):
        return "isBase64Encoded is not a boolean"
    context = event.get("requestContext")
    if not isinstance(context, dict):
        return "requestContext is not an object"
    if not isinstance(context.get("identity", {}), dict):
        return "requestContext.identity is not an object"
    return None


def not_a_request(event: Any, logger: logging.Logger) -> dict[str, Any] | None:
    """A logged 400 response for an event API Gateway would never send; None for a proxy request."""
    problem = _shape_problem(event)
    if problem is None:
        return None
    logger.error("Not an API Gateway proxy request", extra={"event_type": type(event).__name__, "reason": problem})
    return {
        "statusCode": 400,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": "not an API Gateway proxy request"}),
    }
