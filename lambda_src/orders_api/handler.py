"""Orders API (API Gateway Lambda proxy): create an order, read one, list a customer's.

Input is validated before any SQL, and SQL takes parameters only. Bad input is a
400 with a reason (a body that is not JSON, nested too deeply, or an amount that
is not plain digits with at most 2 decimals); database trouble is a 503;
neither shows a stack trace. An event that is not an API Gateway request gets a
logged 400 (rest_requests), never a traceback.
"""

from __future__ import annotations

import json
import re
import uuid
from decimal import Decimal
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response
from aws_lambda_powertools.event_handler.exceptions import BadRequestError, NotFoundError
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

import order_values
from observability import logger, tracer
from orders_api.db import Database, DatabaseUnavailable
from rest_requests import not_a_request

app = APIGatewayRestResolver()
database = Database()  # one connection per warm environment

CUSTOMER_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_AMOUNT = Decimal("9999999999.99")  # numeric(12, 2)
CENTS = Decimal("0.01")
AMOUNT_RULE = "amount must be from 0 to 9999999999.99 with at most 2 decimals"
# Unknown field names named back in an error: a few, each cut short.
SHOWN_UNKNOWN_FIELDS = 5
SHOWN_FIELD_CHARS = 40
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
    unknown = sorted(set(body) - {"customer_id", "amount", "currency"})
    if unknown:
        shown = ", ".join(name[:SHOWN_FIELD_CHARS] for name in unknown[:SHOWN_UNKNOWN_FIELDS])
        more = f" and {len(unknown) - SHOWN_UNKNOWN_FIELDS} more" if len(unknown) > SHOWN_UNKNOWN_FIELDS else ""
        raise BadRequestError(f"unknown field(s): {shown}{more}; allowed: customer_id, amount, currency")
    customer, currency, amount = body.get("customer_id"), body.get("currency"), body.get("amount")
    if not isinstance(customer, str) or not CUSTOMER_ID.fullmatch(customer):
        raise BadRequestError("customer_id must be 1-64 letters, digits, '_' or '-'")
    if not isinstance(currency, str) or currency != currency.upper():
        raise BadRequestError("currency must be an ISO 4217 code in capitals, e.g. EUR")
    try:
        currency = order_values.currency(currency)
    except order_values.InvalidValue as exc:
        raise BadRequestError(exc.reason) from None
    try:
        value = order_values.amount(amount)
    except order_values.InvalidValue as exc:
        raise BadRequestError(f"{AMOUNT_RULE}: {exc.reason}") from None
    if value > MAX_AMOUNT or value != value.quantize(CENTS):
        raise BadRequestError(AMOUNT_RULE)
    # Stored as exactly what it means: 0E-1000000 is 0.00, not an exponent the database refuses.
    return {"customer_id": customer, "amount": value.quantize(CENTS), "currency": currency}


def _json_body() -> Any:
    raw = app.current_event.body
    if raw is None:
        raise BadRequestError("body must be JSON")
    try:
        if app.current_event.is_base64_encoded:
            raw = app.current_event.decoded_body
        # Decimals, never floats: an amount is kept exactly as sent.
        return json.loads(raw, parse_float=Decimal, parse_int=Decimal, parse_constant=_no_constant)
    except (ValueError, TypeError):
        raise BadRequestError("body must be JSON") from None
    except RecursionError:
        raise BadRequestError("body is nested too deeply") from None


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


@app.post("/orders")
def create_order() -> Response:
    order = _new_order(_json_body())
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


@tracer.capture_lambda_handler(capture_response=False)  # results may hold personal data
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def lambda_handler(event: dict, context: LambdaContext) -> dict:
    return not_a_request(event, logger) or app.resolve(event, context)
