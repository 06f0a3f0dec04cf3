"""Telling an API Gateway REST proxy request from anything else, before routing.

A library, not a function: `harness.build` bundles it into the zip of each
function that imports it. Powertools' resolver assumes the event is a proxy
request; a hand-made invocation with another shape would end in a traceback.
"""

from __future__ import annotations

import json
import logging
from typing import Any


def not_a_request(event: Any, logger: logging.Logger) -> dict[str, Any] | None:
    """A logged 400 response for an event API Gateway would never send; None for a proxy request."""
    if isinstance(event, dict) and isinstance(event.get("httpMethod"), str) and isinstance(event.get("path"), str):
        return None
    logger.error("Not an API Gateway proxy request", extra={"event_type": type(event).__name__})
    return {
        "statusCode": 400,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": "not an API Gateway proxy request"}),
    }
