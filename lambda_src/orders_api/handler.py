"""Orders API (API Gateway Lambda proxy): create an order, read one, list a customer's.

Input is validated before any SQL, and SQL takes parameters only. Bad input is a
400 with a reason; database trouble is a 503; neither shows a stack trace.
"""

from __future__ import annotations

import re
import uuid
from decimal import Decimal, InvalidOperation
from typing import Any

from aws_lambda_powertools import Logger
from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import BadRequestError, NotFoundError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from orders_api.db import Database, DatabaseUnavailable

logger = Logger(service="orders-api")
app = APIGatewayRestResolver()
database = Database()  # one connection per warm environment

CUSTOMER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
CURRENCY = re.compile(r"^[A-Z]{3}$")
ORDER_COLUMNS = (
    "order_id::text AS order_id, customer_id, amount::text AS amount, currency, status, created_at::text AS created_at"
)


def _order_id(raw: str) -> str:
    try:
        return str(uuid.UUID(raw))
    except ValueError:
        raise BadRequestError("order id must be a UUID") from None


def _new_order(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise BadRequestError("body must be a JSON object")
    unknown = set(body) - {"customer_id", "amount", "currency"}
    if unknown:
        raise BadRequestError(f"unknown field(s): {', '.join(sorted(unknown))}")
    customer, currency, amount = body.get("customer_id"), body.get("currency"), body.get("amount")
    if not isinstance(customer, str) or not CUSTOMER_ID.fullmatch(customer):
        raise BadRequestError("customer_id must be 1-64 letters, digits, '_' or '-'")
    if not isinstance(currency, str) or not CURRENCY.fullmatch(currency):
        raise BadRequestError("currency must be a 3-letter ISO code in capitals, e.g. EUR")
    if isinstance(amount, bool) or not isinstance(amount, int | float | str):
        raise BadRequestError("amount must be a number")
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise BadRequestError("amount must be a number") from None
    if (
        not value.is_finite()
        or value < 0
        or value > Decimal("9999999999.99")
        or value != value.quantize(Decimal("0.01"))
    ):
        raise BadRequestError("amount must be from 0 to 9999999999.99 with at most 2 decimals")
    return {"customer_id": customer, "amount": value, "currency": currency}


@app.post("/orders")
def create_order() -> Response:
    try:
        body = app.current_event.json_body
    except ValueError:
        raise BadRequestError("body must be JSON") from None
    order = _new_order(body)
    [row] = database.run(
        f"INSERT INTO orders (order_id, customer_id, amount, currency) "  # noqa: S608 (columns are constants)
        f"VALUES (:order_id, :customer_id, :amount, :currency) RETURNING {ORDER_COLUMNS}",
        order_id=str(uuid.uuid4()),
        **order,
    )
    logger.info("Order created", extra={"order_id": row["order_id"]})
    return Response(status_code=201, content_type="application/json", body=row)


@app.get("/orders/<order_id>")
def get_order(order_id: str) -> dict[str, Any]:
    rows = database.run(f"SELECT {ORDER_COLUMNS} FROM orders WHERE order_id = :id", id=_order_id(order_id))  # noqa: S608
    if not rows:
        raise NotFoundError(f"order {order_id} does not exist")
    return rows[0]


@app.get("/orders")
def list_orders() -> dict[str, Any]:
    customer = app.current_event.get_query_string_value("customer_id", default_value="")
    if not CUSTOMER_ID.fullmatch(customer):
        raise BadRequestError("customer_id query parameter is required: 1-64 letters, digits, '_' or '-'")
    rows = database.run(
        f"SELECT {ORDER_COLUMNS} FROM orders WHERE customer_id = :customer ORDER BY created_at DESC LIMIT 50",  # noqa: S608
        customer=customer,
    )
    return {"orders": rows}


@app.exception_handler(DatabaseUnavailable)
def database_unavailable(exc: DatabaseUnavailable) -> Response:
    logger.error("Database unavailable", extra={"reason": str(exc)})
    return Response(
        status_code=503,
        content_type="application/json",
        body={"message": "The order database is unavailable; try again shortly."},
        headers={"Retry-After": "2"},
    )


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return app.resolve(event, context)
