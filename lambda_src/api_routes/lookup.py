"""GET /orders/{id} behind a Lambda non-proxy (AWS) integration.

The route's request template hands this `{"order_id": "<id>"}`; its response
templates shape what the client sees. Failures are raised as exceptions whose
message starts with a tag the route's selection patterns map to a status code:
"NotFound:" -> 404, "BadRequest:" -> 400; anything else is the default 500.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

import boto3
from aws_lambda_powertools.utilities.typing import LambdaContext

from function_settings import from_env, variable
from observability import logger, tracer

dynamodb = boto3.client("dynamodb")
ORDER_ID = re.compile(r"^[A-Za-z0-9-]{1,64}$")


class NotFound(Exception):  # noqa: N818 (the name is the tag API Gateway matches)
    def __init__(self, detail: str) -> None:
        super().__init__(f"NotFound: {detail}")


class BadRequest(Exception):  # noqa: N818
    def __init__(self, detail: str) -> None:
        super().__init__(f"BadRequest: {detail}")


@dataclass(frozen=True)
class Settings:
    orders_table: str = variable("ORDERS_TABLE")


@functools.cache
def settings() -> Settings:
    return from_env(Settings)


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context
def lambda_handler(event: Any, context: LambdaContext) -> dict:
    order_id = event.get("order_id") if isinstance(event, dict) else None
    if not isinstance(order_id, str) or not ORDER_ID.fullmatch(order_id):
        logger.warning("Rejected order id", extra={"order_id": repr(order_id)[:80]})
        raise BadRequest("order id must be 1-64 letters, digits or '-'")
    item = dynamodb.get_item(TableName=settings().orders_table, Key={"order_id": {"S": order_id}}).get("Item")
    if item is None:
        raise NotFound(f"order {order_id} does not exist")
    return {
        "order_id": order_id,
        "status": item.get("status", {}).get("S", "UNKNOWN"),
        "amount": item.get("amount", {}).get("N"),
        "currency": item.get("currency", {}).get("S"),
    }
